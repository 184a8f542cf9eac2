import type { AccountsDeps } from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { hashToken, isWellFormedToken } from "./session.js";
import { deleteSession, findSession } from "./session.repository.js";
import { findUser } from "./user.repository.js";

/** Ends the session a cookie names (if any) and records it. Signing out twice is harmless. */
export async function signOut(
  deps: AccountsDeps,
  input: { token: string | undefined },
): Promise<{ ok: true }> {
  if (!isWellFormedToken(input.token)) return { ok: true };
  const id = hashToken(input.token);
  await deps.db.transaction(async (tx) => {
    const session = await findSession(tx, id);
    if (!session) return;
    await deleteSession(tx, id);
    const user = await findUser(tx, session.userId);
    if (user) {
      await recordAudit(tx, {
        orgId: user.orgId,
        actor: user,
        action: "session.sign_out",
        entityType: "user",
        entityId: user.id,
      });
    }
  });
  return { ok: true };
}
