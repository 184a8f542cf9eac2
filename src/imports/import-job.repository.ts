/** The only file of the imports capability that runs SQL: import jobs and saved column mappings. */
import { and, asc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import type { ColumnMapping } from "./detect.js";
import { importJobs, importMappings } from "./import-jobs.table.js";
import type { ImportTarget } from "./mapping-form.js";

export type ImportJob = typeof importJobs.$inferSelect;
export type ImportJobValues = typeof importJobs.$inferInsert;
export type SavedMapping = typeof importMappings.$inferSelect;

export async function insertImportJob(tx: DbOrTx, values: ImportJobValues): Promise<ImportJob> {
  const [row] = await tx.insert(importJobs).values(values).returning();
  return row!;
}

export async function findImportJob(db: DbOrTx, id: string): Promise<ImportJob | null> {
  const rows = await db.select().from(importJobs).where(eq(importJobs.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Updates a job that is still in `fromState`; false when another request changed its state first. */
export async function updateImportJob(
  tx: DbOrTx,
  id: string,
  fromState: string,
  values: Partial<
    Pick<
      ImportJobValues,
      "mapping" | "parsed" | "options" | "state" | "result" | "progress" | "failure" | "bytes"
    >
  >,
): Promise<boolean> {
  // only the id comes back: the row holds the source bytes and the parse (megabytes for 10,000 rows)
  const rows = await tx
    .update(importJobs)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(importJobs.id, id), eq(importJobs.state, fromState)))
    .returning({ id: importJobs.id });
  return rows.length > 0;
}

/** Deletes the jobs created before `before`; returns how many. */
export async function deleteImportJobsBefore(tx: DbOrTx, before: Date): Promise<number> {
  const rows = await tx
    .delete(importJobs)
    .where(lt(importJobs.createdAt, before))
    .returning({ id: importJobs.id });
  return rows.length;
}

/** The organisation's saved mappings of one import target, by name. */
export async function listImportMappings(
  db: DbOrTx,
  orgId: string,
  target: ImportTarget,
): Promise<SavedMapping[]> {
  return db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.orgId, orgId), eq(importMappings.target, target)))
    .orderBy(asc(importMappings.name));
}

export async function findImportMapping(db: DbOrTx, id: string): Promise<SavedMapping | null> {
  const rows = await db.select().from(importMappings).where(eq(importMappings.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findImportMappingByName(
  db: DbOrTx,
  orgId: string,
  target: ImportTarget,
  name: string,
): Promise<SavedMapping | null> {
  const rows = await db
    .select()
    .from(importMappings)
    .where(
      and(eq(importMappings.orgId, orgId), eq(importMappings.target, target), eq(importMappings.name, name)),
    )
    .limit(1);
  return rows[0] ?? null;
}

/** Inserts a mapping; null when the organisation saved one of that target and name meanwhile (unique index). */
export async function insertImportMapping(
  tx: DbOrTx,
  values: {
    orgId: string;
    target: ImportTarget;
    name: string;
    mapping: ColumnMapping;
    createdBy: string | null;
  },
): Promise<SavedMapping | null> {
  const [row] = await tx.insert(importMappings).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function replaceImportMapping(
  tx: DbOrTx,
  id: string,
  mapping: ColumnMapping,
): Promise<SavedMapping> {
  const [row] = await tx
    .update(importMappings)
    .set({ mapping, updatedAt: new Date() })
    .where(eq(importMappings.id, id))
    .returning();
  return row!;
}
