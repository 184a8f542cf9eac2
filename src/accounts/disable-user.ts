import { m } from "../web/messages/index.js";
import { type AccountsDeps, type CurrentUser, type Failure, failure, nowOf } from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { revokeInvitations } from "./invitation.repository.js";
import { can } from "./permissions.js";
import { deleteUserSessions } from "./session.repository.js";
import { versionField } from "./update-user.js";
import { findUser, type UserRecord, updateUserIfVersion } from "./user.repository.js";

const t = m.accounts.users;

/** An administrator disables a person: they can no longer sign in, their sessions and open invitations end. */
export async function disableUser(
  deps: AccountsDeps,
  input: { actor: CurrentUser | null; userId: string; version: unknown },
): Promise<{ ok: true; user: UserRecord; sessionsEnded: number } | Failure<UserRecord>> {
  const actor = input.actor;
  if (!actor) return failure("unauthenticated", { form: m.accounts.signIn.required });
  const user = await findUser(deps.db, input.userId);
  if (!user) return failure("not-found", { form: t.notFound });
  if (!can(actor, "user.manage", { orgId: user.orgId })) {
    return failure("forbidden", { form: m.accounts.errors.forbiddenBody });
  }
  const version = versionField.safeParse(input.version);
  if (!version.success) return failure("invalid", { form: m.accounts.errors.invalidForm });
  if (user.id === actor.id) return failure("invalid", { form: t.cannotDisableSelf });
  if (user.disabledAt) return failure("invalid", { form: t.alreadyDisabled });
  if (version.data !== user.version)
    return failure("conflict", { form: m.accounts.errors.conflictBody }, user);

  const now = nowOf(deps);
  const ended = await deps.db.transaction(async (tx) => {
    if (!(await updateUserIfVersion(tx, user.id, version.data, { disabledAt: now }))) return null;
    const sessionsEnded = await deleteUserSessions(tx, user.id);
    await revokeInvitations(tx, user.id, now);
    await recordAudit(tx, {
      orgId: user.orgId,
      actor,
      action: "user.disable",
      entityType: "user",
      entityId: user.id,
      before: { disabledAt: null, version: user.version },
      after: { disabledAt: now.toISOString(), version: user.version + 1, sessionsEnded },
    });
    return sessionsEnded;
  });
  if (ended === null) {
    const current = await findUser(deps.db, user.id);
    return failure("conflict", { form: m.accounts.errors.conflictBody }, current ?? user);
  }
  return { ok: true, user: { ...user, disabledAt: now, version: user.version + 1 }, sessionsEnded: ended };
}
