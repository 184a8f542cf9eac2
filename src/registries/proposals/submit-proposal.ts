import { todayInJapan } from "../../japanese/index.js";
import {
  type Actor,
  allowed,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../../plans/plan-use-case.js";
import { m } from "../../web/messages/index.js";
import { actsForGroup } from "../group.js";
import { findGroup } from "../registries.repository.js";
import { callIsOpen, type Proposal } from "./proposal.js";
import { proposalFieldsSchema } from "./proposal-input.js";
import { auditProposalSystem, foreignPlanItems } from "./proposal-use-case.js";
import { findCall, insertProposal } from "./proposals.repository.js";

/**
 * A group submits a proposal to a call (or registry staff enter one received on paper). Only while the call is
 * open (受付期間, Japanese calendar days, both ends included); a group's person proposes only for their own group.
 */
export async function submitProposal(
  deps: UseCaseDeps & { now?: () => Date },
  actor: Actor,
  callId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; proposal: Proposal } | Failure> {
  const call = await findCall(deps.db, callId);
  if (!call) return notFound("募集");
  const parsed = proposalFieldsSchema.safeParse(input);
  const groupId = parsed.success
    ? parsed.data.groupId
    : typeof input.groupId === "string"
      ? input.groupId
      : "";
  if (!allowed(actor, "proposal.submit", { orgId: call.orgId, groupId })) {
    return actsForGroup(actor)
      ? { ...forbidden(), errors: { _: m.registries.groupUsers.otherGroup } }
      : forbidden();
  }
  const today = todayInJapan(deps.now?.());
  if (today > call.closesOn)
    return invalid({
      _: `この募集の受付は ${call.closesOn} で締め切りました。締切後の提案は受け付けられません。`,
    });
  if (!callIsOpen(call, today)) return invalid({ _: `この募集の受付は ${call.opensOn} から始まります。` });
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const f = parsed.data;
  return transact(deps.db, async (tx) => {
    const group = await findGroup(tx, f.groupId);
    if (!group || group.orgId !== call.orgId) return invalid({ groupId: "提案団体が見つかりません" });
    if (group.leftOn || group.anonymisedAt) return invalid({ groupId: "退会した団体は提案できません" });
    const bad = await foreignPlanItems(tx, call.orgId, f.planNodeIds);
    if (bad) return bad;
    const proposal = await insertProposal(tx, call, f, today);
    await auditProposalSystem(tx, actor, {
      orgId: call.orgId,
      action: "proposal.submit",
      entityType: "proposal",
      entityId: proposal.id,
      before: null,
      after: proposal,
    });
    return { ok: true as const, proposal };
  });
}
