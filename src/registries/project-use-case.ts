/** What the project use cases share: parsing and checking that departments, partners and plan items are the org's own. */
import { recordAudit } from "../accounts/audit.repository.js";
import { findDepartment } from "../accounts/department.repository.js";
import type { DbOrTx } from "../db/client.js";
import { findNode, findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  auditActor,
  type Failure,
  type FieldErrors,
  invalid,
  zodErrors,
} from "../plans/plan-use-case.js";
import type { Project } from "./project.js";
import { type ProjectFields, projectFieldsSchema } from "./project-input.js";
import { groupsByIds } from "./registries.repository.js";

export function parseProject(input: Record<string, unknown>): { ok: true; fields: ProjectFields } | Failure {
  const parsed = projectFieldsSchema.safeParse(input);
  return parsed.success ? { ok: true, fields: parsed.data } : invalid(zodErrors(parsed.error));
}

/** Field errors when a department, partner group or plan item is missing or belongs to another organisation. */
export async function foreignReferences(
  tx: DbOrTx,
  orgId: string,
  f: ProjectFields,
): Promise<Failure | null> {
  const errors: FieldErrors = {};
  if (f.departmentId) {
    const d = await findDepartment(tx, f.departmentId);
    if (!d || d.orgId !== orgId) errors.departmentId = "担当課が見つかりません";
  }
  const groups = await groupsByIds(tx, orgId, f.partnerGroupIds);
  if (groups.length !== f.partnerGroupIds.length) errors.partnerGroupIds = "協働先の団体が見つかりません";
  for (const id of f.planNodeIds) {
    const node = await findNode(tx, id);
    const plan = node ? await findPlan(tx, node.planId) : null;
    if (!plan || plan.orgId !== orgId) {
      errors.planNodeIds = "関連する計画の項目が見つかりません";
      break;
    }
  }
  return Object.keys(errors).length > 0 ? invalid(errors) : null;
}

export async function auditProject(
  tx: DbOrTx,
  actor: Actor,
  action: string,
  before: Project | null,
  after: Project,
): Promise<void> {
  await recordAudit(tx, {
    orgId: after.orgId,
    actor: auditActor(actor),
    action,
    entityType: "project",
    entityId: after.id,
    before,
    after,
  });
}
