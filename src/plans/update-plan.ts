import { recordAudit } from "../accounts/audit.repository.js";
import { type Plan, yearsOutsidePeriod } from "./plan.js";
import { findNodes, findPlan, updatePlanRow } from "./plan.repository.js";
import { type PlanFields, planFieldsSchema, versionSchema } from "./plan-input.js";
import {
  type Actor,
  allowed,
  auditActor,
  changedFields,
  conflict,
  type Failure,
  type FieldErrors,
  forbidden,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "./plan-use-case.js";

export type UpdatePlanInput = { planId: string; version: number } & PlanFields;

/**
 * Changes a plan's fields and vocabularies (level names, tiers, statuses, grades, revisions).
 * Refuses to drop a tier or level still used by items, or to shorten the period past a scheduled year.
 */
export async function updatePlan(
  deps: UseCaseDeps,
  actor: Actor,
  input: UpdatePlanInput,
): Promise<{ ok: true; plan: Plan } | Failure> {
  const current = await findPlan(deps.db, input.planId);
  if (!current) return notFound();
  if (!allowed(actor, "plan.edit", { orgId: current.orgId })) return forbidden();
  const parsed = planFieldsSchema.safeParse(input);
  const version = versionSchema.safeParse(input.version);
  if (!parsed.success || !version.success) {
    return invalid({
      ...(parsed.success ? {} : zodErrors(parsed.error)),
      ...(version.success ? {} : { version: "版が指定されていません" }),
    });
  }
  const fields = parsed.data;
  if (fields.predecessorId === current.id)
    return invalid({ predecessorId: "自分自身を前期計画にはできません" });
  return transact(deps.db, async (tx) => {
    const nodes = await findNodes(tx, current.id);
    const errors: FieldErrors = {};
    const codes = new Set(fields.tiers.map((t) => t.code));
    const orphanTiers = [...new Set(nodes.map((n) => n.tierCode).filter((c) => c !== null && !codes.has(c)))];
    if (orphanTiers.length > 0) {
      errors.tiers = `優先度「${orphanTiers.join("」「")}」は項目で使われているため削除できません`;
    }
    const deepest = Math.max(-1, ...nodes.map((n) => n.level));
    if (deepest >= fields.levelNames.length) {
      errors.levelNames = `項目が${deepest + 1}階層目まであるため、階層の名前は${deepest + 1}つ以上必要です`;
    }
    const outside = [
      ...new Set(nodes.flatMap((n) => yearsOutsidePeriod(n.schedule, fields.firstYear, fields.lastYear))),
    ];
    if (outside.length > 0) {
      errors.firstYear = `実施年度 ${outside.sort().join("、")} 年度の予定がある項目があり、計画期間の外になります`;
    }
    if (Object.keys(errors).length > 0) return invalid(errors);
    const updated = await updatePlanRow(tx, current.id, version.data, fields);
    if (!updated) {
      const fresh = (await findPlan(tx, current.id)) ?? current;
      return conflict(changedFields(fresh as unknown as Record<string, unknown>, fields));
    }
    await recordAudit(tx, {
      orgId: current.orgId,
      actor: auditActor(actor),
      action: "plan.update",
      entityType: "plan",
      entityId: current.id,
      before: current,
      after: updated,
    });
    return { ok: true as const, plan: updated };
  });
}
