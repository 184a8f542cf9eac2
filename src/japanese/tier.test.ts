import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { formatTierLabel, parseTierLabel, type TierLabel } from "./tier.js";

function tier(text: string): TierLabel {
  const r = parseTierLabel(text);
  if (!r.ok) assert.fail(`${text}: ${r.reason}`);
  return r.value;
}

describe("parseTierLabel", () => {
  it("reads the tiers of the guideline progress list", () => {
    assert.deepEqual(tier("【Ⅰ】<重点施策>"), { code: "Ⅰ", note: "重点施策" });
    assert.deepEqual(tier("【Ⅰ】<重点>"), { code: "Ⅰ", note: "重点" });
    assert.deepEqual(tier("【Ⅱ-ア】"), { code: "Ⅱ-ア", note: null });
    assert.deepEqual(tier("【Ⅱ-イ】"), { code: "Ⅱ-イ", note: null });
    assert.deepEqual(tier("【Ⅲ】"), { code: "Ⅲ", note: null });
    assert.deepEqual(tier("Ⅱ-イ"), { code: "Ⅱ-イ", note: null });
  });

  it("normalises ASCII, full-width and half-width spellings to one code", () => {
    assert.deepEqual(tier("I"), { code: "Ⅰ", note: null });
    assert.deepEqual(tier("II-ｲ"), { code: "Ⅱ-イ", note: null });
    assert.deepEqual(tier("Ⅱｰｲ"), { code: "Ⅱ-イ", note: null });
    assert.deepEqual(tier("【Ｉ】＜重点施策＞"), { code: "Ⅰ", note: "重点施策" });
    assert.deepEqual(tier("Ⅰ 重点施策"), { code: "Ⅰ", note: "重点施策" });
  });

  it("reads letter tiers in any bracket, alone or with their definition", () => {
    assert.deepEqual(tier("［A］"), { code: "A", note: null });
    assert.deepEqual(tier("【Ｓ】"), { code: "S", note: null });
    assert.deepEqual(tier("B"), { code: "B", note: null });
    assert.deepEqual(tier("〔C〕<継続>"), { code: "C", note: "継続" });
    assert.deepEqual(tier("［A］最優先で短期に実施するもの"), {
      code: "A",
      note: "最優先で短期に実施するもの",
    });
    for (const bad of ["A市", "AB", "ABC推進", "a"]) assert.ok(!parseTierLabel(bad).ok, bad);
  });

  it("refuses what is not a tier, with an example of one", () => {
    for (const bad of ["完了", "○→I", "IT推進", "", "【重点】", "Ⅱ-イウ"]) {
      const r = parseTierLabel(bad);
      assert.ok(!r.ok && r.reason.length > 0, bad);
    }
    const r = parseTierLabel("完了");
    assert.ok(!r.ok && r.reason.includes("【Ⅰ】"));
  });

  it("round-trips through formatTierLabel", () => {
    const code = fc
      .tuple(
        fc.constantFrom(..."ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"),
        fc.option(fc.constantFrom(..."アイウエオカキ"), { nil: null }),
      )
      .map(([r, k]) => (k ? `${r}-${k}` : r));
    const note = fc.option(fc.constantFrom("重点施策", "重点", "短期", "継続 充実"), { nil: null });
    fc.assert(
      fc.property(code, note, (c, n) => {
        assert.deepEqual(parseTierLabel(formatTierLabel({ code: c, note: n })), {
          ok: true,
          value: { code: c, note: n },
        });
      }),
    );
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string(), (s) => void parseTierLabel(s)),
      { numRuns: 500 },
    );
  });
});
