/**
 * The seam between plans and indicators: a PlanDocument's `indicators` and `budgets` are written into this
 * capability's tables by the plans import (inside its transaction and audit event) and read back by its export.
 * Re-importing matches an indicator or project by its item and name; what matches and is equal is left untouched.
 */
import type { DbOrTx, Tx } from "../db/client.js";
import { findPlan } from "../plans/plan.repository.js";
import type { BudgetDef, IndicatorDef, PlanDocument } from "../plans/plan-document.js";
import { canonicalJson } from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import {
  type BudgetLineRow,
  checkIndicatorDefs,
  compactSummary,
  type DocumentProblem,
  type Indicator,
  matchKey,
} from "./indicator.js";
import {
  deleteBudgetLines,
  deleteIndicators,
  findPlanBudgetLines,
  findPlanIndicators,
  insertBudgetLine,
  insertIndicator,
  replaceBudgetAmounts,
  replaceIndicatorValues,
  updateBudgetLineRow,
  updateIndicatorRow,
} from "./indicator.repository.js";
import { withLiveActuals } from "./live-actuals.js";

export type IndicatorWriteCounts = {
  indicators: { created: number; updated: number; deleted: number };
  budgets: { created: number; updated: number; deleted: number };
};

/** Problems of a document's indicators and budgets that the tables cannot hold (located by path). */
export function checkPlanIndicators(doc: Pick<PlanDocument, "indicators" | "budgets">): DocumentProblem[] {
  return checkIndicatorDefs(doc);
}

/**
 * Brings the plan's indicators and budget lines in line with the document, in the caller's transaction.
 * `nodeIdByKey` maps the document's node keys to the plan's node ids.
 * @example await writePlanIndicators(tx, { orgId, planId: plan.id, nodeIdByKey: idByKey, document });
 */
export async function writePlanIndicators(
  tx: Tx,
  input: {
    orgId: string;
    planId: string;
    nodeIdByKey: ReadonlyMap<string, string>;
    document: Pick<PlanDocument, "indicators" | "budgets">;
  },
): Promise<IndicatorWriteCounts> {
  const { orgId, planId, nodeIdByKey, document } = input;
  const keyById = new Map([...nodeIdByKey].map(([k, id]) => [id, k]));
  const nodeIdOf = (key: string | null) => (key === null ? null : (nodeIdByKey.get(key) ?? null));
  const keyOf = (id: string | null) => (id === null ? null : (keyById.get(id) ?? null));
  const counts: IndicatorWriteCounts = {
    indicators: { created: 0, updated: 0, deleted: 0 },
    budgets: { created: 0, updated: 0, deleted: 0 },
  };

  const existing = matcher(await findPlanIndicators(tx, planId), (x) => matchKey(keyOf(x.nodeId), x.name));
  for (const [position, def] of document.indicators.entries()) {
    const fields = {
      orgId,
      planId,
      nodeId: nodeIdOf(def.nodeKey),
      role: def.role,
      name: def.name,
      unit: def.unit,
      definition: def.definition,
      direction: def.direction,
      baselineYear: def.baselineYear,
      sourceNote: def.sourceNote,
      position,
    };
    const old = existing.take(matchKey(def.nodeKey, def.name));
    if (!old) {
      await insertIndicator(tx, fields, def.values);
      counts.indicators.created++;
      continue;
    }
    const { id: _i, version: _v, liveSource: _l, frozen: _f, ...oldFields } = old;
    if (canonicalJson(oldFields) !== canonicalJson({ ...fields, values: def.values })) {
      await updateIndicatorRow(tx, old.id, old.version, fields);
      await replaceIndicatorValues(tx, old.id, def.values);
      counts.indicators.updated++;
    }
  }
  const goneIndicators = existing.rest().map((x) => x.id);
  await deleteIndicators(tx, goneIndicators);
  counts.indicators.deleted = goneIndicators.length;

  const lines = matcher(await findPlanBudgetLines(tx, planId), (x) => matchKey(keyOf(x.nodeId), x.name));
  for (const [position, def] of document.budgets.entries()) {
    const fields = {
      orgId,
      planId,
      nodeId: nodeIdOf(def.nodeKey),
      name: def.name,
      servesLabel: def.servesLabel,
      summary: def.summary,
      position,
    };
    const old = lines.take(matchKey(def.nodeKey, def.name));
    if (!old) {
      await insertBudgetLine(tx, fields, def.amounts);
      counts.budgets.created++;
      continue;
    }
    const { id: _i, version: _v, ...oldFields } = old;
    if (canonicalJson(oldFields) !== canonicalJson({ ...fields, amounts: def.amounts })) {
      await updateBudgetLineRow(tx, old.id, old.version, fields);
      await replaceBudgetAmounts(tx, old.id, def.amounts);
      counts.budgets.updated++;
    }
  }
  const goneLines = lines.rest().map((x) => x.id);
  await deleteBudgetLines(tx, goneLines);
  counts.budgets.deleted = goneLines.length;
  return counts;
}

