import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cityGuidelineDocument, cityStatedTallies } from "./fixtures/city-guideline.js";
import {
  buildTree,
  canonicalOf,
  checkNodeAgainstPlan,
  compareStatedTally,
  countableDefs,
  countItems,
  findDuplicateLabel,
  flattenTree,
  isAllDivisions,
  isResponsible,
  matchDepartment,
  removedWith,
  scheduleColumns,
  tallyByTier,
  wouldCreateCycle,
  yearsOutsidePeriod,
} from "./plan.js";

const city = cityGuidelineDocument;
const cityNodes = countableDefs(city.nodes);
const cityStatus = new Map(city.rounds[0]!.entries.map((e) => [e.nodeKey, e.statusLabel]));
const statusOf = (n: { id: string }) => cityStatus.get(n.id) ?? null;

/** "4/6 済, 1/6 着手中" — the way DOMAIN.md writes a tally row */
function asText(t: { total: number; byStatus: { label: string; count: number }[] }): string {
  return t.byStatus.map((s) => `${s.count}/${t.total} ${s.label}`).join(", ");
}

describe("counting the items of a plan", () => {
  it("counts the 23 items of the city guideline and not its category rows", () => {
    assert.equal(countItems(cityNodes), 23);
    assert.equal(cityNodes.filter((n) => n.kind === "category").length, 7 + 16);
  });

  it("counts an item listed again (再掲) once", () => {
    const nodes = [
      { id: "a", kind: "item" as const, tierCode: "Ⅰ", crossRefOf: null },
      { id: "b", kind: "item" as const, tierCode: "Ⅰ", crossRefOf: null },
      { id: "a-again", kind: "item" as const, tierCode: null, crossRefOf: "a" },
      { id: "cat", kind: "category" as const, tierCode: null, crossRefOf: null },
    ];
    assert.equal(countItems(nodes), 2);
  });

  it("counts a 再掲 listing once even when its original is not in the list (a department's view)", () => {
    const nodes = [
      { id: "x-again", kind: "item" as const, tierCode: null, crossRefOf: "x" },
      { id: "x-again-2", kind: "item" as const, tierCode: null, crossRefOf: "x" },
    ];
    assert.equal(countItems(nodes), 1);
  });
});

