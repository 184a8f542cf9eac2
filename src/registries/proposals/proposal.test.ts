import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  callIsOpen,
  criteriaToLines,
  maxTotal,
  parseCriteriaLines,
  proposalResult,
  rankProposals,
  weightedTotal,
} from "./proposal.js";

const criteria = [
  { name: "公益性", weight: 2 },
  { name: "実現性", weight: 1 },
];

describe("the call's period", () => {
  it("takes proposals from the opening day to the closing day, both included", () => {
    const call = { opensOn: "2025-04-01", closesOn: "2025-05-31" };
    assert.equal(callIsOpen(call, "2025-03-31"), false);
    assert.equal(callIsOpen(call, "2025-04-01"), true);
    assert.equal(callIsOpen(call, "2025-05-31"), true);
    assert.equal(callIsOpen(call, "2025-06-01"), false);
  });
});

describe("scores", () => {
  it("weights each criterion and averages the reviewers to one decimal", () => {
    assert.equal(
      weightedTotal(criteria, [
        { score: 5, reason: "" },
        { score: 3, reason: "" },
      ]),
      13,
    );
    assert.equal(maxTotal({ criteria, scaleMax: 5 }), 15);
    const r = proposalResult(criteria, [
      {
        scores: [
          { score: 5, reason: "" },
          { score: 3, reason: "" },
        ],
      },
      {
        scores: [
          { score: 4, reason: "" },
          { score: 4, reason: "" },
        ],
      },
    ]);
    assert.deepEqual(r, { total: 12.5, perCriterion: [4.5, 3.5], reviewers: 2 });
    assert.equal(proposalResult(criteria, []), null);
  });

  it("never gives a mean above the full marks or below zero", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (sheets) => {
          const r = proposalResult(
            criteria,
            sheets.map(([a, b]) => ({
              scores: [
                { score: a, reason: "" },
                { score: b, reason: "" },
              ],
            })),
          )!;
          assert.ok(r.total >= 0 && r.total <= maxTotal({ criteria, scaleMax: 5 }));
        },
      ),
    );
  });

  it("ranks by mean, sharing a rank on a tie, unscored last without a rank", () => {
    const ranked = rankProposals([
      { proposal: { title: "う" }, result: null },
      { proposal: { title: "い" }, result: { total: 10 } },
      { proposal: { title: "あ" }, result: { total: 10 } },
      { proposal: { title: "え" }, result: { total: 12 } },
    ]);
    assert.deepEqual(
      ranked.map((r) => [r.proposal.title, r.rank]),
      [
        ["え", 1],
        ["あ", 2],
        ["い", 2],
        ["う", null],
      ],
    );
  });
});

describe("criteria typed one a line", () => {
  it("reads name|weight|description, full-width bars and digits too, weight 1 by default", () => {
    assert.deepEqual(parseCriteriaLines("公益性｜２｜地域の課題\n\n実現性").criteria, [
      { name: "公益性", weight: 2, description: "地域の課題" },
      { name: "実現性", weight: 1 },
    ]);
  });

  it("names the line of a bad weight or a missing name, and asks for at least one", () => {
    assert.deepEqual(parseCriteriaLines("公益性|11\n|2").errors, [
      "1行目: 重みは1から10の整数で入力してください",
      "2行目: 審査基準の名称がありません",
    ]);
    assert.deepEqual(parseCriteriaLines("  ").errors, ["審査基準を1行に1つ入力してください"]);
  });

  it("reads back what it writes", () => {
    const name = fc
      .string({ minLength: 1, maxLength: 10 })
      .filter((s) => !/[|｜\n\r]/.test(s) && s.trim() === s && s.normalize("NFKC") === s && s !== "");
    fc.assert(
      fc.property(
        fc.array(fc.record({ name, weight: fc.integer({ min: 1, max: 10 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        (cs) => {
          assert.deepEqual(
            parseCriteriaLines(criteriaToLines(cs)).criteria,
            cs.map((c) => ({ name: c.name, weight: c.weight })),
          );
        },
      ),
    );
  });
});
