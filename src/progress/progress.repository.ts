/** The only SQL of the progress capability. Returns progress.ts types; every write takes the caller's transaction. */
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import type { EntryState, RoundState } from "./entry-state.js";
import {
  ENTRY_FIELD_NAMES,
  type Entry,
  type EntryComment,
  type EntryFields,
  type EntryMode,
  type EntryVersion,
  type Round,
  type StatedTally,
} from "./progress.js";
import {
  progressEntries,
  progressEntryComments,
  progressEntryVersions,
  progressRounds,
  progressStatedTallies,
} from "./progress.table.js";

type RoundRow = typeof progressRounds.$inferSelect;
type EntryRow = typeof progressEntries.$inferSelect;

export type RoundValues = Omit<Round, "id" | "version">;
export type EntryValues = Omit<Entry, "id" | "version" | "updatedAt">;

function toRound(r: RoundRow): Round {
  return {
    id: r.id,
    orgId: r.orgId,
    planId: r.planId,
    position: r.position,
    origin: r.origin as Round["origin"],
    fiscalYear: r.fiscalYear,
    asOfDate: r.asOfDate,
    asOfLabel: r.asOfLabel,
    deadline: r.deadline,
    fieldsAsked: r.fieldsAsked,
    instructions: r.instructions,
    entryMode: r.entryMode as EntryMode,
    state: r.state as RoundState,
    locked: r.locked,
    version: r.version,
  };
}

