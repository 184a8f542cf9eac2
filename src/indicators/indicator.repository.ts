/** The only file of the indicators capability that runs SQL. Returns indicator.ts types. */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import type { Direction } from "./achievement.js";
import type {
  BudgetAmount,
  BudgetLineRow,
  FrozenActual,
  Indicator,
  IndicatorRole,
  IndicatorValue,
} from "./indicator.js";
import { budgetAmounts, budgetLines, indicators, indicatorValues } from "./indicator.table.js";

export type IndicatorFields = Omit<Indicator, "id" | "version" | "values" | "liveSource" | "frozen"> & {
  liveSource?: string | null;
};
export type BudgetLineFields = Omit<BudgetLineRow, "id" | "version" | "amounts">;

type IndicatorRow = typeof indicators.$inferSelect;
type BudgetLineTableRow = typeof budgetLines.$inferSelect;

type Series = { values: IndicatorValue[]; frozen: FrozenActual[] };
const NO_SERIES: Series = { values: [], frozen: [] };

function toIndicator(r: IndicatorRow, { values, frozen }: Series): Indicator {
  return {
    id: r.id,
    orgId: r.orgId,
    planId: r.planId,
    nodeId: r.nodeId,
    role: r.role as IndicatorRole,
    name: r.name,
    unit: r.unit,
    definition: r.definition,
    direction: r.direction as Direction | null,
    baselineYear: r.baselineYear,
    sourceNote: r.sourceNote,
    liveSource: r.liveSource,
    position: r.position,
    version: r.version,
    values,
    frozen,
  };
}

function toBudgetLine(r: BudgetLineTableRow, amounts: BudgetAmount[]): BudgetLineRow {
  return {
    id: r.id,
    orgId: r.orgId,
    planId: r.planId,
    nodeId: r.nodeId,
    name: r.name,
    servesLabel: r.servesLabel,
    summary: r.summary,
    position: r.position,
    version: r.version,
    amounts,
  };
}

async function valuesOf(db: DbOrTx, ids: string[]): Promise<Map<string, Series>> {
  const out = new Map<string, Series>();
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(indicatorValues)
    .where(inArray(indicatorValues.indicatorId, ids))
    .orderBy(asc(indicatorValues.fiscalYear));
  for (const r of rows) {
    const series = out.get(r.indicatorId) ?? { values: [], frozen: [] };
    series.values.push({ fiscalYear: r.fiscalYear, target: r.target, actual: r.actual, note: r.note });
    if (r.frozenAt) series.frozen.push({ fiscalYear: r.fiscalYear, at: r.frozenAt, by: r.frozenBy });
    out.set(r.indicatorId, series);
  }
  return out;
}

async function amountsOf(db: DbOrTx, ids: string[]): Promise<Map<string, BudgetAmount[]>> {
  const out = new Map<string, BudgetAmount[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(budgetAmounts)
    .where(inArray(budgetAmounts.lineId, ids))
    .orderBy(asc(budgetAmounts.fiscalYear));
  for (const r of rows) {
    const list = out.get(r.lineId) ?? [];
    list.push({ fiscalYear: r.fiscalYear, amount: r.amount });
    out.set(r.lineId, list);
  }
  return out;
}

/** The plan's indicators in their order, each with its values by fiscal year. */
export async function findPlanIndicators(db: DbOrTx, planId: string): Promise<Indicator[]> {
  const rows = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.planId, planId), isNull(indicators.deletedAt)))
    .orderBy(asc(indicators.position), asc(indicators.createdAt));
  const values = await valuesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toIndicator(r, values.get(r.id) ?? NO_SERIES));
}

/** An indicator that is not deleted, with its values. */
export async function findIndicator(db: DbOrTx, id: string): Promise<Indicator | null> {
  const [row] = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.id, id), isNull(indicators.deletedAt)))
    .limit(1);
  if (!row) return null;
  return toIndicator(row, (await valuesOf(db, [id])).get(id) ?? NO_SERIES);
}

