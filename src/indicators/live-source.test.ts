import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  formatLiveSource,
  LIVE_KINDS,
  liveSourceChoices,
  liveYears,
  mergeLiveActuals,
  parseLiveSource,
} from "./live-source.js";

describe("the live sources an indicator can be bound to", () => {
  it("reads the closed list, a legal form only on registered groups", () => {
    assert.deepEqual(parseLiveSource("groups"), { kind: "groups", legalForm: null });
    assert.deepEqual(parseLiveSource("groups:NPO法人"), { kind: "groups", legalForm: "NPO法人" });
    assert.deepEqual(parseLiveSource("projects-reviewed"), { kind: "projects-reviewed", legalForm: null });
    for (const bad of ["", null, "members", "projects:NPO法人", "groups:宇宙人", "groups:"])
      assert.equal(parseLiveSource(bad), null, String(bad));
  });

  it("offers every choice of the form, and each reads back to itself", () => {
    const choices = liveSourceChoices();
    assert.equal(choices[0], "");
    for (const k of LIVE_KINDS) assert.ok(choices.includes(k));
    for (const c of choices.slice(1)) assert.equal(formatLiveSource(parseLiveSource(c)!), c);
  });

  it("never accepts a stored value outside the form's choices", () => {
    const choices = new Set(liveSourceChoices());
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const r = parseLiveSource(s);
        if (r) assert.ok(choices.has(formatLiveSource(r)));
      }),
    );
  });
});

describe("which years of a live indicator are counted", () => {
  it("counts the years shown up to the current fiscal year, except the frozen ones", () => {
    assert.deepEqual(liveYears([2022, 2023, 2024, 2025, 2023], new Set([2022]), 2024), [2023, 2024]);
    assert.deepEqual(liveYears([2030], new Set(), 2024), []);
  });

  it("puts the counts in beside the targets, adding a year without a row, keeping notes", () => {
    const merged = mergeLiveActuals(
      [
        { fiscalYear: 2023, target: 10, actual: null, note: "年度末" },
        { fiscalYear: 2025, target: 12, actual: null, note: null },
      ],
      new Map([
        [2023, 9],
        [2024, 11],
      ]),
    );
    assert.deepEqual(merged, [
      { fiscalYear: 2023, target: 10, actual: 9, note: "年度末" },
      { fiscalYear: 2024, target: null, actual: 11, note: null },
      { fiscalYear: 2025, target: 12, actual: null, note: null },
    ]);
  });
});
