import { randomUUID } from "node:crypto";
import { recordAudit } from "../accounts/audit.repository.js";
import { findDuplicateLabel, type PlanNode } from "./plan.js";
import { findNodes, insertNode } from "./plan.repository.js";
import { isFailure, nodeSnapshot, planForNodeEdit, siblingsOf, writeOrder } from "./plan-node-support.js";
import { sortKeyFor } from "./plan-numbering.js";
import {
  type Actor,
  auditActor,
  type Failure,
  invalid,
  transact,
  type UseCaseDeps,
} from "./plan-use-case.js";

export type AddCrossReferenceInput = {
  planId: string;
  /** the item listed again */
  originalId: string;
  /** the heading it is listed again under */
  parentId: string;
  /** the number it is printed with there; null when none */
  label: string | null;
};

/**
 * Lists an item again (再掲) under another heading. The listing shows the original's fields, edits go to the
 * original, and tallies count the item once.
 */
export async function addCrossReference(
  deps: UseCaseDeps,
  actor: Actor,
  input: AddCrossReferenceInput,
): Promise<{ ok: true; node: PlanNode } | Failure> {
  const plan = await planForNodeEdit(deps.db, actor, input.planId);
  if (isFailure(plan)) return plan;
  return transact(deps.db, async (tx) => {
    const nodes = await findNodes(tx, plan.id);
    const original = nodes.find((n) => n.id === input.originalId);
    const parent = nodes.find((n) => n.id === input.parentId);
    if (!original) return invalid({ originalId: "再掲する取組が見つかりません" });
    if (original.kind !== "item" || original.crossRefOf) {
      return invalid({ originalId: "再掲できるのは取組（再掲でないもの）だけです" });
    }
    if (!parent || parent.crossRefOf) return invalid({ parentId: "再掲先の見出しが見つかりません" });
    if (parent.id === original.parentId) return invalid({ parentId: "元と同じ見出しの下には再掲できません" });
    if (siblingsOf(nodes, parent.id).some((n) => n.crossRefOf === original.id)) {
      return invalid({ parentId: "この見出しの下にはすでに再掲されています" });
    }
    const label = input.label?.trim() || null;
    const siblings = siblingsOf(nodes, parent.id);
    if (findDuplicateLabel(siblings, label))
      return invalid({ label: `番号「${label}」は同じ階層にすでにあります` });
    const node = await insertNode(
      tx,
      {
        planId: plan.id,
        parentId: parent.id,
        position: siblings.length,
        key: `ref-${randomUUID()}`,
        kind: "item",
        level: parent.level + 1,
        label,
        sortKey: sortKeyFor(label),
        title: original.title,
        content: null,
        yearlyGoal: null,
        targetState: null,
        tierCode: null,
        implementingBody: null,
        schedule: {},
        crossRefOf: original.id,
        nextTerm: null,
        attributes: {},
        predecessorNodeId: null,
      },
      [],
    );
    await writeOrder(tx, [...siblings, node], parent.id);
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "node.cross_reference",
      entityType: "plan_node",
      entityId: node.id,
      after: nodeSnapshot(node),
    });
    return { ok: true as const, node };
  });
}
