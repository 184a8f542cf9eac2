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
