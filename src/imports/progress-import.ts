/**
 * Progress entries of a reporting round from a table: a department's Excel paste (or a CSV / xlsx file) →
 * preview (what changes, entry by entry, and every problem located) → all-or-nothing commit through the progress
 * use cases (saveEntry / submitEntry: the same responsibility, vocabulary, deadline and version checks as the entry
 * form). The plan owner may fill every item; department staff only their own.
 */
import { recordAudit } from "../accounts/audit.repository.js";
import type { Db } from "../db/client.js";
import type { Plan } from "../plans/plan.js";
import { findNodes, findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  conflict,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  notFound,
  transact,
} from "../plans/plan-use-case.js";
import { nextEntryState } from "../progress/entry-state.js";
import type { Round } from "../progress/progress.js";
import { findEntries, findRound } from "../progress/progress.repository.js";
import { mayEdit, type ProgressDeps, today } from "../progress/progress-use-case.js";
import { saveEntry } from "../progress/save-entry.js";
import { submitEntry } from "../progress/submit-entry.js";
import { m } from "../web/messages/index.js";
import { type ColumnMapping, detectStructure } from "./detect.js";
import { findImportJobFor } from "./find-import-job.js";
import { readTableWithSavedMapping } from "./find-saved-mapping.js";
import type { Grid } from "./grid.js";
import {
  blockingProblems,
  type ImportSource,
  type ProgressImportResult,
  type ProgressParse,
} from "./import-job.js";
import { updateImportJob } from "./import-job.repository.js";
import { type EntryValues, planProgressImport, type RoundEntryForImport } from "./progress-rows.js";
import { storeTableJob } from "./store-table-job.js";

const msg = () => m.imports.progress;

/** A round the actor may enter progress for: found in their organisation, and some entry editable by them. */
async function roundFor(db: Db, actor: Actor, roundId: string): Promise<{ round: Round } | Failure> {
  const round = /^[0-9a-f-]{36}$/i.test(roundId) ? await findRound(db, roundId) : null;
  if (!round || (!isSystem(actor) && round.orgId !== actor.orgId))
    return notFound(m.progress.errors.roundNotFound);
  const departmentIds = isSystem(actor) ? [] : actor.departmentIds;
  if (!allowed(actor, "entry.edit", { orgId: round.orgId, departmentIds })) return forbidden();
  return { round };
}

/** The round's entries as the matcher needs them, with what the actor may edit. */
export async function roundEntriesFor(
  deps: ProgressDeps,
  actor: Actor,
  round: Round,
): Promise<
  { plan: NonNullable<Awaited<ReturnType<typeof findPlan>>>; entries: RoundEntryForImport[] } | Failure
> {
  const plan = await findPlan(deps.db, round.planId);
  if (!plan) return notFound(m.progress.errors.roundNotFound);
  const [nodes, entries] = await Promise.all([findNodes(deps.db, plan.id), findEntries(deps.db, [round.id])]);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const day = today(deps);
  const out: RoundEntryForImport[] = [];
  for (const entry of entries) {
    const node = byId.get(entry.nodeId);
    if (!node) continue;
    const mine = mayEdit(actor, { entry, round, plan, node });
    const stateAllows = nextEntryState(
      entry.state,
      "save",
      { ...round, state: "open", locked: false, deadline: null },
      {
        today: day,
      },
    ).ok;
    const values: EntryValues = {
      statusLabel: entry.statusLabel,
      grade: entry.grade,
      result: entry.result,
      doText: entry.doText,
      checkText: entry.checkText,
      issuesText: entry.issuesText,
      actText: entry.actText,
      nextTermLabel: entry.nextTermLabel,
      nextTermReason: entry.nextTermReason,
    };
    out.push({
      entryId: entry.id,
      nodeId: node.id,
      nodeKey: node.key,
      label: node.label,
      title: node.title,
      departmentName: entry.departmentName,
      version: entry.version,
      values,
      editable: mine && stateAllows,
      refusal: !mine
        ? msg().notYours
        : stateAllows
          ? null
          : msg().notOpen(m.progress.entryStates[entry.state]),
    });
  }
  return { plan, entries: out };
}

/** Why the round as a whole refuses entries now (closed, locked, past its deadline), or null. */
function roundRefusal(deps: ProgressDeps, round: Round): string | null {
  const next = nextEntryState("draft", "save", round, { today: today(deps) });
  if (next.ok) return null;
  if (next.refusal.code === "past-deadline") return msg().pastDeadline(next.refusal.deadline);
  return msg().roundClosed;
}

/**
 * The preview of a read table against the round: its header detected, or the given mapping (the user's
 * correction), matched to the round's entries as the actor may edit them.
 */
