import { recordAudit } from "../accounts/audit.repository.js";
import { findNodes, findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  changedFields,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import type { BudgetLineRow } from "./indicator.js";
import {
  findBudgetLine,
  insertBudgetLine,
  nextPositions,
  replaceBudgetAmounts,
  updateBudgetLineRow,
} from "./indicator.repository.js";
import { parseBudgetForm } from "./indicator-input.js";

export type SaveBudgetLineInput = {
  planId: string;
  /** null: a new project at the end of the plan's budget table */
  lineId: string | null;
  version: number;
  /** the form as submitted (validated here) */
  form: Record<string, unknown>;
};

/**
 * Creates or changes a project (主な事業) with its budget per fiscal year in thousand yen (plan owners:
 * `indicator.edit`). A stale version is refused with what changed, nothing written.
 */
export async function saveBudgetLine(
  deps: UseCaseDeps,
  actor: Actor,
  input: SaveBudgetLineInput,
): Promise<{ ok: true; line: BudgetLineRow } | Failure> {
  const plan = await findPlan(deps.db, input.planId);
  if (!plan) return notFound();
  if (!allowed(actor, "indicator.edit", { orgId: plan.orgId })) return forbidden();
  const old = input.lineId ? await findBudgetLine(deps.db, input.lineId) : null;
  if (input.lineId && (!old || old.planId !== plan.id)) return notFound("事業");
  const parsed = parseBudgetForm(input.form, plan);
  if (!parsed.ok) return invalid(parsed.errors);
  const { fields, amounts } = parsed;
  if (fields.nodeId !== null && !(await findNodes(deps.db, plan.id)).some((n) => n.id === fields.nodeId)) {
    return invalid({ nodeId: "項目を一覧から選んでください" });
  }
  return transact(deps.db, async (tx) => {
    if (!old) {
      const position = (await nextPositions(tx, plan.id)).budget;
      const line = await insertBudgetLine(
        tx,
        { ...fields, orgId: plan.orgId, planId: plan.id, position },
        amounts,
      );
      await recordAudit(tx, {
        orgId: plan.orgId,
        actor: auditActor(actor),
        action: "budget.create",
        entityType: "budget_line",
        entityId: line.id,
        after: line,
      });
      return { ok: true as const, line };
    }
    const updated = await updateBudgetLineRow(tx, old.id, input.version, fields);
    if (!updated) {
      const fresh = (await findBudgetLine(tx, old.id)) ?? old;
      return conflict(
        changedFields(
          fresh as unknown as Record<string, unknown>,
          { ...fields, amounts } as Record<string, unknown>,
        ),
      );
    }
    await replaceBudgetAmounts(tx, old.id, amounts);
    const line = { ...updated, amounts };
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "budget.update",
      entityType: "budget_line",
      entityId: old.id,
      before: old,
      after: line,
    });
    return { ok: true as const, line };
  });
}
