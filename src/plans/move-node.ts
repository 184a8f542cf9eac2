import { recordAudit } from "../accounts/audit.repository.js";
import { collectSubtree, findDuplicateLabel, type PlanNode, wouldCreateCycle } from "./plan.js";
import { findNode, findNodes, setNodePlaces } from "./plan.repository.js";
import { versionSchema } from "./plan-input.js";
import { isFailure, planForNodeEdit, siblingsOf, writeOrder } from "./plan-node-support.js";
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

export type MoveNodeInput = {
  nodeId: string;
  version: number;
  /** the new parent, or null for the top level */
  parentId: string | null;
  /** index among the new siblings; at the end when null */
  position: number | null;
};

/** Puts a node (with everything under it) under another parent. Refuses a move that would make a loop. */
export async function moveNode(
  deps: UseCaseDeps,
  actor: Actor,
  input: MoveNodeInput,
): Promise<{ ok: true; node: PlanNode } | Failure> {
  const node = await findNode(deps.db, input.nodeId);
  if (!node) return notFound("項目");
  const plan = await planForNodeEdit(deps.db, actor, node.planId);
  if (isFailure(plan)) return plan;
  if (!versionSchema.safeParse(input.version).success) return invalid({ version: "版が指定されていません" });
  return transact(deps.db, async (tx) => {
    const nodes = await findNodes(tx, plan.id);
    const current = nodes.find((n) => n.id === node.id);
    if (!current) return notFound("項目");
    if (current.version !== input.version) {
      return conflict([
        { field: "parentId", current: current.parentId, submitted: input.parentId },
        { field: "position", current: current.position, submitted: input.position },
      ]);
    }
    const parent = input.parentId ? nodes.find((n) => n.id === input.parentId) : null;
    if (input.parentId && !parent) return invalid({ parentId: "移動先の項目が見つかりません" });
    if (parent?.crossRefOf) return invalid({ parentId: "再掲の項目の下には移動できません" });
    if (wouldCreateCycle(nodes, node.id, input.parentId)) {
      return invalid({ parentId: "項目を、それ自身やその下の項目の下には移動できません" });
    }
    const newSiblings = siblingsOf(nodes, input.parentId, node.id);
    if (findDuplicateLabel(newSiblings, current.label)) {
      return invalid({ parentId: `移動先に同じ番号「${current.label}」の項目があります` });
    }
    // the subtree keeps its shape: every level shifts by the same amount
    const delta = (parent ? parent.level + 1 : 0) - current.level;
    const subtree = collectSubtree(nodes, node.id);
    const deepest = Math.max(...subtree.map((n) => n.level + delta));
    if (plan.levelNames.length > 0 && deepest >= plan.levelNames.length) {
      return invalid({ parentId: `移動すると階層が${plan.levelNames.length}段を超えます` });
    }
    if (delta !== 0) {
      await setNodePlaces(
        tx,
        subtree
          .filter((n) => n.id !== node.id)
          .map((n) => ({ id: n.id, parentId: n.parentId, position: n.position, level: n.level + delta })),
      );
    }
    const at = Math.max(0, Math.min(input.position ?? newSiblings.length, newSiblings.length));
    const moved = { ...current, parentId: input.parentId, level: current.level + delta, position: -1 };
    await setNodePlaces(tx, [{ id: node.id, parentId: input.parentId, position: at, level: moved.level }]);
    const ordered = [...newSiblings];
    ordered.splice(at, 0, { ...moved, position: at });
    await writeOrder(tx, ordered, input.parentId);
    if (current.parentId !== input.parentId)
      await writeOrder(tx, siblingsOf(nodes, current.parentId, node.id), current.parentId);
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "node.move",
      entityType: "plan_node",
      entityId: node.id,
      before: { parentId: current.parentId, position: current.position, level: current.level },
      after: { parentId: input.parentId, position: at, level: moved.level },
    });
    const result = await findNode(tx, node.id);
    return { ok: true as const, node: result! };
  });
}