/** The live indicators of a plan (those bound to a registry count), not deleted. */
export async function findLiveIndicators(db: DbOrTx, planId: string): Promise<Indicator[]> {
  return (await findPlanIndicators(db, planId)).filter((x) => x.liveSource !== null);
}

export async function insertIndicator(
  tx: DbOrTx,
  fields: IndicatorFields,
  values: readonly IndicatorValue[],
): Promise<Indicator> {
  const [row] = await tx.insert(indicators).values(fields).returning();
  await replaceIndicatorValues(tx, row!.id, values);
  return toIndicator(row!, {
    values: [...values].sort((a, b) => a.fiscalYear - b.fiscalYear),
    frozen: [],
  });
}

/** Updates when the stored version is `expectedVersion` (and bumps it); null when someone changed it meanwhile. */
export async function updateIndicatorRow(
  tx: DbOrTx,
  id: string,
  expectedVersion: number,
  fields: Partial<IndicatorFields>,
): Promise<Indicator | null> {
  const [row] = await tx
    .update(indicators)
    .set({ ...fields, updatedAt: new Date(), version: sql`${indicators.version} + 1` })
    .where(and(eq(indicators.id, id), eq(indicators.version, expectedVersion), isNull(indicators.deletedAt)))
    .returning();
  if (!row) return null;
  return toIndicator(row, (await valuesOf(tx, [id])).get(id) ?? NO_SERIES);
}

/** Replaces the yearly values; the years in `frozen` keep their who/when of freezing. */
export async function replaceIndicatorValues(
  tx: DbOrTx,
  id: string,
  values: readonly IndicatorValue[],
  frozen: readonly FrozenActual[] = [],
): Promise<void> {
  await tx.delete(indicatorValues).where(eq(indicatorValues.indicatorId, id));
  const by = new Map(frozen.map((f) => [f.fiscalYear, f]));
  if (values.length > 0)
    await tx.insert(indicatorValues).values(
      values.map((v) => ({
        ...v,
        indicatorId: id,
        frozenAt: by.get(v.fiscalYear)?.at ?? null,
        frozenBy: by.get(v.fiscalYear)?.by ?? null,
      })),
    );
}

/** Stores a live indicator's computed actual of one year as its frozen actual (the target and note are kept). */
export async function freezeActual(
  tx: DbOrTx,
  id: string,
  value: { fiscalYear: number; actual: number; at: Date; by: string | null },
): Promise<void> {
  const set = { actual: value.actual, frozenAt: value.at, frozenBy: value.by };
  await tx
    .insert(indicatorValues)
    .values({ indicatorId: id, fiscalYear: value.fiscalYear, target: null, note: null, ...set })
    .onConflictDoUpdate({ target: [indicatorValues.indicatorId, indicatorValues.fiscalYear], set });
}

/** Marks an indicator deleted when the stored version is `expectedVersion`; null when it changed meanwhile. */
export async function softDeleteIndicator(tx: DbOrTx, id: string, expectedVersion: number): Promise<boolean> {
  const rows = await tx
    .update(indicators)
    .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${indicators.version} + 1` })
    .where(and(eq(indicators.id, id), eq(indicators.version, expectedVersion), isNull(indicators.deletedAt)))
    .returning({ id: indicators.id });
  return rows.length > 0;
}

/** Marks a budget line deleted when the stored version is `expectedVersion`. */
export async function softDeleteBudgetLine(
  tx: DbOrTx,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  const rows = await tx
    .update(budgetLines)
    .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${budgetLines.version} + 1` })
    .where(
      and(eq(budgetLines.id, id), eq(budgetLines.version, expectedVersion), isNull(budgetLines.deletedAt)),
    )
    .returning({ id: budgetLines.id });
  return rows.length > 0;
}

