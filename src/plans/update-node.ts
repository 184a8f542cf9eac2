import { recordAudit } from "../accounts/audit.repository.js";
import { checkNodeAgainstPlan, findDuplicateLabel, type PlanNode } from "./plan.js";
import { findNode, findNodes, replaceNodeDepartments, updateNodeRow } from "./plan.repository.js";
import { type NodeFields, nodeFieldsSchema, versionSchema } from "./plan-input.js";
import {
  isFailure,
  nodeSnapshot,
  planForNodeEdit,
  resolveDepartments,
  siblingsOf,
} from "./plan-node-support.js";
import { sortKeyFor } from "./plan-numbering.js";
import {
  type Actor,
  auditActor,
  changedFields,
  conflict,
  type Failure,
  type FieldErrors,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "./plan-use-case.js";

export type UpdateNodeInput = { nodeId: string; version: number } & NodeFields;

/**
 * Changes an item or category row. Editing a 再掲 listing edits its original (the listing only points at it),
 * so `version` is then the original's version.
 */
export async function updateNode(
  deps: UseCaseDeps,
  actor: Actor,
  input: UpdateNodeInput,
): Promise<{ ok: true; node: PlanNode } | Failure> {
  const listed = await findNode(deps.db, input.nodeId);
  if (!listed) return notFound("項目");
  const target = listed.crossRefOf ? await findNode(deps.db, listed.crossRefOf) : listed;
  if (!target) return notFound("再掲の元の項目");
  const plan = await planForNodeEdit(deps.db, actor, target.planId);
  if (isFailure(plan)) return plan;
  const parsed = nodeFieldsSchema.safeParse(input);
  const version = versionSchema.safeParse(input.version);
  if (!parsed.success || !version.success) {
    return invalid({
      ...(parsed.success ? {} : zodErrors(parsed.error)),
      ...(version.success ? {} : { version: "版が指定されていません" }),
    });
  }
  const fields = parsed.data;
  return transact(deps.db, async (tx) => {
    const nodes = await findNodes(tx, plan.id);
    const errors: FieldErrors = checkNodeAgainstPlan(plan, { ...fields, level: target.level });
    delete errors.level;
    if (findDuplicateLabel(siblingsOf(nodes, target.parentId), fields.label, target.id)) {
      errors.label = `番号「${fields.label}」は同じ階層にすでにあります`;
    }
    if (fields.kind === "category" && nodes.some((n) => n.crossRefOf === target.id)) {
      errors.kind = "再掲されている取組は見出しにできません";
    }
    if (Object.keys(errors).length > 0) return invalid(errors);
    const { departments, ...rest } = fields;
    const updated = await updateNodeRow(tx, target.id, version.data, {
      ...rest,
      sortKey: sortKeyFor(fields.label),
    });
    if (!updated) {
      const fresh = (await findNode(tx, target.id)) ?? target;
      const current = { ...fresh, departments: fresh.departments.map((d) => d.name) };
      return conflict(changedFields(current as unknown as Record<string, unknown>, fields));
    }
    const resolved = await resolveDepartments(tx, plan.orgId, departments, { create: false });
    await replaceNodeDepartments(tx, target.id, resolved.departments);
    const node = { ...updated, departments: resolved.departments };
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "node.update",
      entityType: "plan_node",
      entityId: target.id,
      before: nodeSnapshot(target),
      after: nodeSnapshot(node),
    });
    return { ok: true as const, node };
  });
}
