/** What the matching-sheet use cases share: the audit record of an issue. */
import { recordAudit } from "../../accounts/audit.repository.js";
import type { DbOrTx } from "../../db/client.js";
import { type Actor, auditActor } from "../../plans/plan-use-case.js";

export async function auditIssue(
  tx: DbOrTx,
  actor: Actor,
  orgId: string,
  action: string,
  id: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(tx, {
    orgId,
    actor: auditActor(actor),
    action,
    entityType: "matching_issue",
    entityId: id,
    before,
    after,
  });
}
