/** The only SQL of the reports capability: saved layouts. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { reportLayouts } from "./report.table.js";

export type SavedLayoutRow = typeof reportLayouts.$inferSelect;

export async function findPlanLayouts(db: DbOrTx, planId: string): Promise<SavedLayoutRow[]> {
  return db
    .select()
    .from(reportLayouts)
    .where(and(eq(reportLayouts.planId, planId), isNull(reportLayouts.deletedAt)))
    .orderBy(asc(reportLayouts.createdAt), asc(reportLayouts.name));
}

export async function findLayout(db: DbOrTx, planId: string, id: string): Promise<SavedLayoutRow | null> {
  const rows = await db
    .select()
    .from(reportLayouts)
    .where(and(eq(reportLayouts.planId, planId), eq(reportLayouts.id, id), isNull(reportLayouts.deletedAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertLayout(
  tx: DbOrTx,
  values: { orgId: string; planId: string; name: string; definition: unknown },
): Promise<SavedLayoutRow> {
  const [row] = await tx.insert(reportLayouts).values(values).returning();
  return row!;
}

/** Updates when the stored version is still `version`; null when someone saved first. */
export async function updateLayoutRow(
  tx: DbOrTx,
  id: string,
  version: number,
  values: { name: string; definition: unknown },
): Promise<SavedLayoutRow | null> {
  const rows = await tx
    .update(reportLayouts)
    .set({ ...values, updatedAt: new Date(), version: sql`${reportLayouts.version} + 1` })
    .where(and(eq(reportLayouts.id, id), eq(reportLayouts.version, version)))
    .returning();
  return rows[0] ?? null;
}

/** Marks a layout deleted when the stored version is still `version`; null when someone changed it first. */
export async function deleteLayoutRow(
  tx: DbOrTx,
  id: string,
  version: number,
): Promise<SavedLayoutRow | null> {
  const rows = await tx
    .update(reportLayouts)
    .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${reportLayouts.version} + 1` })
    .where(and(eq(reportLayouts.id, id), eq(reportLayouts.version, version), isNull(reportLayouts.deletedAt)))
    .returning();
  return rows[0] ?? null;
}
