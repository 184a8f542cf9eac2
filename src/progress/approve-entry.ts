import type { Actor, Failure } from "../plans/plan-use-case.js";
import type { Entry } from "./progress.js";
import type { ProgressDeps } from "./progress-use-case.js";
import { type ReviewInput, reviewEntry } from "./review-entry.js";

/** Approves a submitted entry (承認), with an optional comment. Only the plan owner (entry.review) may. */
export function approveEntry(
  deps: ProgressDeps,
  actor: Actor,
  entryId: string,
  input: ReviewInput | Record<string, unknown>,
): Promise<{ ok: true; entry: Entry } | Failure> {
  return reviewEntry(deps, actor, entryId, input, "approve");
}
