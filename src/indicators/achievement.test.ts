import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  achievementRate,
  budgetTotals,
  progressFromBaseline,
  sumPresent,
  yearAchievements,
} from "./achievement.js";

// The main indicator of the fiscal-2010 policy overview (NPOの数, 団体).
const npo = [
  { fiscalYear: 2006, target: null, actual: 1522 },
  { fiscalYear: 2007, target: 1600, actual: 1576 },
  { fiscalYear: 2008, target: 1700, actual: 1931 },
  { fiscalYear: 2009, target: 2040, actual: null },
  { fiscalYear: 2010, target: 2140, actual: null },
];

describe("indicator achievement", () => {
  it("rates the year's actual against its target (1,931 of 1,700 団体 is 113.6 %)", () => {
    const rows = yearAchievements(npo, "up");
    assert.equal(rows[2]?.state, "achieved");
    assert.equal(rows[2]?.rate?.toFixed(1), "113.6");
    assert.equal(rows[1]?.state, "not-achieved");
    assert.equal(rows[1]?.rate?.toFixed(1), "98.5");
  });

  it("never turns an absent target or actual into zero", () => {
    const rows = yearAchievements(npo, "up");
    assert.deepEqual(
      rows.map((r) => r.state),
      ["no-target", "not-achieved", "achieved", "no-actual", "no-actual"],
    );
    assert.equal(rows[0]?.rate, null);
    assert.equal(rows[4]?.rate, null);
  });

  it("inverts the rate for indicators where lower is better", () => {
    assert.equal(achievementRate(50, 40, "down"), 125);
    assert.equal(
      yearAchievements([{ fiscalYear: 2020, target: 50, actual: 40 }], "down")[0]?.state,
      "achieved",
    );
  });

  it("measures progress from the baseline to the final target (66.2 % for NPOの数 in H20)", () => {
    const p = progressFromBaseline(npo, 2006);
    assert.ok(p);
    assert.equal(p.baseline, 1522);
    assert.equal(p.finalTarget, 2140);
    assert.equal(p.latestYear, 2008);
    assert.equal(p.percent.toFixed(1), "66.2");
  });

  it("has no progress without a later actual", () => {
    assert.equal(
      progressFromBaseline(
        [
          { fiscalYear: 2006, target: null, actual: 10 },
          { fiscalYear: 2010, target: 20, actual: null },
        ],
        2006,
      ),
      null,
    );
  });

  it("a rate is 100 % exactly when the actual equals a non-zero target, either direction", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.constantFrom("up" as const, "down" as const),
        (t, d) => {
          assert.equal(achievementRate(t, t, d), 100);
        },
      ),
    );
  });
});

describe("budget totals", () => {
  it("adds thousand-yen amounts per year and keeps a year of only dashes absent", () => {
    const t = budgetTotals([
      {
        name: "ふるさと雇用再生事業",
        amounts: [
          { fiscalYear: 2009, amount: null },
          { fiscalYear: 2010, amount: 50381 },
        ],
      },
      {
        name: "協働推進事業",
        amounts: [
          { fiscalYear: 2009, amount: 3011 },
          { fiscalYear: 2010, amount: 2612 },
        ],
      },
    ]);
    assert.deepEqual(t.years, [2009, 2010]);
    assert.equal(t.perYear.get(2009), 3011);
    assert.equal(t.perYear.get(2010), 52993);
    assert.deepEqual(t.perLine, [50381, 5623]);
    assert.equal(t.grand, 56004);
    assert.equal(sumPresent([null, null]), null);
  });

  it("the grand total equals the sum of the yearly totals", () => {
    const amount = fc.option(fc.integer({ min: 0, max: 1e7 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.array(amount, { minLength: 3, maxLength: 3 }), { maxLength: 6 }), (grid) => {
        const lines = grid.map((row, i) => ({
          name: `l${i}`,
          amounts: row.map((a, j) => ({ fiscalYear: 2020 + j, amount: a })),
        }));
        const t = budgetTotals(lines);
        assert.equal(t.grand, sumPresent([...t.perYear.values()]));
      }),
    );
  });
});
