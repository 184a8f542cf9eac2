import { recordAudit } from "../accounts/audit.repository.js";
import type { PlanNode } from "./plan.js";
import { findNodes } from "./plan.repository.js";
import { isFailure, planForNodeEdit, siblingsOf, writeOrder } from "./plan-node-support.js";
import {
  type Actor,
  auditActor,
  conflict,
  type Failure,
  invalid,
  transact,
  type UseCaseDeps,
} from "./plan-use-case.js";

export type ReorderNodesInput = {
  planId: string;
  parentId: string | null;
  /** the children's ids in their new order: exactly the current children */
  order: string[];
};

/** Orders the children of one parent. A stale list (children added or removed meanwhile) is a conflict. */
export async function reorderNodes(
  deps: UseCaseDeps,
  actor: Actor,
  input: ReorderNodesInput,
): Promise<{ ok: true; order: string[] } | Failure> {
  const plan = await planForNodeEdit(deps.db, actor, input.planId);
  if (isFailure(plan)) return plan;
  return transact(deps.db, async (tx) => {
    const nodes = await findNodes(tx, plan.id);
    if (input.parentId && !nodes.some((n) => n.id === input.parentId)) {
      return invalid({ parentId: "親の項目が見つかりません" });
    }
    const children = siblingsOf(nodes, input.parentId);
    const ids = new Set(input.order);
    const same =
      ids.size === input.order.length && children.length === ids.size && children.every((c) => ids.has(c.id));
    if (!same) {
      return conflict([{ field: "order", current: children.map((c) => c.id), submitted: input.order }]);
    }
    const ordered: PlanNode[] = input.order.map((id) => children.find((c) => c.id === id)!);
    await writeOrder(tx, ordered, input.parentId);
    const order = ordered.map((n) => n.id);
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "node.reorder",
      entityType: "plan",
      entityId: plan.id,
      before: { parentId: input.parentId, order: children.map((c) => c.id) },
      after: { parentId: input.parentId, order },
    });
    return { ok: true as const, order };
  });
}