/**
 * The plan's indicators and budgets as PlanDocument parts. `keyByNodeId` maps the plan's live node ids to their
 * keys; a pointer to an item deleted since is cleared (null), so the export always imports again.
 * @example const { indicators, budgets } = await readPlanIndicators(db, planId, keyById);
 */
export async function readPlanIndicators(
  db: DbOrTx,
  planId: string,
  keyByNodeId: ReadonlyMap<string, string>,
): Promise<{ indicators: IndicatorDef[]; budgets: BudgetDef[] }> {
  const keyOf = (id: string | null) => (id === null ? null : (keyByNodeId.get(id) ?? null));
  const [rows, lines] = await Promise.all([findPlanIndicators(db, planId), findPlanBudgetLines(db, planId)]);
  return {
    indicators: rows.map((x: Indicator) => ({
      nodeKey: keyOf(x.nodeId),
      role: x.role,
      name: x.name,
      unit: x.unit,
      definition: x.definition,
      direction: x.direction,
      baselineYear: x.baselineYear,
      values: x.values.map((v) => ({ ...v })),
      sourceNote: x.sourceNote,
    })),
    budgets: lines.map((x: BudgetLineRow) => ({
      nodeKey: keyOf(x.nodeId),
      name: x.name,
      servesLabel: x.servesLabel,
      summary: x.summary,
      amounts: x.amounts.map((a) => ({ ...a })),
    })),
  };
}

/** Existing rows by match key, each handed out once. */
function matcher<T>(rows: T[], key: (x: T) => string) {
  const byKey = new Map<string, T[]>();
  for (const r of rows) byKey.set(key(r), [...(byKey.get(key(r)) ?? []), r]);
  const taken = new Set<T>();
  return {
    take(k: string): T | undefined {
      const hit = byKey.get(k)?.find((r) => !taken.has(r));
      if (hit) taken.add(hit);
      return hit;
    },
    rest: () => rows.filter((r) => !taken.has(r)),
  };
}

/**
 * The plan page's compact view: per item id, one line per indicator (latest actual, target, achievement), in the
 * organisation's year style; live indicators with their counted actuals. Indicators of the plan as a whole are
 * under the key "".
 */
export async function readIndicatorSummaries(
  db: DbOrTx,
  planId: string,
  yearLabel: (fy: number) => string,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const plan = await findPlan(db, planId);
  if (!plan) return out;
  // a live indicator's latest actual is the registry's count, as on the indicators page
  for (const x of await withLiveActuals(db, plan, await findPlanIndicators(db, planId))) {
    const line = compactSummary(x, {
      role: m.indicators.roles[x.role],
      actual: m.indicators.rowActual,
      target: m.indicators.rowTarget,
      rate: m.indicators.rowRate,
      yearLabel,
      line: m.indicators.compact,
    });
    if (line === null) continue;
    const key = x.nodeId ?? "";
    out.set(key, [...(out.get(key) ?? []), line]);
  }
  return out;
}
