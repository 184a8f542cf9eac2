import { todayInJapan } from "../../japanese/index.js";
import {
  type Actor,
  allowed,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../../plans/plan-use-case.js";
import { m } from "../../web/messages/index.js";
import { actsForGroup } from "../group.js";

import { findGroup } from "../registries.repository.js";
import { acceptsOffers, type MatchingOffer } from "./matching.js";
import { findIssue, insertOffer, listOffers } from "./matching.repository.js";
import { offerFieldsSchema } from "./matching-input.js";

import { auditIssue } from "./matching-use-case.js";

/** A group offers to work on an issue (a group's person only for their own group), while it is 募集中. */
export async function offerForIssue(
  deps: UseCaseDeps & { now?: () => Date },
  actor: Actor,
  issueId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; offer: MatchingOffer } | Failure> {
  const issue = await findIssue(deps.db, issueId);
  if (!issue) return notFound("課題");
  const parsed = offerFieldsSchema.safeParse(input);
  const groupId = parsed.success ? parsed.data.groupId : String(input.groupId ?? "");
  if (!allowed(actor, "matching.propose", { orgId: issue.orgId, groupId })) {
    return actsForGroup(actor)
      ? { ...forbidden(), errors: { _: m.registries.groupUsers.otherGroup } }
      : forbidden();
  }
  if (!acceptsOffers(issue, todayInJapan(deps.now?.())))
    return invalid({ _: "この課題は申し出を受け付けていません（期限が過ぎたか、募集を終えています）。" });
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  return transact(deps.db, async (tx) => {
    const group = await findGroup(tx, parsed.data.groupId);
    if (!group || group.orgId !== issue.orgId) return invalid({ groupId: "団体が見つかりません" });
    if (group.leftOn || group.anonymisedAt) return invalid({ groupId: "退会した団体は申し出られません" });
    if ((await listOffers(tx, [issue.id], { groupId: group.id })).length > 0)
      return invalid({ groupId: `「${group.name}」はこの課題にすでに申し出ています。` });
    const offer = await insertOffer(tx, issue.id, parsed.data, isSystem(actor) ? null : actor.id);
    await auditIssue(tx, actor, issue.orgId, "issue.offer", issue.id, null, offer);
    return { ok: true as const, offer };
  });
}
