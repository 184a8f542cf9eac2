/** Test data for the progress tests: a small plan with two departments, one 全課 item and one 再掲. */

import type { Db } from "../db/client.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { createOrg, person } from "../plans/plan.factories.js";
import { findNodes } from "../plans/plan.repository.js";
import type { NodeDef, PlanDocument } from "../plans/plan-document.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";

const node = (key: string, title: string, over: Partial<NodeDef> = {}): NodeDef => ({
  key,
  kind: "item",
  level: 1,
  label: null,
  title,
  content: null,
  yearlyGoal: null,
  targetState: null,
  tierCode: "Ⅰ",
  departments: [],
  implementingBody: null,
  schedule: {},
  crossRefOf: null,
  nextTerm: null,
  attributes: {},
  children: [],
  ...over,
});

/** 4 items: a (協働推進課), b (産業振興課), c (協働推進課 and 産業振興課), d (全課); and a 再掲 of a. */
export function smallPlanDocument(title = "協働推進計画"): PlanDocument {
  return {
    title,
    kind: "推進計画",
    termLabel: "第1期",
    subtitle: null,
    issuedLabel: null,
    firstYear: 2022,
    lastYear: 2026,
    levelNames: ["基本方針", "具体的な取組"],
    tiers: [
      { code: "Ⅰ", label: "【Ⅰ】", definition: null },
      { code: "Ⅱ", label: "【Ⅱ】", definition: null },
    ],
    statusVocabulary: [
      { label: "済", canonical: "done" },
      { label: "済・継", canonical: "done" },
      { label: "着手中", canonical: "in_progress" },
      { label: "未", canonical: "not_started" },
    ],
    gradeVocabulary: [
      { label: "◎", definition: null },
      { label: "○", definition: null },
      { label: "△", definition: null },
    ],
    revisions: [],
    sections: [],
    nodes: [
      node("top", "協働の基盤づくり", {
        kind: "category",
        level: 0,
        label: "Ⅰ",
        tierCode: null,
        children: [
          node("a", "活動拠点の確保", { label: "1", departments: ["協働推進課"] }),
          node("b", "中小企業との協働", { label: "2", departments: ["産業振興課"], tierCode: "Ⅱ" }),
          node("c", "協働事業提案制度", { label: "3", departments: ["協働推進課", "産業振興課"] }),
          node("d", "職員研修", { label: "4", departments: ["全課"], tierCode: "Ⅱ" }),
          node("a-ref", "活動拠点の確保", { label: "5", crossRefOf: "a" }),
        ],
      }),
    ],
    indicators: [],
    budgets: [],
    rounds: [
      {
        fiscalYear: 2023,
        asOfLabel: "令和6年3月末日時点",
        asOfDate: "2024-03-31",
        entries: [
          {
            nodeKey: "a",
            department: "協働推進課",
            statusLabel: "着手中",
            grade: "○",
            result: "拠点を1か所開設した。\n利用団体は12団体。",
            doText: null,
            checkText: null,
            issuesText: null,
            actText: null,
            narrative: [],
          },
        ],
        statedTallies: [
          { groupBy: "tier", group: "Ⅰ", text: "1/3：済", counts: [{ statusLabel: "済", count: 1, of: 3 }] },
        ],
      },
    ],
    departments: ["協働推進課", "産業振興課"],
    source: { name: "test", notes: [] },
  };
}

export type ProgressWorld = {
  orgId: string;
  planId: string;
  departmentIds: { kyodo: string; sangyo: string };
  nodeIdByKey: Map<string, string>;
  admin: ReturnType<typeof person>;
  kyodoStaff: ReturnType<typeof person>;
  sangyoStaff: ReturnType<typeof person>;
  committee: ReturnType<typeof person>;
};

/** An organisation with the small plan imported and a person of each role. */
export async function progressWorld(db: Db, title?: string): Promise<ProgressWorld> {
  const { orgId, departmentIds } = await createOrg(db, { departments: ["協働推進課", "産業振興課"] });
  const imported = await importPlanDocument({ db }, SYSTEM_ACTOR, orgId, smallPlanDocument(title));
  if (!imported.ok) throw new Error(JSON.stringify(imported));
  const nodes = await findNodes(db, imported.planId);
  const kyodo = departmentIds.協働推進課!;
  const sangyo = departmentIds.産業振興課!;
  return {
    orgId,
    planId: imported.planId,
    departmentIds: { kyodo, sangyo },
    nodeIdByKey: new Map(nodes.map((n) => [n.key, n.id])),
    admin: person(orgId, "admin"),
    kyodoStaff: person(orgId, "department", [kyodo]),
    sangyoStaff: person(orgId, "department", [sangyo]),
    committee: person(orgId, "committee"),
  };
}
