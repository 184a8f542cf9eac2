import { m } from "../web/messages/index.js";
import {
  type AccountsDeps,
  type CurrentUser,
  type Failure,
  failure,
  newPasswordErrors,
  nowOf,
} from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { hashPassword, verifyPassword } from "./password.js";
import { hashToken, newToken, sessionExpiry } from "./session.js";
import { deleteUserSessions, insertSession } from "./session.repository.js";
import { countRecentFailures, recordSignInAttempt } from "./sign-in-attempt.repository.js";
import { EMAIL_FAILURE_LIMIT, emailKey, THROTTLE_WINDOW_MS, windowStart } from "./sign-in-throttle.js";
import { findUserWithHash, updateUserIfVersion } from "./user.repository.js";

const t = m.accounts.password;

export type ChangePasswordInput = {
  user: CurrentUser;
  current: unknown;
  password: unknown;
  confirm: unknown;
};

/**
 * A signed-in person changes their own password. The current password is asked again (and wrong
 * guesses count towards the sign-in limit); every session ends and a new one is returned.
 */
export async function changePassword(
  deps: AccountsDeps,
  input: ChangePasswordInput,
): Promise<{ ok: true; token: string; expiresAt: Date } | Failure> {
  const now = nowOf(deps);
  if (typeof input.current !== "string" || input.current.length === 0) {
    return failure("invalid", { current: t.currentRequired });
  }
  const key = emailKey(input.user.email);
  if ((await countRecentFailures(deps.db, key, windowStart(now))) >= EMAIL_FAILURE_LIMIT) {
    return failure("throttled", { form: m.accounts.signIn.throttled(THROTTLE_WINDOW_MS / 60_000) });
  }
  const stored = await findUserWithHash(deps.db, input.user.id);
  if (!stored || stored.disabledAt !== null)
    return failure("unauthenticated", { form: m.accounts.signIn.expired });
  if (!stored.passwordHash || !(await verifyPassword(stored.passwordHash, input.current))) {
    await recordSignInAttempt(deps.db, key, false, now);
    return failure("invalid", { current: t.wrongCurrent });
  }
  const errors = newPasswordErrors(input.password, input.confirm);
  if (Object.keys(errors).length > 0) return failure("invalid", errors);

  const passwordHash = await hashPassword(input.password as string);
  const token = newToken();
  const expiresAt = sessionExpiry(now);
  const written = await deps.db.transaction(async (tx) => {
    if (!(await updateUserIfVersion(tx, stored.id, stored.version, { passwordHash }))) return false;
    const ended = await deleteUserSessions(tx, stored.id);
    await insertSession(tx, { id: hashToken(token), userId: stored.id, expiresAt });
    await recordAudit(tx, {
      orgId: stored.orgId,
      actor: input.user,
      action: "user.change_password",
      entityType: "user",
      entityId: stored.id,
      before: { version: stored.version },
      after: { version: stored.version + 1, sessionsEnded: ended },
    });
    return true;
  });
  if (!written) return failure("conflict", { form: m.accounts.errors.conflictBody });
  return { ok: true, token, expiresAt };
}