function toEntry(r: EntryRow): Entry {
  return {
    id: r.id,
    roundId: r.roundId,
    nodeId: r.nodeId,
    position: r.position,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    state: r.state as EntryState,
    statusLabel: r.statusLabel,
    grade: r.grade,
    result: r.result,
    doText: r.doText,
    checkText: r.checkText,
    issuesText: r.issuesText,
    actText: r.actText,
    nextTermLabel: r.nextTermLabel,
    nextTermReason: r.nextTermReason,
    narrative: r.narrative,
    submittedAt: r.submittedAt,
    submittedBy: r.submittedBy,
    approvedAt: r.approvedAt,
    approvedBy: r.approvedBy,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

// --- rounds -----------------------------------------------------------------------------------------------------

export async function findRound(db: DbOrTx, roundId: string): Promise<Round | null> {
  const rows = await db.select().from(progressRounds).where(eq(progressRounds.id, roundId)).limit(1);
  return rows[0] ? toRound(rows[0]) : null;
}

/** The organisation's rounds, newest fiscal year first. */
export async function listRoundsOfOrg(db: DbOrTx, orgId: string): Promise<Round[]> {
  const rows = await db
    .select()
    .from(progressRounds)
    .where(eq(progressRounds.orgId, orgId))
    .orderBy(desc(progressRounds.fiscalYear), desc(progressRounds.createdAt));
  return rows.map(toRound);
}

/** A plan's rounds in document order (imported rounds first, in the order the document gave them). */
export async function listRoundsOfPlan(db: DbOrTx, planId: string): Promise<Round[]> {
  const rows = await db
    .select()
    .from(progressRounds)
    .where(eq(progressRounds.planId, planId))
    .orderBy(asc(progressRounds.position), asc(progressRounds.createdAt));
  return rows.map(toRound);
}

export async function insertRound(tx: DbOrTx, values: RoundValues): Promise<Round> {
  const [row] = await tx.insert(progressRounds).values(values).returning();
  return toRound(row!);
}

/** Updates when the stored version is `expectedVersion` (and bumps it); null when someone changed it meanwhile. */
export async function updateRoundRow(
  tx: DbOrTx,
  roundId: string,
  expectedVersion: number,
  values: Partial<RoundValues>,
): Promise<Round | null> {
  const rows = await tx
    .update(progressRounds)
    .set({ ...values, version: sql`${progressRounds.version} + 1` })
    .where(and(eq(progressRounds.id, roundId), eq(progressRounds.version, expectedVersion)))
    .returning();
  return rows[0] ? toRound(rows[0]) : null;
}

/** Deletes rounds with their entries, versions, comments and stated tallies (cascade). */
export async function deleteRounds(tx: DbOrTx, roundIds: string[]): Promise<void> {
  if (roundIds.length === 0) return;
  await tx.delete(progressRounds).where(inArray(progressRounds.id, roundIds));
}

export async function nextRoundPosition(db: DbOrTx, planId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${progressRounds.position}), -1)::int + 1` })
    .from(progressRounds)
    .where(eq(progressRounds.planId, planId));
  return row?.n ?? 0;
}

// --- entries ----------------------------------------------------------------------------------------------------

export async function findEntries(db: DbOrTx, roundIds: string[]): Promise<Entry[]> {
  if (roundIds.length === 0) return [];
  const rows = await db
    .select()
    .from(progressEntries)
    .where(inArray(progressEntries.roundId, roundIds))
    .orderBy(asc(progressEntries.position), asc(progressEntries.departmentName));
  return rows.map(toEntry);
}

/** How many entries of each round are in each state (the round list's completion), counted in the database. */
export async function countEntryStates(
  db: DbOrTx,
  roundIds: string[],
): Promise<{ roundId: string; state: EntryState; count: number }[]> {
  if (roundIds.length === 0) return [];
  const rows = await db
    .select({
      roundId: progressEntries.roundId,
      state: progressEntries.state,
      count: sql<number>`count(*)::int`,
    })
    .from(progressEntries)
    .where(inArray(progressEntries.roundId, roundIds))
    .groupBy(progressEntries.roundId, progressEntries.state);
  return rows.map((r) => ({ roundId: r.roundId, state: r.state as EntryState, count: Number(r.count) }));
}

export async function findEntry(db: DbOrTx, entryId: string): Promise<Entry | null> {
  const rows = await db.select().from(progressEntries).where(eq(progressEntries.id, entryId)).limit(1);
  return rows[0] ? toEntry(rows[0]) : null;
}

export async function insertEntries(tx: DbOrTx, values: EntryValues[]): Promise<Entry[]> {
  if (values.length === 0) return [];
  const out: Entry[] = [];
  // in slices: a national plan's round has thousands of entries and PostgreSQL caps bind parameters
  for (let i = 0; i < values.length; i += 500) {
    const rows = await tx
      .insert(progressEntries)
      .values(values.slice(i, i + 500))
      .returning();
    out.push(...rows.map(toEntry));
  }
  return out;
}

/** Updates when the stored version is `expectedVersion` (and bumps it); null when someone changed it meanwhile. */
export async function updateEntryRow(
  tx: DbOrTx,
  entryId: string,
  expectedVersion: number,
  values: Partial<EntryValues>,
): Promise<Entry | null> {
  const rows = await tx
    .update(progressEntries)
    .set({ ...values, updatedAt: new Date(), version: sql`${progressEntries.version} + 1` })
    .where(and(eq(progressEntries.id, entryId), eq(progressEntries.version, expectedVersion)))
    .returning();
  return rows[0] ? toEntry(rows[0]) : null;
}

export async function deleteEntries(tx: DbOrTx, entryIds: string[]): Promise<void> {
  if (entryIds.length === 0) return;
  await tx.delete(progressEntries).where(inArray(progressEntries.id, entryIds));
}

/**
 * Last year's entry for the same item and department: the entry of the latest earlier fiscal year of the plan.
 */
export async function findPreviousEntry(
  db: DbOrTx,
  round: Pick<Round, "planId" | "fiscalYear">,
  entry: Pick<Entry, "nodeId" | "departmentName">,
): Promise<(Entry & { fiscalYear: number }) | null> {
  const rows = await db
    .select({ entry: progressEntries, fiscalYear: progressRounds.fiscalYear })
    .from(progressEntries)
    .innerJoin(progressRounds, eq(progressRounds.id, progressEntries.roundId))
    .where(
      and(
        eq(progressRounds.planId, round.planId),
        lt(progressRounds.fiscalYear, round.fiscalYear),
        eq(progressEntries.nodeId, entry.nodeId),
        sql`coalesce(${progressEntries.departmentName}, '') = ${entry.departmentName ?? ""}`,
      ),
    )
    .orderBy(desc(progressRounds.fiscalYear), desc(progressRounds.position))
    .limit(1);
  return rows[0] ? { ...toEntry(rows[0].entry), fiscalYear: rows[0].fiscalYear } : null;
}

// --- versions and comments --------------------------------------------------------------------------------------

/** Records the current state of entries as saved versions (one row each), for the history page. */
export async function insertEntryVersions(
  tx: DbOrTx,
  entries: readonly Entry[],
  action: string,
  actor: { id: string | null; displayName: string },
): Promise<void> {
  const rows = entries.map((entry) => ({
    entryId: entry.id,
    version: entry.version,
    action,
    state: entry.state,
    fields: Object.fromEntries(ENTRY_FIELD_NAMES.map((k) => [k, entry[k]])),
    actorId: actor.id,
    actorName: actor.displayName,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await tx.insert(progressEntryVersions).values(rows.slice(i, i + 500));
}

export async function listEntryVersions(db: DbOrTx, entryId: string): Promise<EntryVersion[]> {
  const rows = await db
    .select()
    .from(progressEntryVersions)
    .where(eq(progressEntryVersions.entryId, entryId))
    .orderBy(desc(progressEntryVersions.version), desc(progressEntryVersions.at));
  return rows.map((r) => ({
    version: r.version,
    action: r.action,
    state: r.state as EntryState,
    fields: r.fields as Partial<EntryFields>,
    actorName: r.actorName,
    at: r.at,
  }));
}

export async function insertComment(
  tx: DbOrTx,
  values: {
    entryId: string;
    authorId: string | null;
    authorName: string;
    role: string;
    body: string;
    kind: "comment" | "return";
  },
): Promise<EntryComment> {
  const [r] = await tx.insert(progressEntryComments).values(values).returning();
  return {
    id: r!.id,
    authorName: r!.authorName,
    role: r!.role,
    body: r!.body,
    kind: r!.kind as EntryComment["kind"],
    createdAt: r!.createdAt,
  };
}

export async function listComments(db: DbOrTx, entryId: string): Promise<EntryComment[]> {
  const rows = await db
    .select()
    .from(progressEntryComments)
    .where(eq(progressEntryComments.entryId, entryId))
    .orderBy(asc(progressEntryComments.createdAt), asc(progressEntryComments.id));
  return rows.map((r) => ({
    id: r.id,
    authorName: r.authorName,
    role: r.role,
    body: r.body,
    kind: r.kind as EntryComment["kind"],
    createdAt: r.createdAt,
  }));
}

// --- stated tallies ---------------------------------------------------------------------------------------------

export async function replaceStatedTallies(
  tx: DbOrTx,
  roundId: string,
  tallies: StatedTally[],
): Promise<void> {
  await tx.delete(progressStatedTallies).where(eq(progressStatedTallies.roundId, roundId));
  if (tallies.length === 0) return;
  await tx.insert(progressStatedTallies).values(
    tallies.map((t, i) => ({
      roundId,
      position: i,
      groupBy: t.groupBy,
      group: t.group,
      text: t.text,
      counts: t.counts,
    })),
  );
}

/** Stated tallies per round id, in printed order. */
export async function findStatedTallies(db: DbOrTx, roundIds: string[]): Promise<Map<string, StatedTally[]>> {
  const out = new Map<string, StatedTally[]>();
  if (roundIds.length === 0) return out;
  const rows = await db
    .select()
    .from(progressStatedTallies)
    .where(inArray(progressStatedTallies.roundId, roundIds))
    .orderBy(asc(progressStatedTallies.roundId), asc(progressStatedTallies.position));
  for (const r of rows) {
    const list = out.get(r.roundId) ?? [];
    list.push({
      groupBy: r.groupBy as StatedTally["groupBy"],
      group: r.group,
      text: r.text,
      counts: r.counts,
    });
    out.set(r.roundId, list);
  }
  return out;
}
