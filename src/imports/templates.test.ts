import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NodeDef, PlanDocument } from "../plans/plan-document.js";
import { detectStructure } from "./detect.js";
import { type Grid, readCsv, readXlsx } from "./grid.js";
import { gridToPlanDocument } from "./grid-to-plan.js";
import { planTemplateCsv, planTemplateXlsx } from "./templates.js";

function items(nodes: NodeDef[]): NodeDef[] {
  return nodes.flatMap((n) => (n.kind === "item" ? [n] : items(n.children)));
}

function reimport(grid: Grid): PlanDocument {
  const detection = detectStructure(grid);
  if (!detection.ok) assert.fail(detection.reason);
  const { doc, problems } = gridToPlanDocument(grid, detection.value.mapping, { fiscalYear: 2024 });
  assert.deepEqual(problems, []);
  return doc;
}

function assertSampleContent(doc: PlanDocument) {
  assert.deepEqual(
    doc.nodes.map((n) => [n.label, n.title, n.children[0]?.label]),
    [["（1）", "活動の場の提供に関すること", "ア"]],
  );
  const all = items(doc.nodes);
  assert.deepEqual(
    all.map((n) => [n.label, n.tierCode, n.nextTerm?.tierCode ?? null, n.nextTerm?.completed]),
    [
      ["1", "Ⅰ", "Ⅱ-イ", false],
      ["2", "Ⅱ-ア", "Ⅰ", true],
      ["3", "Ⅲ", null, true],
    ],
  );
  assert.deepEqual(all[0]!.schedule, { "2024": "start", "2025": "continue", "2026": "continue" });
  assert.deepEqual(all[1]!.departments, ["協働推進課", "産業振興課"]);
  assert.equal(all[0]!.content, "市民活動団体が使える公共施設の一覧を公開する");
  assert.equal(all[0]!.implementingBody, "市");
  assert.deepEqual(
    doc.rounds[0]!.entries.map((e) => e.statusLabel),
    ["済・継", "着手中", "未"],
  );
  assert.deepEqual([doc.firstYear, doc.lastYear], [2024, 2028]);
}

describe("the plan-list templates", () => {
  it("re-imports the xlsx template without a problem", async () => {
    const grid = await readXlsx(await planTemplateXlsx({ firstYear: 2024 }));
    if (!grid.ok) assert.fail(grid.reason);
    assertSampleContent(reimport(grid.value));
  });

  it("re-imports the CSV template without a problem", () => {
    const grid = readCsv(planTemplateCsv({ firstYear: 2024 }));
    if (!grid.ok) assert.fail(grid.reason);
    assert.equal(grid.value.encoding, "utf-8-bom");
    assertSampleContent(reimport(grid.value));
  });

  it("starts the year columns at the requested fiscal year", async () => {
    const grid = await readXlsx(await planTemplateXlsx({ firstYear: 2019 }));
    if (!grid.ok) assert.fail(grid.reason);
    const detection = detectStructure(grid.value);
    if (!detection.ok) assert.fail(detection.reason);
    assert.deepEqual(
      detection.value.mapping.years.map((y) => y.fiscalYear),
      [2019, 2020, 2021, 2022, 2023],
    );
  });
});