describe("tallying items per tier", () => {
  it("reproduces the counted column of the city document's real tally error", () => {
    const tally = tallyByTier(cityNodes, statusOf, city.statusVocabulary, city.tiers);
    assert.deepEqual(
      tally.map((t) => [t.tierCode, asText(t)]),
      [
        ["Ⅰ", "4/6 済, 1/6 着手中, 1/6 未"],
        ["Ⅱ-ア", "1/6 済, 2/6 一部済, 1/6 着手中, 2/6 未"],
        ["Ⅱ-イ", "6/9 済, 1/9 一部済, 2/9 未"],
        ["Ⅲ", "2/2 未"],
      ],
    );
  });

  it("keeps 済 and 済・継 apart in the printed-status counts while counting both as done", () => {
    const [tierI] = tallyByTier(cityNodes, statusOf, city.statusVocabulary, city.tiers);
    assert.equal(tierI!.byCanonical.done, 4);
    assert.deepEqual(
      tierI!.byPrintedStatus.sort((a, b) => a.label.localeCompare(b.label)),
      [
        { label: "未", count: 1 },
        { label: "済", count: 2 },
        { label: "済・継", count: 2 },
        { label: "着手中", count: 1 },
      ].sort((a, b) => a.label.localeCompare(b.label)),
    );
  });

  it("counts 済・継 as not done when the plan's vocabulary does not map it to done", () => {
    const vocab = city.statusVocabulary.map((s) =>
      s.label === "済・継" ? { ...s, canonical: "in_progress" as const } : s,
    );
    const [tierI] = tallyByTier(cityNodes, statusOf, vocab, city.tiers);
    assert.equal(tierI!.byCanonical.done, 2);
    assert.equal(tierI!.byCanonical.in_progress, 3);
  });

  it("counts a 再掲 listing once in its original's tier with the original's status", () => {
    const nodes = [
      ...cityNodes,
      { id: "again-1", kind: "item" as const, tierCode: "Ⅲ", crossRefOf: "item-1" },
    ];
    const tally = tallyByTier(nodes, statusOf, city.statusVocabulary, city.tiers);
    assert.equal(tally.find((t) => t.tierCode === "Ⅰ")!.total, 6);
    assert.equal(tally.find((t) => t.tierCode === "Ⅲ")!.total, 2);
  });

  it("counts an item whose status is missing or unknown as unreported", () => {
    const tally = tallyByTier(
      cityNodes,
      (n) => (n.id === "item-1" ? "不明" : n.id === "item-2" ? null : statusOf(n)),
      city.statusVocabulary,
      city.tiers,
    );
    assert.equal(tally[0]!.unreported, 2);
    assert.equal(tally[0]!.byCanonical.done, 2);
  });

  it("shows where the printed tally disagrees with the items, and that tier Ⅲ agrees", () => {
    const tally = tallyByTier(cityNodes, statusOf, city.statusVocabulary, city.tiers);
    const diffs = cityStatedTallies.map((s) => ({
      tier: s.group,
      diffs: compareStatedTally(s.counts, tally.find((t) => t.tierCode === s.group)!, city.statusVocabulary),
    }));
    assert.deepEqual(diffs.find((d) => d.tier === "Ⅰ")!.diffs, [
      { statusLabel: "済", stated: "5/6", computed: "4/6" },
      { statusLabel: "着手中", stated: null, computed: "1/6" },
    ]);
    assert.equal(diffs.find((d) => d.tier === "Ⅱ-イ")!.diffs.length, 3);
    assert.deepEqual(diffs.find((d) => d.tier === "Ⅲ")!.diffs, []);
  });
});

describe("the plan tree", () => {
  const rows = [
    { id: "r", parentId: null, position: 0 },
    { id: "a", parentId: "r", position: 1 },
    { id: "b", parentId: "r", position: 0 },
    { id: "a1", parentId: "a", position: 0 },
  ];

  it("builds the tree with children in their position order", () => {
    const tree = buildTree(rows);
    assert.deepEqual(
      flattenTree(tree).map((n) => n.id),
      ["r", "b", "a", "a1"],
    );
  });

  it("refuses to move a node under itself or under one of its descendants", () => {
    assert.equal(wouldCreateCycle(rows, "a", "a"), true);
    assert.equal(wouldCreateCycle(rows, "r", "a1"), true);
    assert.equal(wouldCreateCycle(rows, "a1", "b"), false);
    assert.equal(wouldCreateCycle(rows, "a", null), false);
  });

  it("finds a duplicate number label under one parent, whatever the character width", () => {
    const siblings = [
      { id: "1", label: "（1）" },
      { id: "2", label: "（2）" },
      { id: "3", label: null },
    ];
    assert.equal(findDuplicateLabel(siblings, "(1)")?.id, "1");
    assert.equal(findDuplicateLabel(siblings, "（1）", "1"), undefined);
    assert.equal(findDuplicateLabel(siblings, null), undefined);
    assert.equal(findDuplicateLabel(siblings, "（3）"), undefined);
  });

  it("names the schedule years that fall outside the plan period", () => {
    assert.deepEqual(
      yearsOutsidePeriod({ 2012: "start", 2013: "continue", 2018: "continue" }, 2013, 2017),
      [2012, 2018],
    );
    assert.deepEqual(yearsOutsidePeriod({ 2012: "start" }, null, null), []);
  });

  it("lays out the schedule grid over the plan period", () => {
    assert.deepEqual(
      scheduleColumns({ firstYear: 2013, lastYear: 2015 }, [{ schedule: { 2014: "start" } }]),
      [2013, 2014, 2015],
    );
    assert.deepEqual(scheduleColumns({ firstYear: 2013, lastYear: 2015 }, [{ schedule: {} }]), []);
  });

  it("gives a field message for a tier, a schedule year or a level the plan does not have", () => {
    const plan = { tiers: city.tiers, firstYear: 2013, lastYear: 2017, levelNames: ["a", "b"] };
    const errors = checkNodeAgainstPlan(plan, {
      tierCode: "Ⅳ",
      schedule: { 2020: "start" },
      level: 2,
      nextTerm: { label: "Ⅴ", tierCode: "Ⅴ", completed: false, reason: null },
    });
    assert.deepEqual(Object.keys(errors).sort(), ["level", "nextTermTierCode", "schedule", "tierCode"]);
    assert.match(errors.tierCode!, /Ⅳ/);
    assert.match(errors.schedule!, /2020/);
    assert.deepEqual(
      checkNodeAgainstPlan(plan, { tierCode: "Ⅱ-ア", schedule: { 2013: "start" }, level: 1, nextTerm: null }),
      {},
    );
  });
});

