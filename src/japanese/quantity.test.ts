import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  formatQuantity,
  PREFIX_QUALIFIERS,
  parseQuantity,
  type Quantity,
  SUFFIX_QUALIFIERS,
} from "./quantity.js";

function q(text: string): Quantity {
  const r = parseQuantity(text);
  if (!r.ok) assert.fail(`${text}: ${r.reason}`);
  return r.value;
}

describe("parseQuantity", () => {
  it("reads the values of the indicator and budget tables", () => {
    assert.deepEqual(q("1,600団体"), { value: 1600, unit: "団体", qualifier: null });
    assert.deepEqual(q("3,011千円"), { value: 3011, unit: "千円", qualifier: null });
    assert.deepEqual(q("50%以上"), { value: 50, unit: "%", qualifier: "以上" });
    assert.deepEqual(q("５０％以上"), { value: 50, unit: "%", qualifier: "以上" });
    assert.deepEqual(q("１５名"), { value: 15, unit: "名", qualifier: null });
    assert.deepEqual(q("2,097"), { value: 2097, unit: null, qualifier: null });
    assert.deepEqual(q("約1.5万人"), { value: 1.5, unit: "万人", qualifier: "約" });
    assert.deepEqual(q("▲1,200千円"), { value: -1200, unit: "千円", qualifier: null });
    assert.deepEqual(q("1 5 名"), { value: 15, unit: "名", qualifier: null });
    assert.deepEqual(q("0件"), { value: 0, unit: "件", qualifier: null });
  });

  it("reads a dash or a blank as absent, not zero", () => {
    for (const absent of ["-", "－", "―", "‐", "ー", "", "  ", "−"]) {
      assert.deepEqual(q(absent), { value: null, unit: null, qualifier: null }, JSON.stringify(absent));
    }
    assert.deepEqual(q("- 千円"), { value: null, unit: "千円", qualifier: null });
  });

  it("explains what it cannot read", () => {
    const sep = parseQuantity("16,00団体");
    assert.ok(!sep.ok && sep.reason.includes("桁区切り"));
    const words = parseQuantity("未定");
    assert.ok(!words.ok && words.reason.includes("数値として読めません"));
    const ratio = parseQuantity("5/6");
    assert.ok(!ratio.ok);
  });

  it("round-trips any quantity through formatQuantity", () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -1e9, max: 1e12 }),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000),
    );
    const unit = fc.constantFrom(null, "団体", "千円", "%", "人", "事業", "名", "か所", "回");
    const qualifier = fc.constantFrom(null, ...PREFIX_QUALIFIERS, ...SUFFIX_QUALIFIERS, "約・以上");
    fc.assert(
      fc.property(value, unit, qualifier, (v, u, ql) => {
        // Without a value and a unit the text is just "-", which carries no qualifier.
        fc.pre(!(v === null && u === null && ql !== null));
        const quantity: Quantity = { value: v === 0 ? 0 : v, unit: u, qualifier: ql };
        assert.deepEqual(
          parseQuantity(formatQuantity(quantity)),
          { ok: true, value: quantity },
          formatQuantity(quantity),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" })), (s) => {
        const r = parseQuantity(s);
        if (r.ok && r.value.value !== null) assert.ok(Number.isFinite(r.value.value));
      }),
      { numRuns: 500 },
    );
  });
});
