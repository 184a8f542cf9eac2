import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { organisations } from "./accounts.table.js";

export type Organisation = typeof organisations.$inferSelect;

/** The organisation a page speaks for: the signed-in person's, else the deployment's first (its home). */
export async function findHomeOrganisation(db: DbOrTx, orgId?: string | null): Promise<Organisation | null> {
  const rows = orgId
    ? await db.select().from(organisations).where(eq(organisations.id, orgId)).limit(1)
    : await db
        .select()
        .from(organisations)
        .orderBy(asc(organisations.createdAt), asc(organisations.code))
        .limit(1);
  return rows[0] ?? null;
}
