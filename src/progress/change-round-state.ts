import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { freezeLiveActualsOfRound } from "../indicators/freeze-actual.js";
import {
  type Actor,
  allowed,
  auditActor,
  changedFields,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import { nextRoundState, type RoundState } from "./entry-state.js";
import type { Round } from "./progress.js";
import { findRound, updateRoundRow } from "./progress.repository.js";
import type { ProgressDeps } from "./progress-use-case.js";

const versionInput = z.object({ version: z.coerce.number().int().min(1) });
type VersionInput = { version: number | string } | Record<string, unknown>;
type RoundOutcome = { ok: true; round: Round } | Failure;

async function changeRound(
  deps: ProgressDeps,
  actor: Actor,
  roundId: string,
  input: VersionInput,
  change: (round: Round) => Partial<Pick<Round, "state" | "locked" | "allowLate">> | Failure,
  action: string,
): Promise<RoundOutcome> {
  const parsed = versionInput.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const round = await findRound(deps.db, roundId);
  if (!round) return notFound(m.progress.errors.roundNotFound);
  if (!allowed(actor, "round.manage", { orgId: round.orgId })) return forbidden();
  return transact(deps.db, async (tx) => {
    const fresh = await findRound(tx, roundId);
    if (!fresh) return notFound(m.progress.errors.roundNotFound);
    const values = change(fresh);
    if ("ok" in values) return values;
    if (fresh.version !== parsed.data.version) return conflict(changedFields(fresh, values));
    const updated = await updateRoundRow(tx, roundId, fresh.version, values);
    if (!updated) return conflict(changedFields(fresh, values));
    await recordAudit(tx, {
      orgId: round.orgId,
      actor: auditActor(actor),
      action,
      entityType: "progress_round",
      entityId: roundId,
      before: { state: fresh.state, locked: fresh.locked, allowLate: fresh.allowLate },
      after: { state: updated.state, locked: updated.locked, allowLate: updated.allowLate },
    });
    // publishing the year's report freezes the live indicators' actuals of that year (same transaction)
    if (action === "round.publish") await freezeLiveActualsOfRound(tx, actor, updated);
    return { ok: true as const, round: updated };
  });
}

const toState = (to: RoundState) => (round: Round) =>
  nextRoundState(round.state, to)
    ? { state: to }
    : invalid({
        _: m.progress.errors.roundTransition(m.progress.roundStates[round.state], m.progress.roundStates[to]),
      });

/** Closes an open round: departments can no longer save or submit; review goes on. Plan owner only. */
export const closeRound = (deps: ProgressDeps, actor: Actor, roundId: string, input: VersionInput) =>
  changeRound(deps, actor, roundId, input, toState("closed"), "round.close");

/** Opens a closed round again (a department asked for more time). Plan owner only. */
export const reopenRound = (deps: ProgressDeps, actor: Actor, roundId: string, input: VersionInput) =>
  changeRound(deps, actor, roundId, input, toState("open"), "round.reopen");

/** Publishes a closed round: the plan page then shows its statuses and 実績. Plan owner only. */
export const publishRound = (deps: ProgressDeps, actor: Actor, roundId: string, input: VersionInput) =>
  changeRound(deps, actor, roundId, input, toState("published"), "round.publish");

/**
 * Stops (or resumes) department entry in an open round without closing it, e.g. while the plan owner tallies.
 * Review (return, approve) goes on while locked.
 */
export const lockRound = (
  deps: ProgressDeps,
  actor: Actor,
  roundId: string,
  input: VersionInput,
  locked = true,
) =>
  changeRound(
    deps,
    actor,
    roundId,
    input,
    (round) => (round.state === "open" ? { locked } : invalid({ _: m.progress.errors.roundClosed })),
    locked ? "round.lock" : "round.unlock",
  );

/** Lets departments save and submit after the deadline (or stops it again) while the round is open. Plan owner only. */
export const allowLateSubmission = (
  deps: ProgressDeps,
  actor: Actor,
  roundId: string,
  input: VersionInput,
  allowLate = true,
) =>
  changeRound(
    deps,
    actor,
    roundId,
    input,
    (round) => (round.state === "open" ? { allowLate } : invalid({ _: m.progress.errors.roundClosed })),
    allowLate ? "round.allow-late" : "round.disallow-late",
  );
