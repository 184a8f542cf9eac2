/** The only SQL of the progress capability. Returns progress.ts types; every write takes the caller's transaction. */
import { and, asc, desc, eq, getTableColumns, inArray, lt, sql } from "drizzle-orm";
import { bulkChunks, bulkInsert, bulkUpdate, spreadRows } from "../db/bulk.js";
import type { DbOrTx } from "../db/client.js";
import { leanRows } from "../db/lean-read.js";
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
  progressContributions,
  progressEntries,
  progressEntryComments,
  progressEntryVersions,
  progressReminders,
  progressReviewChains,
  progressRounds,
  progressStatedTallies,
} from "./progress.table.js";
import type { ReviewStep } from "./review-chain.js";

type RoundRow = typeof progressRounds.$inferSelect;
type EntryRow = typeof progressEntries.$inferSelect;

type RoundDefaults = "allowLate" | "reminderDays" | "reviewSteps";
export type RoundValues = Omit<Round, "id" | "version" | RoundDefaults> & Partial<Pick<Round, RoundDefaults>>;
export type EntryValues = Omit<Entry, "id" | "version" | "updatedAt" | "reviewStep"> &
  Partial<Pick<Entry, "reviewStep">>;

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
    allowLate: r.allowLate,
    reminderDays: r.reminderDays,
    reviewSteps: r.reviewSteps,
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
    reviewStep: r.reviewStep,
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

/**
 * The rounds' entries in printed order. With `fields`, only those (and the id) are read: the live board shows
 * a prefecture's 2,000 entries without their texts.
 * @example findEntries(db, [round.id], ["nodeId", "state", "statusLabel"])
 */
export async function findEntries(db: DbOrTx, roundIds: string[]): Promise<Entry[]>;
export async function findEntries<K extends keyof Entry>(
  db: DbOrTx,
  roundIds: string[],
  fields: readonly K[],
): Promise<Pick<Entry, K | "id">[]>;
export async function findEntries(
  db: DbOrTx,
  roundIds: string[],
  fields?: readonly (keyof Entry)[],
): Promise<Partial<Entry>[]> {
  if (roundIds.length === 0) return [];
  const ofRounds = inArray(progressEntries.roundId, roundIds);
  const order = [asc(progressEntries.position), asc(progressEntries.departmentName)];
  if (!fields) {
    const rows = await db
      .select()
      .from(progressEntries)
      .where(ofRounds)
      .orderBy(...order);
    return rows.map(toEntry);
  }
  const rows = await leanRows(
    db,
    progressEntries,
    [...(fields as (keyof typeof progressEntries.$inferSelect)[]), "id"],
    ofRounds,
    order,
  );
  return rows as Partial<Entry>[];
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
  // in bulk (src/db/bulk.ts): a national plan's round has thousands of entries
  const rows = await bulkInsert(tx, progressEntries, values, { returning: true });
  return rows.map(toEntry);
}

/**
 * Inserts many entries with the first version of each (action, actor) in the same statements: a WITH … INSERT
 * RETURNING feeds the versions, so the entries never travel back to the application (10,000 entries of an import).
 * The versions' fields are those insertEntryVersions records (ENTRY_FIELD_NAMES). Returns how many were inserted.
 */
export async function insertEntriesWithVersions(
  tx: DbOrTx,
  values: EntryValues[],
  action: string,
  actor: { id: string | null; displayName: string },
): Promise<number> {
  const { name, columns, chunks } = bulkChunks(progressEntries, values);
  const entryCols = getTableColumns(progressEntries);
  const fields = sql.join(
    ENTRY_FIELD_NAMES.map((k) => sql`${k}::text, ${sql.raw(`"${entryCols[k].name}"`)}`),
    sql`, `,
  );
  let n = 0;
  for (const chunk of chunks) {
    const res = (await tx.execute(sql`with ins as (
        insert into ${name} (${columns})
        select ${columns} from ${spreadRows(name, chunk)}
        returning "id", "version", "state", ${sql.join(
          ENTRY_FIELD_NAMES.map((k) => sql.raw(`"${entryCols[k].name}"`)),
          sql`, `,
        )}
      )
      insert into "progress_entry_versions" ("entry_id", "version", "action", "state", "fields", "actor_id", "actor_name")
      select "id", "version", ${action}, "state", jsonb_build_object(${fields}), ${actor.id}::uuid, ${actor.displayName}
      from ins`)) as unknown as { rowCount?: number; affectedRows?: number };
    n += Number(res.rowCount ?? res.affectedRows ?? 0);
  }
  return n;
}

/**
 * Updates many entries, each only if still at the version it was read at (bumping it and its updatedAt), in a few
 * statements. Returns those written: fewer than given means someone changed an entry meanwhile.
 */
export async function updateEntryRows(
  tx: DbOrTx,
  rows: (Partial<EntryValues> & { id: string; version: number })[],
): Promise<Entry[]> {
  const written = await bulkUpdate(tx, progressEntries, rows, {
    versioned: true,
    set: sql`"updated_at" = now()`,
  });
  return written.map(toEntry);
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
  await bulkInsert(tx, progressEntryVersions, rows);
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
  return toComment(r!);
}

