import { TransactionRollbackError } from "drizzle-orm";
import { m } from "../web/messages/index.js";
import { type AccountsDeps, type Failure, failure, newPasswordErrors, nowOf } from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { findInvitation, markInvitationUsed } from "./invitation.repository.js";
import { hashPassword } from "./password.js";
import { hashToken, isExpired, isWellFormedToken, newToken, sessionExpiry } from "./session.js";
import { deleteUserSessions, insertSession } from "./session.repository.js";
import { findUser, type UserRecord, updateUserIfVersion } from "./user.repository.js";

const invalid = () => failure("not-found", { form: m.accounts.invitation.invalid });

/** The person an invitation link is for, if the link is still usable (unused, unexpired, person enabled). */
export async function findOpenInvitation(
  deps: AccountsDeps,
  token: string | undefined,
): Promise<{ ok: true; user: UserRecord } | Failure> {
  if (!isWellFormedToken(token)) return invalid();
  const inv = await findInvitation(deps.db, hashToken(token));
  if (!inv || inv.usedAt || isExpired(inv.expiresAt, nowOf(deps))) return invalid();
  const user = await findUser(deps.db, inv.userId);
  if (!user || user.disabledAt) return invalid();
  return { ok: true, user };
}

/**
 * The invited person sets their password at the link: the link is used up, their other sessions end,
 * and they are signed in with a new session.
 */
export async function acceptInvitation(
  deps: AccountsDeps,
  input: { token: string | undefined; password: unknown; confirm: unknown },
): Promise<{ ok: true; token: string; expiresAt: Date } | Failure> {
  const open = await findOpenInvitation(deps, input.token);
  if (!open.ok) return open;
  const errors = newPasswordErrors(input.password, input.confirm);
  if (Object.keys(errors).length > 0) return failure("invalid", errors);
  const now = nowOf(deps);
  const passwordHash = await hashPassword(input.password as string);
  const sessionToken = newToken();
  const expiresAt = sessionExpiry(now);
  const user = open.user;
  const done = await deps.db
    .transaction(async (tx) => {
      // a second use of the link at the same moment, or an edit of the person in between: write nothing
      if (!(await markInvitationUsed(tx, hashToken(input.token!), now))) return false;
      if (!(await updateUserIfVersion(tx, user.id, user.version, { passwordHash }))) tx.rollback();
      await deleteUserSessions(tx, user.id);
      await insertSession(tx, { id: hashToken(sessionToken), userId: user.id, expiresAt });
      await recordAudit(tx, {
        orgId: user.orgId,
        actor: user,
        action: "user.accept_invitation",
        entityType: "user",
        entityId: user.id,
        before: { hasPassword: user.hasPassword, version: user.version },
        after: { hasPassword: true, version: user.version + 1 },
      });
      return true;
    })
    .catch((err: unknown) => {
      if (err instanceof TransactionRollbackError) return false;
      throw err;
    });
  if (!done) return invalid();
  return { ok: true, token: sessionToken, expiresAt };
}
