import { recordAudit } from "../accounts/audit.repository.js";
import { removedWith } from "./plan.js";
import { findNode, findNodes, softDeleteNodes } from "./plan.repository.js";
import { versionSchema } from "./plan-input.js";
import { isFailure, nodeSnapshot, planForNodeEdit, siblingsOf, writeOrder } from "./plan-node-support.js";
import {
  type Actor,
  auditActor,
  conflict,
  type Failure,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
} from "./plan-use-case.js";

export type DeleteNodeInput = { nodeId: string; version: number; confirmed: boolean };

/**
 * Deletes a node with everything under it, and the 再掲 listings of the deleted items. Only when confirmed.
 * A soft delete: the rows stay for history and the audit log records what was removed.
 */
export async function deleteNode(
  deps: UseCaseDeps,
  actor: Actor,
  input: DeleteNodeInput,
): Promise<{ ok: true; deletedIds: string[] } | Failure> {
  const node = await findNode(deps.db, input.nodeId);
  if (!node) return notFound("項目");
  const plan = await planForNodeEdit(deps.db, actor, node.planId);
  if (isFailure(plan)) return plan;
  if (!versionSchema.safeParse(input.version).success) return invalid({ version: "版が指定されていません" });
  if (input.confirmed !== true)
    return invalid({ confirmed: "削除してよいか確認のうえ、チェックを入れてください" });
  return transact(deps.db, async (tx) => {
    const nodes = await findNodes(tx, plan.id);
    const current = nodes.find((n) => n.id === node.id);
    if (!current) return notFound("項目");
    if (current.version !== input.version) {
      return conflict([{ field: "title", current: current.title, submitted: node.title }]);
    }
    const removed = removedWith(nodes, node.id);
    const removedIds = removed.map((n) => n.id);
    await softDeleteNodes(tx, removedIds);
    const gone = new Set(removedIds);
    for (const parentId of new Set(removed.map((n) => n.parentId))) {
      if (parentId && gone.has(parentId)) continue;
      await writeOrder(
        tx,
        siblingsOf(nodes, parentId).filter((n) => !gone.has(n.id)),
        parentId,
      );
    }
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "node.delete",
      entityType: "plan_node",
      entityId: node.id,
      before: removed.map(nodeSnapshot),
    });
    return { ok: true as const, deletedIds: removedIds };
  });
}