function toComment(r: typeof progressEntryComments.$inferSelect): EntryComment {
  return {
    id: r.id,
    authorName: r.authorName,
    role: r.role,
    body: r.body,
    kind: r.kind as EntryComment["kind"],
    createdAt: r.createdAt,
  };
}

export async function listComments(db: DbOrTx, entryId: string): Promise<EntryComment[]> {
  const rows = await db
    .select()
    .from(progressEntryComments)
    .where(eq(progressEntryComments.entryId, entryId))
    .orderBy(asc(progressEntryComments.createdAt), asc(progressEntryComments.id));
  return rows.map(toComment);
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

// --- review chains ----------------------------------------------------------------------------------------------

export async function findReviewChain(
  db: DbOrTx,
  planId: string,
): Promise<{ steps: ReviewStep[]; version: number } | null> {
  const rows = await db
    .select()
    .from(progressReviewChains)
    .where(eq(progressReviewChains.planId, planId))
    .limit(1);
  return rows[0] ? { steps: rows[0].steps, version: rows[0].version } : null;
}

/** Writes a plan's chain: inserts it (expectedVersion 0) or updates the stored version; false when stale. */
export async function saveReviewChain(
  tx: DbOrTx,
  values: { planId: string; orgId: string; steps: ReviewStep[] },
  expectedVersion: number,
): Promise<boolean> {
  if (expectedVersion === 0) {
    const rows = await tx
      .insert(progressReviewChains)
      .values(values)
      .onConflictDoNothing()
      .returning({ planId: progressReviewChains.planId });
    return rows.length === 1;
  }
  const rows = await tx
    .update(progressReviewChains)
    .set({ steps: values.steps, updatedAt: new Date(), version: sql`${progressReviewChains.version} + 1` })
    .where(
      and(eq(progressReviewChains.planId, values.planId), eq(progressReviewChains.version, expectedVersion)),
    )
    .returning({ planId: progressReviewChains.planId });
  return rows.length === 1;
}

// --- contributions of related departments (関係課) --------------------------------------------------------------

export type Contribution = {
  departmentId: string;
  departmentName: string;
  body: string | null;
  updatedBy: string;
  updatedAt: Date;
  version: number;
};

export async function listContributions(db: DbOrTx, entryId: string): Promise<Contribution[]> {
  const rows = await db
    .select()
    .from(progressContributions)
    .where(eq(progressContributions.entryId, entryId))
    .orderBy(asc(progressContributions.departmentName));
  return rows.map(toContribution);
}

function toContribution(r: typeof progressContributions.$inferSelect): Contribution {
  return {
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    body: r.body,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

/** Inserts (expectedVersion 0) or updates a contribution at the expected version; null when stale. */
export async function writeContribution(
  tx: DbOrTx,
  values: {
    entryId: string;
    departmentId: string;
    departmentName: string;
    body: string | null;
    updatedBy: string;
  },
  expectedVersion: number,
): Promise<Contribution | null> {
  const rows =
    expectedVersion === 0
      ? await tx.insert(progressContributions).values(values).onConflictDoNothing().returning()
      : await tx
          .update(progressContributions)
          .set({
            body: values.body,
            updatedBy: values.updatedBy,
            updatedAt: new Date(),
            version: sql`${progressContributions.version} + 1`,
          })
          .where(
            and(
              eq(progressContributions.entryId, values.entryId),
              eq(progressContributions.departmentId, values.departmentId),
              eq(progressContributions.version, expectedVersion),
            ),
          )
          .returning();
  return rows[0] ? toContribution(rows[0]) : null;
}

// --- reminders --------------------------------------------------------------------------------------------------

/**
 * Claims a reminder by its unique key: true for the one caller (of any process) that inserted it, false when it
 * was already sent. The claim commits with the caller's notices.
 */
export async function claimReminder(
  tx: DbOrTx,
  values: {
    key: string;
    roundId: string;
    departmentId: string;
    daysBefore: number | null;
    recipients: number;
  },
): Promise<string | null> {
  const rows = await tx
    .insert(progressReminders)
    .values(values)
    .onConflictDoNothing({ target: progressReminders.key })
    .returning({ id: progressReminders.id });
  return rows[0]?.id ?? null;
}

export async function recordReminderMailed(db: DbOrTx, id: string, mailed: number): Promise<void> {
  await db.update(progressReminders).set({ mailed }).where(eq(progressReminders.id, id));
}

export async function listReminders(
  db: DbOrTx,
  roundId: string,
): Promise<
  { departmentId: string; daysBefore: number | null; recipients: number; mailed: number; sentAt: Date }[]
> {
  return db
    .select({
      departmentId: progressReminders.departmentId,
      daysBefore: progressReminders.daysBefore,
      recipients: progressReminders.recipients,
      mailed: progressReminders.mailed,
      sentAt: progressReminders.sentAt,
    })
    .from(progressReminders)
    .where(eq(progressReminders.roundId, roundId))
    .orderBy(desc(progressReminders.sentAt));
}

/** Open rounds with a deadline and reminder days: the reminder job's candidates. */
export async function listRoundsToRemind(db: DbOrTx): Promise<Round[]> {
  const rows = await db
    .select()
    .from(progressRounds)
    .where(and(eq(progressRounds.state, "open"), eq(progressRounds.locked, false)));
  return rows.map(toRound).filter((r) => r.deadline !== null && r.reminderDays.length > 0);
}
