import { m } from "../web/messages/index.js";
import { type AccountsDeps, type CurrentUser, type Failure, failure, nowOf } from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { insertInvitation, revokeInvitations } from "./invitation.repository.js";
import type { Invited } from "./invite-user.js";
import { can } from "./permissions.js";
import { hashToken, INVITATION_TTL_MS, newToken } from "./session.js";
import { findUser } from "./user.repository.js";

/**
 * A new invitation link for an enabled person (a lost link, or a forgotten password): earlier links
 * stop working; the current password keeps working until the link is used.
 */
export async function reissueInvitation(
  deps: AccountsDeps,
  input: { actor: CurrentUser | null; userId: string },
): Promise<Invited | Failure> {
  const actor = input.actor;
  if (!actor) return failure("unauthenticated", { form: m.accounts.signIn.required });
  const user = await findUser(deps.db, input.userId);
  if (!user) return failure("not-found", { form: m.accounts.users.notFound });
  if (!can(actor, "user.manage", { orgId: user.orgId })) {
    return failure("forbidden", { form: m.accounts.errors.forbiddenBody });
  }
  if (user.disabledAt) return failure("invalid", { form: m.accounts.users.alreadyDisabled });
  const now = nowOf(deps);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await deps.db.transaction(async (tx) => {
    await revokeInvitations(tx, user.id, now);
    await insertInvitation(tx, { id: hashToken(token), userId: user.id, expiresAt });
    await recordAudit(tx, {
      orgId: user.orgId,
      actor,
      action: "user.reinvite",
      entityType: "user",
      entityId: user.id,
      after: { invitationExpiresAt: expiresAt.toISOString() },
    });
  });
  return { ok: true, userId: user.id, displayName: user.displayName, token, expiresAt };
}
