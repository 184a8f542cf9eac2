import {
  type Actor,
  allowed,
  conflict,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../../plans/plan-use-case.js";
import type { ScoreSheet } from "./proposal.js";
import { scoresSchema } from "./proposal-input.js";
import { auditProposalSystem } from "./proposal-use-case.js";
import {
  findCall,
  findProposal,
  findScoreSheet,
  insertScoreSheet,
  updateScoreSheetRow,
} from "./proposals.repository.js";

/**
 * A review-panel member (審議会委員) scores a proposal: for each published criterion a whole score within the
 * call's scale and the reason. Saving again replaces the member's own sheet (optimistic version check).
 */
export async function scoreProposal(
  deps: UseCaseDeps,
  actor: Actor,
  proposalId: string,
  input: { version: number | null; scores: unknown },
): Promise<{ ok: true; sheet: ScoreSheet } | Failure> {
  const proposal = await findProposal(deps.db, proposalId);
  if (!proposal) return notFound("提案");
  if (isSystem(actor) || !allowed(actor, "proposal.review", { orgId: proposal.orgId })) return forbidden();
  if (proposal.status !== "submitted") return invalid({ _: "採択・不採択が決まった提案は採点できません。" });
  const call = await findCall(deps.db, proposal.callId);
  if (!call) return notFound("募集");
  const parsed = scoresSchema(call.criteria, call.scaleMax).safeParse(input.scores);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  return transact(deps.db, async (tx) => {
    const existing = await findScoreSheet(tx, proposal.id, actor.id);
    let sheet: ScoreSheet | null;
    if (existing) {
      if (input.version === null) return conflict([]);
      sheet = await updateScoreSheetRow(tx, existing.id, input.version, parsed.data);
      if (!sheet) return conflict([{ field: "scores", current: existing.scores, submitted: parsed.data }]);
    } else {
      sheet = await insertScoreSheet(tx, {
        proposalId: proposal.id,
        reviewerId: actor.id,
        reviewerName: actor.displayName,
        scores: parsed.data,
      });
    }
    await auditProposalSystem(tx, actor, {
      orgId: proposal.orgId,
      action: "proposal.score",
      entityType: "proposal",
      entityId: proposal.id,
      before: existing?.scores ?? null,
      after: sheet.scores,
    });
    return { ok: true as const, sheet };
  });
}
