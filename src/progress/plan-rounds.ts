/**
 * The seam between a PlanDocument's `rounds` and the progress tables: the plans import writes a document's rounds
 * through `writePlanRounds` (inside its transaction) and the export reads them back with `readPlanRounds`.
 *
 * Matching on re-import: the n-th round of a fiscal year in the document is the n-th stored round of that year;
 * entries are matched by item and printed department. Rounds and entries that came from an import and are no
 * longer in the document are removed; rounds opened in the app are never removed by an import, nor their entries.
 */
import type { DbOrTx, Tx } from "../db/client.js";
import type { EntryDef, RoundDef } from "../plans/plan-document.js";
import { canonicalJson } from "../plans/plan-use-case.js";
import type { EntryState } from "./entry-state.js";
import { type AskedField, cleanText, type Entry, type Round } from "./progress.js";
import {
  deleteEntries,
  deleteRounds,
  type EntryValues,
  findEntries,
  findStatedTallies,
  insertEntriesWithVersions,
  insertEntryVersions,
  insertRound,
  listRoundsOfPlan,
  replaceStatedTallies,
  updateEntryRows,
  updateRoundRow,
} from "./progress.repository.js";

export type RoundCounts = {
  roundsCreated: number;
  roundsUpdated: number;
  roundsDeleted: number;
  entriesWritten: number;
};

/** Fields of an imported round that the document has no place for: what a printed report asked. */
function askedBy(entries: readonly EntryDef[]): AskedField[] {
  const asked: AskedField[] = ["status"];
  const has = (f: (e: EntryDef) => unknown) => entries.some((e) => f(e) !== null);
  if (has((e) => e.grade)) asked.push("grade");
  asked.push("result");
  if (has((e) => e.doText)) asked.push("doText");
  if (has((e) => e.checkText)) asked.push("checkText");
  if (has((e) => e.issuesText)) asked.push("issuesText");
  if (has((e) => e.actText)) asked.push("actText");
  return asked;
}

function entryValuesOf(
  e: EntryDef,
  position: number,
  roundId: string,
  nodeId: string,
  departmentId: string | null,
  state: EntryState,
): EntryValues {
  return {
    roundId,
    nodeId,
    position,
    departmentId,
    departmentName: e.department,
    state,
    statusLabel: e.statusLabel,
    grade: e.grade,
    result: e.result,
    doText: e.doText,
    checkText: e.checkText,
    issuesText: e.issuesText,
    actText: e.actText,
    nextTermLabel: null,
    nextTermReason: null,
    narrative: e.narrative,
    submittedAt: null,
    submittedBy: null,
    approvedAt: null,
    approvedBy: null,
  };
}

const comparable = (
  e: Pick<Entry, keyof EntryDef & keyof Entry> & { position: number; departmentId: string | null },
) =>
  canonicalJson({
    position: e.position,
    departmentId: e.departmentId,
    statusLabel: e.statusLabel,
    grade: e.grade,
    result: e.result,
    doText: e.doText,
    checkText: e.checkText,
    issuesText: e.issuesText,
    actText: e.actText,
    narrative: e.narrative,
  });

/**
 * Writes a document's rounds for a plan, in the caller's transaction. Entries point at nodes through
 * `nodeIdByKey` (the document's keys) and at departments through `departmentIdByName` (printed name → the
 * organisation's department, or null when the name is kept as printed only, like 全課).
 * @example await writePlanRounds(tx, { plan, nodeIdByKey, departmentIdByName, rounds: doc.rounds, actor })
 */
