import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { canonicalOf, type Plan, sameLabel } from "../plans/plan.js";
import {
  type Actor,
  auditActor,
  changedFields,
  conflict,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  transact,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import { type EntryAction, nextEntryState } from "./entry-state.js";
import { cleanText, type Entry, type EntryFields, FIELDS_OF, type Round } from "./progress.js";
import { insertEntryVersions, updateEntryRow } from "./progress.repository.js";
import {
  actorOf,
  isFailure,
  loadEntry,
  mayEdit,
  type ProgressDeps,
  refused,
  today,
} from "./progress-use-case.js";

const e = m.progress.errors;
const text = (max: number) =>
  z.preprocess(
    (v) => cleanText(typeof v === "string" ? v : null),
    z.string().max(max, e.tooLong(max)).nullable(),
  );

/** The entry form for a plan: the status one of the plan's vocabulary, the grade one of its grades. */
export function entryFieldsSchema(plan: Pick<Plan, "statusVocabulary" | "gradeVocabulary">) {
  const statuses = plan.statusVocabulary.map((s) => s.label).join("、");
  const grades = plan.gradeVocabulary.map((g) => g.label).join("、");
  return z.object({
    version: z.coerce.number().int().min(1),
    statusLabel: text(50).refine((v) => v === null || canonicalOf(plan.statusVocabulary, v) !== null, {
      error: (i) => e.unknownStatus(String(i.input), statuses),
    }),
    grade: text(50).refine(
      (v) =>
        v === null ||
        plan.gradeVocabulary.length === 0 ||
        plan.gradeVocabulary.some((g) => sameLabel(g.label, v)),
      { error: (i) => e.unknownGrade(String(i.input), grades) },
    ),
    result: text(8000),
    doText: text(8000),
    checkText: text(8000),
    issuesText: text(8000),
    actText: text(8000),
    nextTermLabel: text(50),
    nextTermReason: text(4000),
  });
}

export type EntryInput = { version: number | string } & Partial<Record<keyof EntryFields, string | null>>;
export type EntryOutcome = { ok: true; entry: Entry; round: Round };

/** The fields a round asks, from the form; fields it does not ask keep their stored value. */
function askedFields(round: Round, submitted: EntryFields): Partial<EntryFields> {
  const out: Partial<EntryFields> = {};
  for (const f of round.fieldsAsked) for (const k of FIELDS_OF[f]) out[k] = submitted[k];
  return out;
}

/**
 * Saves (or submits) a department's entry: authorised for the item's responsible departments, validated against
 * the plan's vocabularies, allowed by the round (open, not locked, deadline not passed in Japan time) and the
 * entry's state, and refused when someone saved it since the form was opened (the changed fields come back).
 */
export async function writeEntry(
  deps: ProgressDeps,
  actor: Actor,
  entryId: string,
  input: EntryInput | Record<string, unknown>,
  action: Extract<EntryAction, "save" | "submit">,
): Promise<EntryOutcome | Failure> {
  const ctx = await loadEntry(deps.db, entryId);
  if (isFailure(ctx)) return ctx;
  if (!mayEdit(actor, ctx)) return forbidden();
  const parsed = entryFieldsSchema(ctx.plan).safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const { version, ...submitted } = parsed.data;
  const fields = askedFields(ctx.round, submitted);
  return transact(deps.db, async (tx) => {
    const fresh = await loadEntry(tx, entryId);
    if (isFailure(fresh)) return fresh;
    const { entry, round } = fresh;
    if (entry.version !== version) return conflict(changedFields(entry, fields));
    const next = nextEntryState(entry.state, action, round, { today: today(deps) });
    if (!next.ok) return refused(next.refusal);
    const now = new Date();
    const updated = await updateEntryRow(tx, entry.id, version, {
      ...fields,
      state: next.state,
      ...(action === "submit"
        ? { submittedAt: now, submittedBy: isSystem(actor) ? null : actor.id, reviewStep: 0 }
        : {}),
    });
    if (!updated) return conflict(changedFields(entry, fields));
    await insertEntryVersions(tx, [updated], action, actorOf(actor));
    await recordAudit(tx, {
      orgId: round.orgId,
      actor: auditActor(actor),
      action: `entry.${action}`,
      entityType: "progress_entry",
      entityId: entry.id,
      before: entry,
      after: updated,
    });
    return { ok: true as const, entry: updated, round };
  });
}

/** Saves a draft of an entry. @example await saveEntry(deps, user, entryId, { version: 1, result: "…" }) */
export function saveEntry(
  deps: ProgressDeps,
  actor: Actor,
  entryId: string,
  input: EntryInput | Record<string, unknown>,
): Promise<EntryOutcome | Failure> {
  return writeEntry(deps, actor, entryId, input, "save");
}
