import type { AccountsDeps, CurrentUser } from "./account.js";
import { nowOf } from "./account.js";
import { hashToken, isExpired, isWellFormedToken, sessionExpiry, shouldRenew } from "./session.js";
import { deleteSession, extendSession, findSession } from "./session.repository.js";
import { findUser } from "./user.repository.js";

export type ValidSession = { user: CurrentUser; expiresAt: Date; renewed: boolean };

/**
 * The person behind a session cookie's token, or null (no such session, expired, or the person was
 * disabled). Sliding expiry: a session used in its second half is extended. The person is read fresh
 * on every request, so a changed role or department applies at once.
 */
export async function validateSession(
  deps: AccountsDeps,
  token: string | undefined,
): Promise<ValidSession | null> {
  if (!isWellFormedToken(token)) return null;
  const now = nowOf(deps);
  const id = hashToken(token);
  const session = await findSession(deps.db, id);
  if (!session) return null;
  if (isExpired(session.expiresAt, now)) {
    await deleteSession(deps.db, id);
    return null;
  }
  const user = await findUser(deps.db, session.userId);
  if (!user || user.disabledAt !== null) {
    await deleteSession(deps.db, id);
    return null;
  }
  let expiresAt = session.expiresAt;
  const renewed = shouldRenew(expiresAt, now);
  if (renewed) {
    expiresAt = sessionExpiry(now);
    await extendSession(deps.db, id, expiresAt);
  }
  const { email, displayName, role, departmentIds, orgId, groupId } = user;
  return {
    user: { id: user.id, orgId, email, displayName, role, departmentIds, groupId },
    expiresAt,
    renewed,
  };
}
