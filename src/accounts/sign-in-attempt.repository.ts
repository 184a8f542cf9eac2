import { and, count, desc, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { signInAttempts } from "./accounts.table.js";

export async function recordSignInAttempt(
  db: DbOrTx,
  key: string,
  succeeded: boolean,
  at: Date,
): Promise<void> {
  await db.insert(signInAttempts).values({ key, succeeded, at });
}

/** Failed attempts for a key after `since`, or after the key's last success when that is later. */
export async function countRecentFailures(db: DbOrTx, key: string, since: Date): Promise<number> {
  const [lastOk] = await db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), eq(signInAttempts.succeeded, true), gt(signInAttempts.at, since)))
    .orderBy(desc(signInAttempts.at))
    .limit(1);
  const from = lastOk ? lastOk.at : since;
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(
      and(eq(signInAttempts.key, key), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, from)),
    );
  return row?.n ?? 0;
}