export async function progressPreview(
  deps: ProgressDeps,
  actor: Actor,
  round: Round,
  grid: Grid,
  given: ColumnMapping | null,
): Promise<{ ok: true; parse: ProgressParse; mapping: ColumnMapping; plan: Plan } | Failure> {
  let mapping = given;
  if (!mapping) {
    const detected = detectStructure(grid);
    if (!detected.ok) return invalid({ source: detected.reason });
    mapping = detected.value.mapping;
  }
  const sheet = grid.sheets.find((s) => s.name === mapping.sheet);
  if (!sheet) return invalid({ source: m.imports.jobs.notReady });
  const loaded = await roundEntriesFor(deps, actor, round);
  if ("ok" in loaded) return loaded;
  const { plan, entries } = loaded;
  const planned = planProgressImport(sheet, mapping, {
    statusVocabulary: plan.statusVocabulary,
    gradeVocabulary: plan.gradeVocabulary,
    fieldsAsked: round.fieldsAsked,
    entries,
    fiscalYear: round.fiscalYear,
  });
  // a closed round refuses changes; a file that changes nothing (an export read back) is no problem
  const refusal = planned.changes.length > 0 ? roundRefusal(deps, round) : null;
  if (refusal)
    planned.problems.unshift({
      sheet: sheet.name,
      row: null,
      column: null,
      field: "round",
      message: refusal,
    });
  return {
    ok: true,
    mapping,
    plan,
    parse: {
      mode: "progress",
      roundId: round.id,
      planId: plan.id,
      planTitle: plan.title,
      fiscalYear: round.fiscalYear,
      plan: planned,
      headers: mapping.headers,
      sheetNames: grid.sheets.map((s) => s.name),
      encoding: grid.encoding,
    },
  };
}

/**
 * Reads the table, matches it to the round and stores the preview as an import job (target `progress`) with its
 * audit event. Nothing is written to the round. A saved mapping (of the organisation, for progress) is applied to
 * the table's header instead of detecting it.
 */
export async function startProgressImport(
  deps: ProgressDeps,
  actor: Actor,
  roundId: string,
  source: ImportSource,
  savedMappingId: string | null = null,
): Promise<{ ok: true; jobId: string } | Failure> {
  const found = await roundFor(deps.db, actor, roundId);
  if ("ok" in found) return found;
  const { round } = found;
  const read = await readTableWithSavedMapping(deps.db, round.orgId, savedMappingId, "progress", source);
  if (!read.ok) return read;
  const { grid, adapted } = read;
  const previewed = await progressPreview(deps, actor, round, grid, adapted?.mapping ?? null);
  if (!previewed.ok) return previewed;
  const { mapping, plan } = previewed;
  const parse = adapted ? { ...previewed.parse, unmatched: adapted.unmatched } : previewed.parse;
  return storeTableJob(deps.db, actor, {
    orgId: round.orgId,
    target: "progress",
    source,
    targetPlan: { id: plan.id, title: plan.title, kind: plan.kind, termLabel: plan.termLabel },
    fiscalYear: round.fiscalYear,
    mapping,
    parsed: parse,
    about: { roundId: round.id },
  });
}

/**
 * Saves (or submits) every changed entry of the preview through the progress use cases, in one transaction with
 * the job's state and an audit event: one refused entry (stale version, deadline passed meanwhile …) and nothing
 * is written. Committing again reports what the first commit did.
 */
export async function commitProgressImport(
  deps: ProgressDeps,
  actor: Actor,
  jobId: string,
  input: { submit: boolean },
): Promise<({ ok: true } & ProgressImportResult) | Failure> {
  const found = await findImportJobFor(deps, actor, jobId);
  if (!found.ok) return found;
  const job = found.job;
  const parse = job.parsed;
  if (parse?.mode !== "progress") return invalid({ _: m.imports.jobs.notReady });
  if (job.state === "committed" && job.result?.kind === "progress") return { ok: true, ...job.result };
  if (job.state !== "parsed") return invalid({ _: m.imports.jobs.notReady });
  const problems = blockingProblems(parse);
  if (problems.length > 0) return invalid({ _: msg().commitBlocked });
  return transact(deps.db, async (tx) => {
    const inner: ProgressDeps = { db: tx as unknown as Db, ...(deps.today ? { today: deps.today } : {}) };
    for (const change of parse.plan.changes) {
      const write = input.submit ? submitEntry : saveEntry;
      const r = await write(inner, actor, change.entryId, { version: change.version, ...change.values });
      if (!r.ok) {
        if (r.reason === "conflict") return invalid({ _: msg().stale(change.row) });
        if (r.reason === "forbidden") return invalid({ _: `${change.row}行目: ${msg().notYours}` });
        return invalid({ _: `${change.row}行目: ${Object.values(r.errors).join(" ")}` });
      }
    }
    const result: ProgressImportResult = {
      kind: "progress",
      roundId: parse.roundId,
      saved: parse.plan.changes.length,
      submitted: input.submit,
    };
    const updated = await updateImportJob(tx, job.id, "parsed", { state: "committed", result });
    if (!updated) return conflict([]);
    await recordAudit(tx, {
      orgId: job.orgId,
      actor: auditActor(actor),
      action: "import.commit",
      entityType: "import_job",
      entityId: job.id,
      after: { target: "progress", sourceName: job.sourceName, ...result },
    });
    return { ok: true as const, ...result };
  });
}
