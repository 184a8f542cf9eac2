import type { Actor, Failure } from "../plans/plan-use-case.js";
import type { Entry } from "./progress.js";
import type { ProgressDeps } from "./progress-use-case.js";
import { type ReviewInput, reviewEntry } from "./review-entry.js";

/**
 * Returns a submitted (or approved) entry to its department with a comment saying why (差し戻し); the comment is
 * required and shown on the entry. Only the plan owner (entry.review) may; the deadline does not bind reviewers.
 */
export function returnEntry(
  deps: ProgressDeps,
  actor: Actor,
  entryId: string,
  input: ReviewInput | Record<string, unknown>,
): Promise<{ ok: true; entry: Entry } | Failure> {
  return reviewEntry(deps, actor, entryId, input, "return");
}
