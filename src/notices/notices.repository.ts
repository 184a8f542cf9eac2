/** The only SQL of the notices capability. */
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import type { NewNotice, Notice } from "./notice.js";
import { notices } from "./notices.table.js";

export async function insertNotices(tx: DbOrTx, values: readonly NewNotice[]): Promise<void> {
  for (let i = 0; i < values.length; i += 500) await tx.insert(notices).values(values.slice(i, i + 500));
}

/** A person's notices, newest first. */
export async function listNotices(db: DbOrTx, userId: string, limit = 200): Promise<Notice[]> {
  return db
    .select()
    .from(notices)
    .where(eq(notices.userId, userId))
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(limit);
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notices)
    .where(and(eq(notices.userId, userId), isNull(notices.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one notice (or, without id, all) of the person read; returns how many changed. */
export async function markRead(
  db: DbOrTx,
  userId: string,
  noticeId: string | null,
  at: Date,
): Promise<number> {
  const rows = await db
    .update(notices)
    .set({ readAt: at })
    .where(
      and(
        eq(notices.userId, userId),
        isNull(notices.readAt),
        ...(noticeId === null ? [] : [eq(notices.id, noticeId)]),
      ),
    )
    .returning({ id: notices.id });
  return rows.length;
}
