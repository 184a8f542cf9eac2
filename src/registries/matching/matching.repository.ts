/** The only SQL of the matching sheet (マッチングシート). */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import type { MatchingIssue, MatchingOffer } from "./matching.js";
import { registryMatchingIssues, registryMatchingOffers } from "./matching.table.js";
import type { IssueFields, OfferFields, OutcomeFields } from "./matching-input.js";

const toIssue = (r: typeof registryMatchingIssues.$inferSelect): MatchingIssue => r;

export async function insertIssue(tx: DbOrTx, orgId: string, f: IssueFields): Promise<MatchingIssue> {
  const [row] = await tx
    .insert(registryMatchingIssues)
    .values({ ...f, orgId })
    .returning();
  return toIssue(row!);
}

export async function findIssue(db: DbOrTx, id: string): Promise<MatchingIssue | null> {
  const [row] = await db
    .select()
    .from(registryMatchingIssues)
    .where(eq(registryMatchingIssues.id, id))
    .limit(1);
  return row ? toIssue(row) : null;
}

/** The organisation's issues, open ones first, then by deadline. */
export async function listIssues(db: DbOrTx, orgId: string): Promise<MatchingIssue[]> {
  const rows = await db
    .select()
    .from(registryMatchingIssues)
    .where(eq(registryMatchingIssues.orgId, orgId))
    .orderBy(
      sql`case ${registryMatchingIssues.status} when 'open' then 0 when 'negotiating' then 1 else 2 end`,
      asc(registryMatchingIssues.deadline),
      desc(registryMatchingIssues.createdAt),
    );
  return rows.map(toIssue);
}

export async function updateIssueOutcomeRow(
  tx: DbOrTx,
  id: string,
  version: number,
  f: OutcomeFields,
): Promise<MatchingIssue | null> {
  const [row] = await tx
    .update(registryMatchingIssues)
    .set({ ...f, updatedAt: new Date(), version: sql`${registryMatchingIssues.version} + 1` })
    .where(and(eq(registryMatchingIssues.id, id), eq(registryMatchingIssues.version, version)))
    .returning();
  return row ? toIssue(row) : null;
}

export async function insertOffer(
  tx: DbOrTx,
  issueId: string,
  f: OfferFields,
  createdBy: string | null,
): Promise<MatchingOffer> {
  const [row] = await tx
    .insert(registryMatchingOffers)
    .values({ ...f, issueId, createdBy })
    .returning();
  return row!;
}

export async function listOffers(
  db: DbOrTx,
  issueIds: string[],
  opts: { groupId?: string } = {},
): Promise<MatchingOffer[]> {
  if (issueIds.length === 0) return [];
  const conds = [inArray(registryMatchingOffers.issueId, issueIds)];
  if (opts.groupId !== undefined) {
    // a person acting for no group ("-" from the pages) has none: not a uuid, which PostgreSQL would refuse (500)
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(opts.groupId)) return [];
    conds.push(eq(registryMatchingOffers.groupId, opts.groupId));
  }
  return db
    .select()
    .from(registryMatchingOffers)
    .where(and(...conds))
    .orderBy(asc(registryMatchingOffers.createdAt));
}
