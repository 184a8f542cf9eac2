import { z } from "zod";
import { m } from "../web/messages/index.js";
import {
  type AccountsDeps,
  type CurrentUser,
  type Failure,
  failure,
  normaliseEmail,
  nowOf,
  zodFieldErrors,
} from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { verifyAgainstDummy, verifyPassword } from "./password.js";
import { hashToken, newToken, sessionExpiry } from "./session.js";
import { deleteExpiredSessions, insertSession } from "./session.repository.js";
import { countRecentFailures, recordSignInAttempt } from "./sign-in-attempt.repository.js";
import { emailKey, ipKey, isThrottled, THROTTLE_WINDOW_MS, windowStart } from "./sign-in-throttle.js";
import { findUserWithHashByEmail } from "./user.repository.js";

const t = m.accounts.signIn;

const schema = z.object({
  email: z.string({ error: t.emailRequired }).trim().min(1, t.emailRequired).max(320, t.invalid),
  password: z.string({ error: t.passwordRequired }).min(1, t.passwordRequired).max(1000, t.invalid),
});

export type SignInInput = { email: unknown; password: unknown; ip: string };
export type SignedIn = { ok: true; token: string; expiresAt: Date; user: CurrentUser };

/**
 * Signs a person in with e-mail and password. Always a new session (no fixation: the caller drops any
 * old cookie). Failures are counted per e-mail and per client address; past the limit the answer is
 * "throttled" (429) whether or not the password is right.
 */
export async function signIn(deps: AccountsDeps, input: SignInInput): Promise<SignedIn | Failure> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return failure("invalid", zodFieldErrors(parsed.error));
  const now = nowOf(deps);
  const email = normaliseEmail(parsed.data.email);
  const keys = { email: emailKey(email), ip: ipKey(input.ip) };
  const since = windowStart(now);
  const counts = {
    email: await countRecentFailures(deps.db, keys.email, since),
    ip: await countRecentFailures(deps.db, keys.ip, since),
  };
  const user = await findUserWithHashByEmail(deps.db, email);

  if (isThrottled(counts)) {
    await deps.db.transaction(async (tx) => {
      await recordSignInAttempt(tx, keys.email, false, now);
      await recordSignInAttempt(tx, keys.ip, false, now);
      if (user) {
        await recordAudit(tx, {
          orgId: user.orgId,
          actor: null,
          action: "session.sign_in_throttled",
          entityType: "user",
          entityId: user.id,
          note: `ip=${input.ip}`,
        });
      }
    });
    return failure("throttled", { form: t.throttled(THROTTLE_WINDOW_MS / 60_000) });
  }

  const usable = user && user.disabledAt === null && user.passwordHash !== null;
  const passwordOk = usable
    ? await verifyPassword(user.passwordHash!, parsed.data.password)
    : await verifyAgainstDummy(parsed.data.password);

  if (!usable || !passwordOk) {
    await deps.db.transaction(async (tx) => {
      await recordSignInAttempt(tx, keys.email, false, now);
      await recordSignInAttempt(tx, keys.ip, false, now);
      if (user) {
        await recordAudit(tx, {
          orgId: user.orgId,
          actor: null,
          action: "session.sign_in_failed",
          entityType: "user",
          entityId: user.id,
          note: `${user.disabledAt ? "disabled" : user.passwordHash ? "wrong password" : "no password yet"}; ip=${input.ip}`,
        });
      }
    });
    return failure("unauthenticated", { form: t.invalid });
  }

  const token = newToken();
  const expiresAt = sessionExpiry(now);
  await deps.db.transaction(async (tx) => {
    // only the e-mail key is reset by a success: one valid account must not clear an address's failures
    await recordSignInAttempt(tx, keys.email, true, now);
    await deleteExpiredSessions(tx, now); // housekeeping: sessions nobody came back to
    await insertSession(tx, { id: hashToken(token), userId: user.id, expiresAt });
    await recordAudit(tx, {
      orgId: user.orgId,
      actor: user,
      action: "session.sign_in",
      entityType: "user",
      entityId: user.id,
      note: `ip=${input.ip}`,
    });
  });
  const { id, orgId, displayName, role, departmentIds } = user;
  return {
    ok: true,
    token,
    expiresAt,
    user: { id, orgId, email: user.email, displayName, role, departmentIds },
  };
}
