import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cityGuidelineDocument } from "./fixtures/city-guideline.js";
import { COMPLETED_MARK_ATTRIBUTE, isFinished, nextTermDocument } from "./next-term.js";
import { flattenNodeDefs } from "./plan.js";
import type { NodeDef } from "./plan-document.js";

const opts = {
  title: "第2期指針",
  termLabel: "第2期",
  firstYear: 2024,
  lastYear: 2028,
  completedItems: "drop" as const,
};
const byKey = (nodes: NodeDef[]) => new Map(flattenNodeDefs(nodes).map((n) => [n.key, n]));

describe("creating the next term's plan from the city guideline's 2期案", () => {
  const { document, droppedKeys } = nextTermDocument(cityGuidelineDocument, opts);
  const next = byKey(document.nodes);

  it("applies each proposed tier: item 1 goes from Ⅰ to Ⅱ-イ, item 6 from Ⅱ-ア to Ⅰ", () => {
    assert.equal(next.get("item-1")!.tierCode, "Ⅱ-イ");
    assert.equal(next.get("item-6")!.tierCode, "Ⅰ");
    assert.equal(next.get("item-23")!.tierCode, "Ⅱ-ア");
  });

  it("drops the items proposed as finished (○ 完了) and keeps 済 items carried on as Ⅰ (○→I)", () => {
    assert.deepEqual(droppedKeys.sort(), ["item-22", "item-3"]);
    assert.equal(next.has("item-3"), false);
    assert.equal(next.get("item-18")!.tierCode, "Ⅰ");
    assert.equal(next.get("item-21")!.tierCode, "Ⅰ");
    assert.equal(flattenNodeDefs(document.nodes).filter((n) => n.kind === "item").length, 21);
  });

  it("clears the proposals and the old term's progress, and sets the new period and term", () => {
    assert.ok([...next.values()].every((n) => n.nextTerm === null));
    assert.deepEqual(document.rounds, []);
    assert.equal(document.termLabel, "第2期");
    assert.equal(document.firstYear, 2024);
    assert.deepEqual(document.tiers, cityGuidelineDocument.tiers);
  });

  it("keeps finished items marked instead when asked to", () => {
    const marked = byKey(
      nextTermDocument(cityGuidelineDocument, { ...opts, completedItems: "mark" }).document.nodes,
    );
    assert.equal(marked.get("item-3")!.attributes[COMPLETED_MARK_ATTRIBUTE], "完了");
    assert.equal(marked.get("item-1")!.attributes[COMPLETED_MARK_ATTRIBUTE], undefined);
  });

  it("knows a finished item from one carried on", () => {
    const item = (label: string, tierCode: string | null, completed: boolean) => ({
      kind: "item" as const,
      nextTerm: { label, tierCode, completed, reason: null },
    });
    assert.equal(isFinished(item("○", null, true)), true);
    assert.equal(isFinished(item("○→I", "Ⅰ", true)), false);
    assert.equal(isFinished(item("Ⅱ-イ", "Ⅱ-イ", false)), false);
    assert.equal(isFinished({ kind: "item", nextTerm: null }), false);
  });
});
