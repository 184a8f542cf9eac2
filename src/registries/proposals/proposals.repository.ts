/** The only SQL of the proposal system (協働事業提案制度). */
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import type { Call, Proposal, ProposalStatus, ScoreSheet } from "./proposal.js";
import type { CallFields, ProposalFields } from "./proposal-input.js";
import { registryCalls, registryProposalScores, registryProposals } from "./proposals.table.js";

const toCall = (r: typeof registryCalls.$inferSelect): Call => r;
const toProposal = (r: typeof registryProposals.$inferSelect): Proposal => r;

export async function insertCall(tx: DbOrTx, orgId: string, f: CallFields): Promise<Call> {
  const [row] = await tx
    .insert(registryCalls)
    .values({ ...f, orgId })
    .returning();
  return toCall(row!);
}

export async function findCall(db: DbOrTx, id: string): Promise<Call | null> {
  const [row] = await db.select().from(registryCalls).where(eq(registryCalls.id, id)).limit(1);
  return row ? toCall(row) : null;
}

export async function listCalls(
  db: DbOrTx,
  orgId: string,
  opts: { publishedOnly?: boolean } = {},
): Promise<Call[]> {
  const conds = [eq(registryCalls.orgId, orgId)];
  if (opts.publishedOnly) conds.push(isNotNull(registryCalls.resultsPublishedAt));
  const rows = await db
    .select()
    .from(registryCalls)
    .where(and(...conds))
    .orderBy(desc(registryCalls.fiscalYear), desc(registryCalls.closesOn), asc(registryCalls.title));
  return rows.map(toCall);
}

export async function publishCallRow(
  tx: DbOrTx,
  id: string,
  version: number,
  at: Date,
): Promise<Call | null> {
  const [row] = await tx
    .update(registryCalls)
    .set({ resultsPublishedAt: at, version: sql`${registryCalls.version} + 1` })
    .where(and(eq(registryCalls.id, id), eq(registryCalls.version, version)))
    .returning();
  return row ? toCall(row) : null;
}

export async function insertProposal(
  tx: DbOrTx,
  call: Call,
  f: ProposalFields,
  submittedOn: string,
): Promise<Proposal> {
  const [row] = await tx
    .insert(registryProposals)
    .values({ ...f, orgId: call.orgId, callId: call.id, submittedOn })
    .returning();
  return toProposal(row!);
}

export async function findProposal(db: DbOrTx, id: string): Promise<Proposal | null> {
  const [row] = await db.select().from(registryProposals).where(eq(registryProposals.id, id)).limit(1);
  return row ? toProposal(row) : null;
}

export async function listProposals(
  db: DbOrTx,
  callIds: string[],
  opts: { groupId?: string } = {},
): Promise<Proposal[]> {
  if (callIds.length === 0) return [];
  const conds = [inArray(registryProposals.callId, callIds)];
  if (opts.groupId !== undefined) {
    // a person acting for no group ("-" from the pages) has none: not a uuid, which PostgreSQL would refuse (500)
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(opts.groupId)) return [];
    conds.push(eq(registryProposals.groupId, opts.groupId));
  }
  const rows = await db
    .select()
    .from(registryProposals)
    .where(and(...conds))
    .orderBy(asc(registryProposals.submittedOn), asc(registryProposals.title));
  return rows.map(toProposal);
}

/** Sets a proposal's decision when its version still matches; null when someone decided first. */
export async function decideProposalRow(
  tx: DbOrTx,
  id: string,
  version: number,
  d: { status: ProposalStatus; decisionReason: string; projectId: string | null },
): Promise<Proposal | null> {
  const [row] = await tx
    .update(registryProposals)
    .set({ ...d, version: sql`${registryProposals.version} + 1` })
    .where(and(eq(registryProposals.id, id), eq(registryProposals.version, version)))
    .returning();
  return row ? toProposal(row) : null;
}

export async function listScoreSheets(db: DbOrTx, proposalIds: string[]): Promise<ScoreSheet[]> {
  if (proposalIds.length === 0) return [];
  return db
    .select()
    .from(registryProposalScores)
    .where(inArray(registryProposalScores.proposalId, proposalIds))
    .orderBy(asc(registryProposalScores.reviewerName));
}

export async function findScoreSheet(
  db: DbOrTx,
  proposalId: string,
  reviewerId: string,
): Promise<ScoreSheet | null> {
  const [row] = await db
    .select()
    .from(registryProposalScores)
    .where(
      and(
        eq(registryProposalScores.proposalId, proposalId),
        eq(registryProposalScores.reviewerId, reviewerId),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function insertScoreSheet(
  tx: DbOrTx,
  s: { proposalId: string; reviewerId: string; reviewerName: string; scores: ScoreSheet["scores"] },
): Promise<ScoreSheet> {
  const [row] = await tx.insert(registryProposalScores).values(s).returning();
  return row!;
}

export async function updateScoreSheetRow(
  tx: DbOrTx,
  id: string,
  version: number,
  scores: ScoreSheet["scores"],
): Promise<ScoreSheet | null> {
  const [row] = await tx
    .update(registryProposalScores)
    .set({ scores, updatedAt: new Date(), version: sql`${registryProposalScores.version} + 1` })
    .where(and(eq(registryProposalScores.id, id), eq(registryProposalScores.version, version)))
    .returning();
  return row ?? null;
}