/** Sets the actual and note of one year, keeping its target (a new year row has no target). */
export async function upsertActual(
  tx: DbOrTx,
  id: string,
  value: { fiscalYear: number; actual: number | null; note: string | null },
): Promise<void> {
  await tx
    .insert(indicatorValues)
    .values({
      indicatorId: id,
      fiscalYear: value.fiscalYear,
      target: null,
      actual: value.actual,
      note: value.note,
    })
    .onConflictDoUpdate({
      target: [indicatorValues.indicatorId, indicatorValues.fiscalYear],
      set: { actual: value.actual, note: value.note },
    });
}

export async function deleteIndicators(tx: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.delete(indicatorValues).where(inArray(indicatorValues.indicatorId, ids));
  await tx.delete(indicators).where(inArray(indicators.id, ids));
}

/** Positions after the last indicator and project of the plan (new rows go to the end). */
export async function nextPositions(
  db: DbOrTx,
  planId: string,
): Promise<{ indicator: number; budget: number }> {
  const [a] = await db
    .select({ n: sql<number>`coalesce(max(${indicators.position}), -1) + 1` })
    .from(indicators)
    .where(eq(indicators.planId, planId));
  const [b] = await db
    .select({ n: sql<number>`coalesce(max(${budgetLines.position}), -1) + 1` })
    .from(budgetLines)
    .where(and(eq(budgetLines.planId, planId), isNull(budgetLines.deletedAt)));
  return { indicator: Number(a?.n ?? 0), budget: Number(b?.n ?? 0) };
}

// --- budget lines -------------------------------------------------------------------------------------------------

export async function findPlanBudgetLines(db: DbOrTx, planId: string): Promise<BudgetLineRow[]> {
  const rows = await db
    .select()
    .from(budgetLines)
    .where(and(eq(budgetLines.planId, planId), isNull(budgetLines.deletedAt)))
    .orderBy(asc(budgetLines.position), asc(budgetLines.createdAt));
  const amounts = await amountsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toBudgetLine(r, amounts.get(r.id) ?? []));
}

export async function findBudgetLine(db: DbOrTx, id: string): Promise<BudgetLineRow | null> {
  const [row] = await db
    .select()
    .from(budgetLines)
    .where(and(eq(budgetLines.id, id), isNull(budgetLines.deletedAt)))
    .limit(1);
  if (!row) return null;
  return toBudgetLine(row, (await amountsOf(db, [id])).get(id) ?? []);
}

export async function insertBudgetLine(
  tx: DbOrTx,
  fields: BudgetLineFields,
  amounts: readonly BudgetAmount[],
): Promise<BudgetLineRow> {
  const [row] = await tx.insert(budgetLines).values(fields).returning();
  await replaceBudgetAmounts(tx, row!.id, amounts);
  return toBudgetLine(
    row!,
    [...amounts].sort((a, b) => a.fiscalYear - b.fiscalYear),
  );
}

export async function updateBudgetLineRow(
  tx: DbOrTx,
  id: string,
  expectedVersion: number,
  fields: Partial<BudgetLineFields>,
): Promise<BudgetLineRow | null> {
  const [row] = await tx
    .update(budgetLines)
    .set({ ...fields, updatedAt: new Date(), version: sql`${budgetLines.version} + 1` })
    .where(
      and(eq(budgetLines.id, id), eq(budgetLines.version, expectedVersion), isNull(budgetLines.deletedAt)),
    )
    .returning();
  if (!row) return null;
  return toBudgetLine(row, (await amountsOf(tx, [id])).get(id) ?? []);
}

export async function replaceBudgetAmounts(
  tx: DbOrTx,
  id: string,
  amounts: readonly BudgetAmount[],
): Promise<void> {
  await tx.delete(budgetAmounts).where(eq(budgetAmounts.lineId, id));
  if (amounts.length > 0) await tx.insert(budgetAmounts).values(amounts.map((a) => ({ ...a, lineId: id })));
}

export async function deleteBudgetLines(tx: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.delete(budgetAmounts).where(inArray(budgetAmounts.lineId, ids));
  await tx.delete(budgetLines).where(inArray(budgetLines.id, ids));
}
