import type { DbOrTx } from "../db/client.js";
import { readPlanIndicators } from "../indicators/plan-indicators.js";
import { readPlanRounds } from "../progress/index.js";
import { buildTree, type PlanNode, type TreeNode } from "./plan.js";
import { findNodes, findPlan, latestImportSource } from "./plan.repository.js";
import type { NodeDef, PlanDocument } from "./plan-document.js";

/**
 * The plan as a PlanDocument: its fields, vocabularies, revisions, chapters and tree from the plan tables, its
 * indicators and budgets from the indicators capability, its progress rounds from the progress capability, and the
 * source of the latest imported document. Pointers to items deleted since the
 * import are left out (round entries) or cleared (indicators, budgets), so the result always imports again.
 * `importPlanDocument(exportPlanDocument(x))` reports "unchanged".
 */
export async function exportPlanDocument(db: DbOrTx, planId: string): Promise<PlanDocument | null> {
  const plan = await findPlan(db, planId);
  if (!plan) return null;
  const nodes = await findNodes(db, planId);
  const keyById = new Map(nodes.map((n) => [n.id, n.key]));
  const toDef = (n: TreeNode<PlanNode>): NodeDef => ({
    key: n.key,
    kind: n.kind,
    level: n.level,
    label: n.label,
    title: n.title,
    content: n.content,
    yearlyGoal: n.yearlyGoal,
    targetState: n.targetState,
    tierCode: n.tierCode,
    departments: n.departments.map((d) => d.name),
    implementingBody: n.implementingBody,
    schedule: { ...n.schedule },
    crossRefOf: n.crossRefOf ? (keyById.get(n.crossRefOf) ?? null) : null,
    nextTerm: n.nextTerm,
    attributes: { ...n.attributes },
    children: n.children.map(toDef),
  });
  const source = await latestImportSource(db, planId);
  const { indicators, budgets } = await readPlanIndicators(db, planId, keyById);
  return {
    title: plan.title,
    kind: plan.kind,
    termLabel: plan.termLabel,
    subtitle: plan.subtitle,
    issuedLabel: plan.issuedLabel,
    ...(plan.issuer !== null ? { issuer: plan.issuer } : {}),
    firstYear: plan.firstYear,
    lastYear: plan.lastYear,
    levelNames: plan.levelNames,
    tiers: plan.tiers,
    statusVocabulary: plan.statusVocabulary,
    gradeVocabulary: plan.gradeVocabulary,
    revisions: plan.revisions,
    sections: plan.sections,
    nodes: buildTree(nodes.filter((n) => n.parentId === null || keyById.has(n.parentId))).map(toDef),
    indicators,
    budgets,
    rounds: (await readPlanRounds(db, planId, keyById)).map(({ id: _id, state: _state, ...round }) => round),
    departments: plan.departments,
    source: source ?? { name: plan.title, notes: [] },
  };
}