export async function writePlanRounds(
  tx: Tx,
  input: {
    plan: { id: string; orgId: string };
    nodeIdByKey: ReadonlyMap<string, string>;
    departmentIdByName: ReadonlyMap<string, string | null>;
    rounds: readonly RoundDef[];
    actor: { id: string | null; displayName: string };
  },
): Promise<RoundCounts> {
  const counts: RoundCounts = { roundsCreated: 0, roundsUpdated: 0, roundsDeleted: 0, entriesWritten: 0 };
  const existing = await listRoundsOfPlan(tx, input.plan.id);
  const used = new Set<string>();
  const pairs: [RoundDef, Round | null][] = input.rounds.map((def) => {
    const hit = existing.find((r) => r.fiscalYear === def.fiscalYear && !used.has(r.id)) ?? null;
    if (hit) used.add(hit.id);
    return [def, hit];
  });
  const stale = existing.filter((r) => !used.has(r.id) && r.origin === "import");
  await deleteRounds(
    tx,
    stale.map((r) => r.id),
  );
  counts.roundsDeleted = stale.length;
  // rounds opened in the app that the document does not list keep their place after the document's rounds
  const kept = existing.filter((r) => !used.has(r.id) && r.origin === "app");
  for (const [i, r] of kept.entries()) {
    const position = input.rounds.length + i;
    if (r.position !== position) await updateRoundRow(tx, r.id, r.version, { position });
  }

  for (const [position, [def, stored]] of pairs.entries()) {
    let round = stored;
    if (!round) {
      round = await insertRound(tx, {
        orgId: input.plan.orgId,
        planId: input.plan.id,
        position,
        origin: "import",
        fiscalYear: def.fiscalYear,
        asOfDate: def.asOfDate,
        asOfLabel: def.asOfLabel,
        deadline: null,
        fieldsAsked: askedBy(def.entries),
        instructions: null,
        entryMode: def.entries.some((e) => e.department !== null) ? "per-department" : "shared",
        state: "published",
        locked: true,
      });
      counts.roundsCreated++;
    } else if (
      round.position !== position ||
      round.asOfDate !== def.asOfDate ||
      round.asOfLabel !== def.asOfLabel
    ) {
      round =
        (await updateRoundRow(tx, round.id, round.version, {
          position,
          asOfDate: def.asOfDate,
          asOfLabel: def.asOfLabel,
        })) ?? round;
      counts.roundsUpdated++;
    }
    const current = stored ? await findEntries(tx, [round.id]) : [];
    const byIdentity = new Map(current.map((e) => [`${e.nodeId}\u0000${e.departmentName ?? ""}`, e]));
    const seen = new Set<string>();
    const toInsert: EntryValues[] = [];
    const toUpdate: (Omit<EntryValues, "state"> & { id: string; version: number })[] = [];
    for (const [j, e] of def.entries.entries()) {
      const nodeId = input.nodeIdByKey.get(e.nodeKey);
      if (!nodeId) continue; // checked before writing: every entry points at an item of the document
      const departmentId =
        e.department === null ? null : (input.departmentIdByName.get(e.department) ?? null);
      const identity = `${nodeId}\u0000${e.department ?? ""}`;
      seen.add(identity);
      const old = byIdentity.get(identity);
      const state: EntryState = round.origin === "import" ? "approved" : hasText(e) ? "draft" : "not_started";
      const values = entryValuesOf(e, j, round.id, nodeId, departmentId, old?.state ?? state);
      if (!old) {
        toInsert.push(values);
      } else if (comparable(old) !== comparable(values)) {
        const { state: _s, ...changed } = values;
        toUpdate.push({ ...changed, id: old.id, version: old.version });
      }
    }
    // in bulk: a few statements for thousands of entries (src/db/bulk.ts)
    const written: Entry[] = await updateEntryRows(tx, toUpdate);
    await insertEntryVersions(tx, written, "import", input.actor);
    const inserted = await insertEntriesWithVersions(tx, toInsert, "import", input.actor);
    counts.entriesWritten += written.length + inserted;
    if (round.origin === "import") {
      const gone = current.filter((e) => !seen.has(`${e.nodeId}\u0000${e.departmentName ?? ""}`));
      await deleteEntries(
        tx,
        gone.map((e) => e.id),
      );
    }
    await replaceStatedTallies(tx, round.id, def.statedTallies);
  }
  return counts;
}

function hasText(e: EntryDef): boolean {
  return [e.statusLabel, e.grade, e.result, e.doText, e.checkText, e.issuesText, e.actText].some(
    (v) => cleanText(v) !== null,
  );
}

function toEntryDef(e: Entry, key: string): EntryDef {
  return {
    nodeKey: key,
    department: e.departmentName,
    statusLabel: e.statusLabel,
    grade: e.grade,
    result: e.result,
    doText: e.doText,
    checkText: e.checkText,
    issuesText: e.issuesText,
    actText: e.actText,
    narrative: e.narrative,
  };
}

export type PlanRound = RoundDef & { id: string; state: Round["state"] };

/**
 * A plan's rounds as the document has them, in order, with their entries and stated tallies. Entries of items
 * that are no longer in the plan (not in `keyByNodeId`) are left out, so the result always imports again.
 */
export async function readPlanRounds(
  db: DbOrTx,
  planId: string,
  keyByNodeId: ReadonlyMap<string, string>,
): Promise<PlanRound[]> {
  const rounds = await listRoundsOfPlan(db, planId);
  const ids = rounds.map((r) => r.id);
  const [entries, tallies] = await Promise.all([findEntries(db, ids), findStatedTallies(db, ids)]);
  return rounds.map((r) => ({
    id: r.id,
    state: r.state,
    fiscalYear: r.fiscalYear,
    asOfLabel: r.asOfLabel,
    asOfDate: r.asOfDate,
    entries: entries
      .filter((e) => e.roundId === r.id && keyByNodeId.has(e.nodeId))
      .map((e) => toEntryDef(e, keyByNodeId.get(e.nodeId)!)),
    statedTallies: tallies.get(r.id) ?? [],
  }));
}

/**
 * Only the round a plan page shows (see roundToShow), with its entries and stated tallies: one round's rows, not
 * every fiscal year's (a prefecture plan has 2,000 items × 10 years of entries).
 */
export async function readRoundToShow(
  db: DbOrTx,
  planId: string,
  keyByNodeId: ReadonlyMap<string, string>,
): Promise<PlanRound | null> {
  const round = roundToShow(await listRoundsOfPlan(db, planId));
  if (!round) return null;
  const [entries, tallies] = await Promise.all([
    findEntries(db, [round.id]),
    findStatedTallies(db, [round.id]),
  ]);
  return {
    id: round.id,
    state: round.state,
    fiscalYear: round.fiscalYear,
    asOfLabel: round.asOfLabel,
    asOfDate: round.asOfDate,
    entries: entries
      .filter((e) => keyByNodeId.has(e.nodeId))
      .map((e) => toEntryDef(e, keyByNodeId.get(e.nodeId)!)),
    statedTallies: tallies.get(round.id) ?? [],
  };
}

/** The round a plan page shows: the latest published round (by fiscal year), else the latest round of any state. */
export function roundToShow<R extends { fiscalYear: number; state: Round["state"] }>(
  rounds: readonly R[],
): R | null {
  const latest = (list: readonly R[]) =>
    list.reduce<R | null>((best, r) => (best === null || r.fiscalYear >= best.fiscalYear ? r : best), null);
  return latest(rounds.filter((r) => r.state === "published")) ?? latest(rounds);
}
