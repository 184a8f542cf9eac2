import { recordAudit } from "../accounts/audit.repository.js";
import type { Plan } from "./plan.js";
import { findPlan, insertPlan } from "./plan.repository.js";
import { type PlanFields, planFieldsSchema } from "./plan-input.js";
import {
  type Actor,
  allowed,
  auditActor,
  type Failure,
  forbidden,
  invalid,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "./plan-use-case.js";

export type CreatePlanInput = { orgId: string } & PlanFields;

/** Creates an empty plan (its tree is added item by item, or comes from importPlanDocument). */
export async function createPlan(
  deps: UseCaseDeps,
  actor: Actor,
  input: CreatePlanInput,
): Promise<{ ok: true; plan: Plan } | Failure> {
  if (!allowed(actor, "plan.create", { orgId: input.orgId })) return forbidden();
  const parsed = planFieldsSchema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const fields = parsed.data;
  return transact(deps.db, async (tx) => {
    if (fields.predecessorId) {
      const pred = await findPlan(tx, fields.predecessorId);
      if (!pred || pred.orgId !== input.orgId) return invalid({ predecessorId: "前期計画が見つかりません" });
    }
    const plan = await insertPlan(tx, { ...fields, orgId: input.orgId, sections: [], departments: [] });
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "plan.create",
      entityType: "plan",
      entityId: plan.id,
      after: plan,
    });
    return { ok: true as const, plan };
  });
}
