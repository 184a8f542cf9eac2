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

export async function organisationCodeTaken(db: DbOrTx, code: string): Promise<boolean> {
  const rows = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.code, code))
    .limit(1);
  return rows.length > 0;
}

export async function insertOrganisation(
  db: DbOrTx,
  o: { code: string; name: string; nameKana: string | null; yearStyle: string },
): Promise<Organisation> {
  const [row] = await db.insert(organisations).values(o).returning();
  return row!;
}
