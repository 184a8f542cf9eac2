import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { canonicalJson } from "./plan-use-case.js";

/** The definition canonicalJson must keep: JSON.stringify with a replacer that sorts every object's keys. */
const reference = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );

describe("canonicalJson", () => {
  it("property: gives exactly the reference text for any JSON value (numeric keys, undefined, dates, unicode)", () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom("0", "9", "10", "2023", "01", "-1", "4294967295", "年度"),
    );
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date({ noInvalidDate: true }),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("v")), fc.dictionary(key, tie("v"))),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        assert.equal(canonicalJson(v), reference(v));
      }),
      { numRuns: 500 },
    );
  });

  it("equal values in any key order give one text", () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }),
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});
