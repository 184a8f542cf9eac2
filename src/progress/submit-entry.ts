import type { Actor, Failure } from "../plans/plan-use-case.js";
import type { ProgressDeps } from "./progress-use-case.js";
import { type EntryInput, type EntryOutcome, writeEntry } from "./save-entry.js";

/**
 * Saves the entry's fields and submits it for review (draft, returned or not started → submitted), with the
 * same checks as saving a draft: responsibility, vocabulary, open round before its deadline, current version.
 */
export function submitEntry(
  deps: ProgressDeps,
  actor: Actor,
  entryId: string,
  input: EntryInput | Record<string, unknown>,
): Promise<EntryOutcome | Failure> {
  return writeEntry(deps, actor, entryId, input, "submit");
}
