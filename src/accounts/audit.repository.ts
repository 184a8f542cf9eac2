import { and, count, desc, eq, gte, lt } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import type { CurrentUser } from "./account.js";
import { auditEvents } from "./accounts.table.js";

export type AuditInput = {
  orgId: string | null;
  actor: Pick<CurrentUser, "id" | "displayName"> | null;
  /** verb.noun, e.g. "plan.create", "node.move", "entry.submit", "import.commit" */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  note?: string;
};

/** Writes one audit event. Call it with the transaction that makes the change, so both land or neither. */
export async function recordAudit(tx: DbOrTx, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    orgId: e.orgId,
    actorId: e.actor?.id ?? null,
    actorName: e.actor?.displayName ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    note: e.note ?? null,
  });
}

export type AuditEvent = typeof auditEvents.$inferSelect;

export type AuditFilter = {
  orgId: string;
  action?: string;
  entityType?: string;
  /** one entity's history (a group's page shows its own trail) */
  entityId?: string;
  actorId?: string;
  /** YYYY-MM-DD, inclusive, in Japan time */
  from?: string;
  /** YYYY-MM-DD, inclusive, in Japan time */
  to?: string;
  page: number;
  pageSize: number;
};

/** One page of an organisation's audit trail, newest first, and how many events match in all. */
export async function listAudit(
  db: DbOrTx,
  f: AuditFilter,
): Promise<{ events: AuditEvent[]; total: number }> {
  const conditions = [eq(auditEvents.orgId, f.orgId)];
  if (f.action) conditions.push(eq(auditEvents.action, f.action));
  if (f.entityType) conditions.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) conditions.push(eq(auditEvents.entityId, f.entityId));
  if (f.actorId) conditions.push(eq(auditEvents.actorId, f.actorId));
  if (f.from) conditions.push(gte(auditEvents.at, new Date(`${f.from}T00:00:00+09:00`)));
  if (f.to)
    conditions.push(lt(auditEvents.at, new Date(new Date(`${f.to}T00:00:00+09:00`).getTime() + 86_400_000)));
  const where = and(...conditions);
  const [totalRow] = await db.select({ n: count() }).from(auditEvents).where(where);
  const events = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { events, total: totalRow?.n ?? 0 };
}

/** The distinct actions and entity types an organisation's trail holds, for the filter's select boxes. */
export async function auditVocabulary(
  db: DbOrTx,
  orgId: string,
): Promise<{ actions: string[]; entityTypes: string[] }> {
  const actions = await db
    .selectDistinct({ v: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.orgId, orgId))
    .orderBy(auditEvents.action);
  const types = await db
    .selectDistinct({ v: auditEvents.entityType })
    .from(auditEvents)
    .where(eq(auditEvents.orgId, orgId))
    .orderBy(auditEvents.entityType);
  return { actions: actions.map((a) => a.v), entityTypes: types.map((t) => t.v) };
}
