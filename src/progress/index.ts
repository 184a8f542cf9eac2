/**
 * What other capabilities use of progress reporting: the seam with plan documents (import, export, plan page).
 * @example const problems = checkDocumentRounds(doc); await writePlanRounds(tx, { plan, nodeIdByKey, … });
 */
import type { PlanDocument } from "../plans/plan-document.js";
import { m } from "../web/messages/index.js";
import { checkDocumentRounds as check, type Problem } from "./progress.js";

export {
  type PlanRound,
  type RoundCounts,
  readPlanRounds,
  readRoundToShow,
  roundToShow,
  writePlanRounds,
} from "./plan-rounds.js";

/** A document's rounds against its vocabularies: statuses and grades known, one entry per item and department. */
export function checkDocumentRounds(
  doc: Pick<PlanDocument, "rounds" | "statusVocabulary" | "gradeVocabulary">,
): Problem[] {
  return check(doc, m.progress.errors);
}
