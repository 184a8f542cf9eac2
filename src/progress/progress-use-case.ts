/**
 * What the progress use cases share: their dependencies (a clock for deadline checks), loading an entry with
 * its round, plan and item, who may act on it, and the Japanese message of a refused transition.
 * The outcome shape, transactions and authorisation come from the plans capability (plan-use-case.ts).
 */
import type { Db, DbOrTx } from "../db/client.js";
import { formatJapaneseDate, todayInJapan } from "../japanese/index.js";
import type { Plan, PlanNode } from "../plans/plan.js";
import { findNode, findPlan } from "../plans/plan.repository.js";
import { type Actor, allowed, type Failure, invalid, isSystem, notFound } from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import type { TransitionRefusal } from "./entry-state.js";
import { type Entry, type Round, relatedDepartments, responsibleDepartmentIds } from "./progress.js";
import { findEntry, findRound } from "./progress.repository.js";
import { chainOf, currentStep, mayActOnStep, mayReturnAtStep, stepLabel } from "./review-chain.js";

export type ProgressDeps = {
  db: Db;
  /** today's date in Japan (yyyy-mm-dd); tests pass a fixed day */
  today?: () => string;
};

export const today = (deps: ProgressDeps): string => (deps.today ?? todayInJapan)();

export type EntryContext = { entry: Entry; round: Round; plan: Plan; node: PlanNode };

/** The entry with its round, plan and item, or "not found" (an entry of a deleted plan is not found either). */
export async function loadEntry(db: DbOrTx, entryId: string): Promise<EntryContext | Failure> {
  const entry = await findEntry(db, entryId);
  if (!entry) return notFound(m.progress.errors.entryNotFound);
  const round = await findRound(db, entry.roundId);
  const plan = round ? await findPlan(db, round.planId) : null;
  const node = await findNode(db, entry.nodeId);
  if (!round || !plan || !node) return notFound(m.progress.errors.entryNotFound);
  return { entry, round, plan, node };
}

export function isFailure<T extends object>(x: T | Failure): x is Failure {
  return "ok" in x && x.ok === false;
}

/** Department staff act only on entries of items their departments are responsible for; admins on all. */
export function mayEdit(actor: Actor, ctx: EntryContext): boolean {
  if (isSystem(actor)) return true;
  return allowed(actor, "entry.edit", {
    orgId: ctx.round.orgId,
    departmentIds: responsibleDepartmentIds(ctx.entry, ctx.node.departments, actor.departmentIds),
  });
}

/** Viewing also extends to the related departments (関係課) of an entry its lead department consolidates. */
export function mayView(actor: Actor, ctx: EntryContext): boolean {
  if (isSystem(actor)) return true;
  return allowed(actor, "entry.view", {
    orgId: ctx.round.orgId,
    departmentIds: [
      ...responsibleDepartmentIds(ctx.entry, ctx.node.departments, actor.departmentIds),
      ...relatedDepartments(ctx.round, ctx.entry, ctx.node.departments).map((d) => d.departmentId),
    ],
  });
}

/** A refused state transition as a failure with a message a clerk understands. */
export function refused(refusal: TransitionRefusal): Failure {
  const e = m.progress.errors;
  switch (refusal.code) {
    case "round-closed":
      return invalid({ _: e.roundClosed });
    case "round-locked":
      return invalid({ _: e.roundLocked });
    case "past-deadline":
      return invalid({ _: e.pastDeadline(formatJapaneseDate(refusal.deadline, "wareki")) });
    case "comment-required":
      return invalid({ comment: e.commentRequired });
    case "invalid-transition":
      return invalid({
        _: e.invalidTransition(m.progress.entryStates[refusal.from], m.progress.actions[refusal.action]),
      });
  }
}

export function actorOf(actor: Actor): { id: string | null; displayName: string } {
  return { id: isSystem(actor) ? null : actor.id, displayName: actor.displayName };
}

export type ReviewOptions = { step: string | null; may: boolean; mayReturn: boolean; last: boolean };

/**
 * What a person may do to an entry in review: act on the step it waits at (pass it on, or approve after the last
 * step), return it (not at a committee step), or — the plan owner — return an approved entry.
 */
export function reviewOptions(
  actor: Actor,
  round: Pick<Round, "orgId" | "reviewSteps">,
  entry: Pick<Entry, "state" | "reviewStep">,
): ReviewOptions {
  const chain = chainOf(round.reviewSteps);
  const at = currentStep(chain, entry);
  const person = isSystem(actor) ? { role: "admin", departmentIds: [] } : actor;
  if (at) {
    const may =
      allowed(actor, "entry.check", {
        orgId: round.orgId,
        departmentIds: at.step.departmentId ? [at.step.departmentId] : [],
      }) && mayActOnStep(person, at.step);
    return {
      // a one-step chain (the default) has nothing to tell
      step: chain.length > 1 ? stepLabel(chain, at.index) : null,
      may,
      mayReturn: may && mayReturnAtStep(person, at.step),
      last: at.index === chain.length - 1,
    };
  }
  if (entry.state === "approved") {
    const may = allowed(actor, "entry.review", { orgId: round.orgId });
    return { step: null, may, mayReturn: may, last: true };
  }
  return { step: null, may: false, mayReturn: false, last: false };
}
