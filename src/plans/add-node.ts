import { randomUUID } from "node:crypto";
import { recordAudit } from "../accounts/audit.repository.js";
import { checkNodeAgainstPlan, findDuplicateLabel, type PlanNode } from "./plan.js";
import { findNodes, insertNode } from "./plan.repository.js";
import { type NodeFields, nodeFieldsSchema } from "./plan-input.js";
import {
  isFailure,
  nodeSnapshot,
  planForNodeEdit,
  resolveDepartments,
  siblingsOf,
  writeOrder,
} from "./plan-node-support.js";
import { sortKeyFor } from "./plan-numbering.js";
import {
  type Actor,
  auditActor,
  type Failure,
  type FieldErrors,
  invalid,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "./plan-use-case.js";

export type AddNodeInput = {
  planId: string;
  parentId: string | null;
  /** index among the siblings; at the end when null */
  position: number | null;
} & NodeFields;

/** Adds an item or a category row under a parent (or at the top level). */
export async function addNode(
  deps: UseCaseDeps,
  actor: Actor,
  input: AddNodeInput,
): Promise<{ ok: true; node: PlanNode } | Failure> {
  const plan = await planForNodeEdit(deps.db, actor, input.planId);
  if (isFailure(plan)) return plan;
  const parsed = nodeFieldsSchema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const fields = parsed.data;
  return transact(deps.db, async (tx) => {
    const nodes = await findNodes(tx, plan.id);
    const parent = input.parentId ? nodes.find((n) => n.id === input.parentId) : null;
    if (input.parentId && !parent) return invalid({ parentId: "親の項目が見つかりません" });
    if (parent?.crossRefOf) return invalid({ parentId: "再掲の項目の下には追加できません" });
    const level = parent ? parent.level + 1 : 0;
    const errors: FieldErrors = checkNodeAgainstPlan(plan, { ...fields, level });
    if (errors.level) errors.parentId = `この計画の階層は${plan.levelNames.length}段までです`;
    delete errors.level;
    const siblings = siblingsOf(nodes, input.parentId);
    if (findDuplicateLabel(siblings, fields.label)) {
      errors.label = `番号「${fields.label}」は同じ階層にすでにあります`;
    }
    if (Object.keys(errors).length > 0) return invalid(errors);
    const { departments } = await resolveDepartments(tx, plan.orgId, fields.departments, { create: false });
    const at = Math.max(0, Math.min(input.position ?? siblings.length, siblings.length));
    const node = await insertNode(
      tx,
      {
        ...fields,
        planId: plan.id,
        parentId: input.parentId,
        position: at,
        key: `n-${randomUUID()}`,
        level,
        sortKey: sortKeyFor(fields.label),
        crossRefOf: null,
        predecessorNodeId: null,
      },
      departments,
    );
    const ordered = [...siblings];
    ordered.splice(at, 0, node);
    await writeOrder(tx, ordered, input.parentId);
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "node.create",
      entityType: "plan_node",
      entityId: node.id,
      after: nodeSnapshot(node),
    });
    return { ok: true as const, node };
  });
}
