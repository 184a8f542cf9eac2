import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { fiscalYearOfDate, formatFiscalYear } from "../japanese/index.js";
import { findNodes, findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  notFound,
  transact,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import { ASKED_FIELDS, cleanText, ENTRY_MODES, expectedEntries, type Round } from "./progress.js";
import {
  findReviewChain,
  insertEntries,
  insertEntryVersions,
  insertRound,
  listRoundsOfPlan,
  nextRoundPosition,
} from "./progress.repository.js";
import { actorOf, type ProgressDeps } from "./progress-use-case.js";

const e = m.progress.errors;
const isoDate = z.iso.date({ error: e.date });
const optionalDate = z.preprocess((v) => (v === "" || v === undefined ? null : v), isoDate.nullable());
const optionalText = (max: number) =>
  z.preprocess(
    (v) => cleanText(typeof v === "string" ? v : null),
    z.string().max(max, e.tooLong(max)).nullable(),
  );

/** What the plan owner fills in to open a round (form values or JSON). */
export const openRoundInput = z.object({
  planId: z.string().uuid({ error: e.planRequired }),
  fiscalYear: z.coerce
    .number({ error: e.fiscalYear })
    .int(e.fiscalYear)
    .min(1989, e.fiscalYear)
    .max(2200, e.fiscalYear),
  asOfDate: optionalDate,
  asOfLabel: optionalText(100),
  deadline: optionalDate,
  fieldsAsked: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(ASKED_FIELDS, { error: e.fieldsAsked })).min(1, e.fieldsAsked),
  ),
  instructions: optionalText(4000),
  entryMode: z.enum(ENTRY_MODES, { error: e.entryMode }),
  /** a checkbox: present (any value but "false"/"0") means yes */
  allowLate: z.preprocess(
    (v) => (Array.isArray(v) ? v.at(-1) : v) !== undefined && !["", "0", "false"].includes(String(v)),
    z.boolean(),
  ),
  /** "7,1" or "7、1" or [7, 1]: days before the deadline to remind unfinished departments */
  reminderDays: z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : typeof v === "string" ? v.normalize("NFKC").split(/[,、\s]+/) : [])
        .filter((x) => String(x).trim() !== "")
        .map((x) => (/^\d+$/.test(String(x).trim()) ? Number(x) : -1)),
    z.array(z.number()).refine((days) => days.every((n) => Number.isInteger(n) && n >= 0 && n <= 60), {
      error: e.reminderDays,
    }),
  ),
});
export type OpenRoundInput = z.input<typeof openRoundInput>;

/**
 * Opens a reporting round for a plan: creates one entry (not started) per item and responsible department, or
 * one shared entry per item, a 再掲 listing counted as its original. Only the plan owner (round.manage) may.
 * Refuses a second open round of the same plan and fiscal year.
 */
export async function openRound(
  deps: ProgressDeps,
  actor: Actor,
  input: OpenRoundInput | Record<string, unknown>,
): Promise<{ ok: true; round: Round; entries: number } | Failure> {
  // refuse people who may never open rounds before telling them what is wrong with the form
  if (!isSystem(actor) && !allowed(actor, "round.manage", { orgId: actor.orgId })) return forbidden();
  const parsed = openRoundInput.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const v = parsed.data;
  const plan = await findPlan(deps.db, v.planId);
  if (!plan) return notFound();
  if (!allowed(actor, "round.manage", { orgId: plan.orgId })) return forbidden();
  const fieldsAsked = ASKED_FIELDS.filter((f) => v.fieldsAsked.includes(f));
  return transact(deps.db, async (tx) => {
    const rounds = await listRoundsOfPlan(tx, plan.id);
    if (rounds.some((r) => r.fiscalYear === v.fiscalYear && r.state === "open"))
      return invalid({ fiscalYear: e.alreadyOpen(formatFiscalYear(v.fiscalYear, "wareki")) });
    const nodes = await findNodes(tx, plan.id);
    const expected = expectedEntries(nodes, v.entryMode);
    if (expected.length === 0) return invalid({ planId: e.noItems });
    const round = await insertRound(tx, {
      orgId: plan.orgId,
      planId: plan.id,
      position: await nextRoundPosition(tx, plan.id),
      origin: "app",
      fiscalYear: v.fiscalYear,
      asOfDate: v.asOfDate,
      asOfLabel: v.asOfLabel,
      deadline: v.deadline,
      fieldsAsked,
      instructions: v.instructions,
      entryMode: v.entryMode,
      state: "open",
      locked: false,
      allowLate: v.allowLate,
      reminderDays: [...new Set(v.reminderDays)].sort((a, b) => b - a),
      reviewSteps: (await findReviewChain(tx, plan.id))?.steps ?? [],
    });
    const entries = await insertEntries(
      tx,
      expected.map((x, i) => ({
        roundId: round.id,
        nodeId: x.nodeId,
        position: i,
        departmentId: x.departmentId,
        departmentName: x.departmentName,
        state: "not_started" as const,
        statusLabel: null,
        grade: null,
        result: null,
        doText: null,
        checkText: null,
        issuesText: null,
        actText: null,
        nextTermLabel: null,
        nextTermReason: null,
        narrative: [],
        submittedAt: null,
        submittedBy: null,
        approvedAt: null,
        approvedBy: null,
      })),
    );
    await insertEntryVersions(tx, entries, "open", actorOf(actor));
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "round.open",
      entityType: "progress_round",
      entityId: round.id,
      after: { round, entries: entries.length },
    });
    return { ok: true as const, round, entries: entries.length };
  });
}

/** The fiscal year a new round asks about by default: the one that contains today (Japan time). */
export function defaultFiscalYear(today: string): number {
  const fy = fiscalYearOfDate(today);
  return fy.ok ? fy.value : Number(today.slice(0, 4));
}