describe("vocabularies and departments", () => {
  it("maps a printed status to its canonical state, width-insensitively", () => {
    assert.equal(canonicalOf(city.statusVocabulary, "済・継"), "done");
    assert.equal(canonicalOf(city.statusVocabulary, "未実施"), null);
    assert.equal(canonicalOf(city.statusVocabulary, null), null);
  });

  it("gives the same answer when asked again, and asks another vocabulary afresh", () => {
    const vocabulary = [{ label: "済", canonical: "done" as const }];
    assert.equal(canonicalOf(vocabulary, "済"), "done");
    assert.equal(canonicalOf(vocabulary, "済"), "done");
    assert.equal(canonicalOf(vocabulary, "未"), null);
    assert.equal(canonicalOf([{ label: "済", canonical: "in_progress" as const }], "済"), "in_progress");
  });

  it("treats 全課 as every department being responsible", () => {
    assert.equal(isAllDivisions("全課"), true);
    assert.equal(isAllDivisions("協働推進課"), false);
    assert.equal(isResponsible({ departments: [{ name: "全課", departmentId: null }] }, ["d1"]), true);
    assert.equal(isResponsible({ departments: [{ name: "協働推進課", departmentId: "d2" }] }, ["d1"]), false);
    assert.equal(isResponsible({ departments: [{ name: "協働推進課", departmentId: "d1" }] }, ["d1"]), true);
  });
});

describe("deleting and department names", () => {
  it("removes a node with everything under it and the 再掲 listings of those items", () => {
    const nodes = [
      { id: "h1", parentId: null, crossRefOf: null },
      { id: "a", parentId: "h1", crossRefOf: null },
      { id: "h2", parentId: null, crossRefOf: null },
      { id: "a-again", parentId: "h2", crossRefOf: "a" },
      { id: "b", parentId: "h2", crossRefOf: null },
    ];
    assert.deepEqual(
      removedWith(nodes, "h1").map((n) => n.id),
      ["h1", "a", "a-again"],
    );
    assert.deepEqual(
      removedWith(nodes, "b").map((n) => n.id),
      ["b"],
    );
  });

  it("matches a printed department to the organisation's by full name, old name or its last part", () => {
    const depts = [
      { id: "1", names: ["環境生活部 県民生活課"] },
      { id: "2", names: ["協働推進課", "市民協働課"] },
      { id: "3", names: ["総務部 総務課"] },
      { id: "4", names: ["企画部 総務課"] },
    ];
    assert.equal(matchDepartment("県民生活課", depts)?.id, "1");
    assert.equal(matchDepartment("環境生活部　県民生活課", depts)?.id, "1");
    assert.equal(matchDepartment("市民協働課", depts)?.id, "2");
    assert.equal(matchDepartment("総務課", depts), null, "ambiguous");
    assert.equal(matchDepartment("産業振興課", depts), null);
  });
});
