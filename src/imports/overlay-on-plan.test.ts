import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { flattenNodeDefs } from "../plans/plan.js";
import type { PlanDocument } from "../plans/plan-document.js";
import { alignToPlan, type StoredNodeRef } from "./align-to-plan.js";
import { detectStructure } from "./detect.js";
import { readPastedText } from "./grid.js";
import { gridToPlanDocument } from "./grid-to-plan.js";
import { overlayOnPlan } from "./overlay-on-plan.js";

function table(text: string) {
  const grid = readPastedText(text);
  assert.ok(grid.ok);
  const detected = detectStructure(grid.value);
  assert.ok(detected.ok, detected.ok ? "" : detected.reason);
  const out = gridToPlanDocument(grid.value, detected.value.mapping, { title: "計画", kind: "指針" });
  assert.deepEqual(out.problems, []);
  return { ...out, mapping: detected.value.mapping };
}

/** The stored plan as the writer leaves it: the first import's keys, each node with an id. */
function stored(doc: PlanDocument): StoredNodeRef[] {
  return flattenNodeDefs(doc.nodes).map((n) => ({
    id: `id-${n.key}`,
    key: n.key,
    parentId: n.parentKey ? `id-${n.parentKey}` : null,
    kind: n.kind,
    label: n.label,
    title: n.title,
    crossRefOf: n.crossRefOf,
  }));
}

function update(current: PlanDocument, text: string): PlanDocument {
  const next = table(text);
  return overlayOnPlan(current, alignToPlan(next.doc, next.preview, stored(current)), next.mapping);
}

const flat = (doc: PlanDocument) =>
  flattenNodeDefs(doc.nodes).map((n) => [n.key, n.label, n.title, n.departments.join("・")]);

describe("a table read as an update of a stored plan", () => {
  const first = table("No\t内容\t担当課\n1\t広報の充実\t総務課\n2\t窓口の設置\t企画課").doc;

  it("a row added above shifts no row onto another item: each keeps its item, the new row gets a new key", () => {
    const next = update(
      first,
      "No\t内容\t担当課\n0\t新しい取組\t総務課\n1\t広報の充実\t総務課\n2\t窓口の設置\t企画課",
    );
    assert.deepEqual(flat(next), [
      ["r2-2", "0", "新しい取組", "総務課"],
      ["r2", "1", "広報の充実", "総務課"],
      ["r3", "2", "窓口の設置", "企画課"],
    ]);
  });

  it("columns the table does not have keep their stored values", () => {
    const next = update(first, "No\t内容\n1\t広報の充実（改）\n2\t窓口の設置");
    assert.deepEqual(flat(next), [
      ["r2", "1", "広報の充実（改）", "総務課"],
      ["r3", "2", "窓口の設置", "企画課"],
    ]);
  });

  it("the ID column names the item whatever its number; an item no row names goes", () => {
    const next = update(first, "ID\tNo\t内容\nid-r3\t5\t窓口の設置");
    assert.deepEqual(flat(next), [["r3", "5", "窓口の設置", "企画課"]]);
  });

  it("a table that prints fewer levels keeps the plan's categories; a new row goes after the row before it", () => {
    const plan = table(
      "No\t内容\t担当課\n\t第1 参加の促進\t\n1\t広報の充実\t総務課\n2\t窓口の設置\t企画課\n\t第2 協働の推進\t\n3\t円卓会議\t企画課",
    ).doc;
    const next = update(plan, "No\t内容\n1\t広報の充実\n2\t窓口の設置\n2-2\t相談会\n3\t円卓会議");
    assert.deepEqual(
      flattenNodeDefs(next.nodes).map((n) => [n.kind, n.label ?? n.title, n.parentKey, n.level]),
      [
        ["category", "第1", null, 0],
        ["item", "1", "r2", 1],
        ["item", "2", "r2", 1],
        ["item", "2-2", "r2", 1],
        ["category", "第2", null, 0],
        ["item", "3", "r5", 1],
      ],
    );
  });
});
