/** What the proposal-system use cases share: the audit record and the checks of referenced rows. */
import { recordAudit } from "../../accounts/audit.repository.js";
import type { DbOrTx } from "../../db/client.js";
import { findNode, findPlan } from "../../plans/plan.repository.js";
import { type Actor, auditActor, type Failure, invalid } from "../../plans/plan-use-case.js";
import { m } from "../../web/messages/index.js";

export async function auditProposalSystem(
  tx: DbOrTx,
  actor: Actor,
  e: {
    orgId: string;
    action: string;
    entityType: "call" | "proposal";
    entityId: string;
    before: unknown;
    after: unknown;
  },
): Promise<void> {
  await recordAudit(tx, { ...e, actor: auditActor(actor) });
}

/** A failure when a chosen plan item is not one of the organisation's. */
export async function foreignPlanItems(
  tx: DbOrTx,
  orgId: string,
  ids: readonly string[],
): Promise<Failure | null> {
  for (const id of ids) {
    const node = await findNode(tx, id);
    const plan = node ? await findPlan(tx, node.planId) : null;
    if (!plan || plan.orgId !== orgId) return invalid({ planNodeIds: m.registries.planItems.unknown });
  }
  return null;
}
