import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { invitations } from "./accounts.table.js";

export type InvitationRow = typeof invitations.$inferSelect;

export async function insertInvitation(
  db: DbOrTx,
  i: { id: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db.insert(invitations).values(i);
}

export async function findInvitation(db: DbOrTx, id: string): Promise<InvitationRow | null> {
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id)).limit(1);
  return row ?? null;
}

/** Marks an invitation used, once: false when it already was (a second, concurrent use). */
export async function markInvitationUsed(db: DbOrTx, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ usedAt: at })
    .where(and(eq(invitations.id, id), isNull(invitations.usedAt)))
    .returning({ id: invitations.id });
  return rows.length === 1;
}

/** Invalidates every open invitation of a person (a new invitation replaces the old link; disabling ends it). */
export async function revokeInvitations(db: DbOrTx, userId: string, at: Date): Promise<void> {
  await db
    .update(invitations)
    .set({ usedAt: at })
    .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt)));
}
