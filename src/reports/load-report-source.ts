/**
 * Reads what a report prints, through the other capabilities' read functions (plans, indicators, progress):
 * the plan and its tree, indicators and budgets, and the rounds with their entries and stated tallies.
 * Comments on entries are not read: no report ever prints them.
 */
import { findHomeOrganisation } from "../accounts/organisation.repository.js";
import type { DbOrTx } from "../db/client.js";
import { readPlanIndicators } from "../indicators/plan-indicators.js";
import { buildTree, type PlanNode, type TreeNode } from "../plans/plan.js";
import { findNodes, findPlan } from "../plans/plan.repository.js";
import type { NodeDef } from "../plans/plan-document.js";
import { findEntries, findStatedTallies, listRoundsOfPlan } from "../progress/progress.repository.js";
import { type BuildOptions, pickRound, type ReportSource, type SourceRound } from "./report-model.js";

/**
 * The plan's data for a report. Every round is listed, but only the round the report speaks for (`pickRound`:
 * the one asked for, else the latest published …) carries its entries and stated tallies: a prefecture's plan has
 * 2,000 items × 10 years of entries, and a report prints one round (bench/RESULTS.md).
 */
export async function loadReportSource(
  db: DbOrTx,
  planId: string,
  opts: BuildOptions = { roundId: null, audience: "internal" },
): Promise<ReportSource | null> {
  const plan = await findPlan(db, planId);
  if (!plan) return null;
  const [nodes, org] = await Promise.all([findNodes(db, planId), findHomeOrganisation(db, plan.orgId)]);
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
    schedule: n.schedule,
    crossRefOf: n.crossRefOf ? (keyById.get(n.crossRefOf) ?? null) : null,
    nextTerm: n.nextTerm,
    attributes: n.attributes,
    children: n.children.map(toDef),
  });
  const [{ indicators, budgets }, roundRows] = await Promise.all([
    readPlanIndicators(db, planId, keyById),
    listRoundsOfPlan(db, planId),
  ]);
  const rounds: SourceRound[] = roundRows.map((r) => ({
    id: r.id,
    state: r.state,
    fiscalYear: r.fiscalYear,
    asOfLabel: r.asOfLabel,
    asOfDate: r.asOfDate,
    entries: [],
    statedTallies: [],
  }));
  const picked = pickRound(rounds, opts).round;
  if (picked) {
    const [entries, tallies] = await Promise.all([
      findEntries(db, [picked.id]),
      findStatedTallies(db, [picked.id]),
    ]);
    picked.entries = entries
      .filter((e) => keyById.has(e.nodeId))
      .map((e) => ({
        nodeKey: keyById.get(e.nodeId)!,
        department: e.departmentName,
        statusLabel: e.statusLabel,
        grade: e.grade,
        result: e.result,
        doText: e.doText,
        checkText: e.checkText,
        issuesText: e.issuesText,
        actText: e.actText,
        narrative: e.narrative,
      }));
    picked.statedTallies = tallies.get(picked.id) ?? [];
  }
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      kind: plan.kind,
      termLabel: plan.termLabel,
      subtitle: plan.subtitle,
      issuedLabel: plan.issuedLabel,
      issuer: plan.issuer,
      firstYear: plan.firstYear,
      lastYear: plan.lastYear,
      levelNames: plan.levelNames,
      tiers: plan.tiers,
      statusVocabulary: plan.statusVocabulary,
      gradeVocabulary: plan.gradeVocabulary,
      revisions: plan.revisions,
      sections: plan.sections,
      departments: plan.departments,
    },
    orgName: org?.name ?? "",
    orgYearStyle: org?.yearStyle ?? "wareki",
    nodes: buildTree(nodes.filter((n) => n.parentId === null || keyById.has(n.parentId))).map(toDef),
    indicators,
    budgets,
    rounds,
    nodeIds: new Map(nodes.map((n) => [n.key, n.id])),
  };
}
