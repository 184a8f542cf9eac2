/**
 * The review chain of a plan, as pure rules: the ordered steps an entry passes after its department submits it
 * (課の自己評価 → e.g. 企画課の確認 → 審議会の意見 → 最終評価), each with the role that acts. Municipalities differ,
 * so the chain is data; the default chain (one step, the plan owner approves) is the behaviour without one.
 *
 *   submitted@0 ─advance→ submitted@1 ─advance→ … ─advance (last step)→ approved
 *        any step ─return (with a comment)→ returned (the department writes again and submits: back to step 0)
 */
import type { EntryState } from "./entry-state.js";

export const STEP_ROLES = ["admin", "department", "committee"] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export type ReviewStep = {
  label: string;
  role: StepRole;
  /** for a department step: the department that acts (e.g. 企画課) */
  departmentId: string | null;
  departmentName: string | null;
};

export const MAX_STEPS = 8;

export const DEFAULT_CHAIN: readonly ReviewStep[] = [
  { label: "最終評価", role: "admin", departmentId: null, departmentName: null },
];

/** The chain a round uses: its own steps, or the default chain. */
export function chainOf(steps: readonly ReviewStep[] | null | undefined): readonly ReviewStep[] {
  return steps && steps.length > 0 ? steps : DEFAULT_CHAIN;
}

/** The step a submitted entry waits at (null when it waits for no reviewer). */
export function currentStep(
  chain: readonly ReviewStep[],
  entry: { state: EntryState; reviewStep: number },
): { index: number; step: ReviewStep } | null {
  if (entry.state !== "submitted" || chain.length === 0) return null;
  const index = Math.min(Math.max(entry.reviewStep, 0), chain.length - 1);
  return { index, step: chain[index]! };
}

export type Reviewer = { role: string; departmentIds: readonly string[] };

/**
 * Whether a person may act on a step: the plan owner (admin) on every step; otherwise the step's role, and for a
 * department step only staff of that department. (Organisation and permission checks are can()'s, done by the caller.)
 */
export function mayActOnStep(person: Reviewer, step: ReviewStep): boolean {
  if (person.role === "admin") return true;
  if (person.role !== step.role) return false;
  if (step.role === "department")
    return step.departmentId !== null && person.departmentIds.includes(step.departmentId);
  return true;
}

/** A committee step is for opinions (意見): it may pass an entry on, not return it. */
export function mayReturnAtStep(person: Reviewer, step: ReviewStep): boolean {
  return mayActOnStep(person, step) && (person.role === "admin" || step.role !== "committee");
}

/** Where an entry goes when the step it waits at is passed: the next step, or approved after the last. */
export function advance(
  chain: readonly ReviewStep[],
  stepIndex: number,
): { state: "submitted"; reviewStep: number } | { state: "approved"; reviewStep: number } {
  const last = chain.length - 1;
  return stepIndex >= last
    ? { state: "approved", reviewStep: Math.max(last, 0) }
    : { state: "submitted", reviewStep: stepIndex + 1 };
}

/** A step as the board shows it: 「2/3 審議会の意見」. */
export function stepLabel(chain: readonly ReviewStep[], index: number): string {
  return `${index + 1}/${chain.length} ${chain[index]?.label ?? ""}`;
}
