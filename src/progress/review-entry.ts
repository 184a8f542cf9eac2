/**
 * Shared by returnEntry and approveEntry: the review of a submitted entry along the round's review chain. Passing
 * (approve) moves the entry to the chain's next step, or approves it after the last step; returning sends it back
 * to its department. Who may act is the step's: its role (and department), the plan owner on every step.
 */
import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  conflict,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  transact,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import { nextEntryState } from "./entry-state.js";
import { cleanText, type Entry } from "./progress.js";
import { insertComment, insertEntryVersions, updateEntryRow } from "./progress.repository.js";
import { actorOf, isFailure, loadEntry, type ProgressDeps, refused, today } from "./progress-use-case.js";
import {
  advance,
  chainOf,
  currentStep,
  mayActOnStep,
  mayReturnAtStep,
  type ReviewStep,
} from "./review-chain.js";

const reviewInput = z.object({
  version: z.coerce.number().int().min(1),
  comment: z.preprocess(
    (v) => cleanText(typeof v === "string" ? v : null),
    z.string().max(4000, m.progress.errors.tooLong(4000)).nullable(),
  ),
});

export type ReviewInput = { version: number | string; comment?: string | null };

export async function reviewEntry(
  deps: ProgressDeps,
  actor: Actor,
  entryId: string,
  input: ReviewInput | Record<string, unknown>,
  action: "return" | "approve",
): Promise<{ ok: true; entry: Entry } | Failure> {
  const parsed = reviewInput.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const { version, comment } = parsed.data;
  const ctx = await loadEntry(deps.db, entryId);
  if (isFailure(ctx)) return ctx;
  const chain = chainOf(ctx.round.reviewSteps);
  if (!mayReview(actor, ctx.round.orgId, chain)) return forbidden();
  return transact(deps.db, async (tx) => {
    const fresh = await loadEntry(tx, entryId);
    if (isFailure(fresh)) return fresh;
    const { entry, round } = fresh;
    if (entry.version !== version)
      return conflict([{ field: "state", current: entry.state, submitted: null }]);
    const next = nextEntryState(entry.state, action, round, { today: today(deps), comment });
    if (!next.ok) return refused(next.refusal);
    const at = currentStep(chain, entry);
    if (at) {
      const person = isSystem(actor) ? { role: "admin", departmentIds: [] } : actor;
      const step = at.step;
      if (
        !allowed(actor, "entry.check", {
          orgId: round.orgId,
          departmentIds: step.departmentId ? [step.departmentId] : [],
        }) ||
        !mayActOnStep(person, step)
      )
        return invalid({ _: m.progress.errors.notYourStep(step.label) });
      if (action === "return" && !mayReturnAtStep(person, step))
        return invalid({ _: m.progress.errors.committeeCannotReturn });
    } else if (!allowed(actor, "entry.review", { orgId: round.orgId })) {
      // an approved entry is returned by the plan owner only
      return forbidden();
    }
    const moved =
      action === "approve" ? advance(chain, at?.index ?? 0) : { state: next.state, reviewStep: 0 };
    const updated = await updateEntryRow(tx, entry.id, version, {
      state: moved.state,
      reviewStep: moved.reviewStep,
      ...(moved.state === "approved"
        ? { approvedAt: new Date(), approvedBy: isSystem(actor) ? null : actor.id }
        : { approvedAt: null, approvedBy: null }),
    });
    if (!updated) return conflict([{ field: "state", current: entry.state, submitted: null }]);
    if (comment !== null) {
      await insertComment(tx, {
        entryId: entry.id,
        authorId: isSystem(actor) ? null : actor.id,
        authorName: actor.displayName,
        role: isSystem(actor) ? "system" : actor.role,
        body: comment,
        kind: action === "return" ? "return" : "comment",
      });
    }
    await insertEntryVersions(
      tx,
      [updated],
      action === "approve" && updated.state !== "approved" ? "advance" : action,
      actorOf(actor),
    );
    await recordAudit(tx, {
      orgId: round.orgId,
      actor: auditActor(actor),
      action: `entry.${action}`,
      entityType: "progress_entry",
      entityId: entry.id,
      before: { state: entry.state },
      after: { state: updated.state, reviewStep: updated.reviewStep, step: at?.step.label ?? null, comment },
    });
    return { ok: true as const, entry: updated };
  });
}

/** Whether a person reviews in this chain at all: the plan owner, or the role (and department) of one of its steps. */
export function mayReview(actor: Actor, orgId: string, chain: readonly ReviewStep[]): boolean {
  if (isSystem(actor)) return true;
  if (allowed(actor, "entry.review", { orgId })) return true;
  return chain.some(
    (step) =>
      allowed(actor, "entry.check", { orgId, departmentIds: step.departmentId ? [step.departmentId] : [] }) &&
      mayActOnStep(actor, step),
  );
}
