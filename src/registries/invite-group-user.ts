import type { CurrentUser } from "../accounts/account.js";
import { type Failure, failure } from "../accounts/account.js";
import { type Invited, inviteUser } from "../accounts/invite-user.js";
import type { UseCaseDeps } from "../plans/plan-use-case.js";
import { findGroup } from "./registries.repository.js";

/**
 * Registry staff (or an administrator) invite a person who will act for a civic group: the accounts invitation
 * flow with role `group` and the group attached, so the person later edits only that group's entry.
 */
export async function inviteGroupUser(
  deps: UseCaseDeps,
  actor: CurrentUser,
  groupId: string,
  input: { email: unknown; displayName: unknown },
): Promise<Invited | Failure> {
  const group = await findGroup(deps.db, groupId);
  if (!group || group.orgId !== actor.orgId) return failure("not-found", { form: "団体が見つかりません。" });
  if (group.anonymisedAt || group.leftOn)
    return failure("invalid", { form: "退会した団体には利用者を招待できません。" });
  return inviteUser(deps, {
    actor,
    email: input.email,
    displayName: input.displayName,
    role: "group",
    departmentIds: [],
    groupId: group.id,
  });
}
