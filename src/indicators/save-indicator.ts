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
import type { Indicator } from "./indicator.js";
import {
  findIndicator,
  insertIndicator,
  nextPositions,
  replaceIndicatorValues,
  updateIndicatorRow,
} from "./indicator.repository.js";
import { parseIndicatorForm } from "./indicator-input.js";

export type SaveIndicatorInput = {
  planId: string;
  /** null: a new indicator at the end of the plan's list */
  indicatorId: string | null;
  /** the version the form was read at (ignored for a new indicator) */
  version: number;
  /** the form as submitted (validated here) */
  form: Record<string, unknown>;
};

/**
 * Creates or changes an indicator with its yearly targets and actuals (plan owners: `indicator.edit`).
 * Values are read in the indicator's unit; a stale version is refused with what changed, nothing written.
 */
export async function saveIndicator(
  deps: UseCaseDeps,
  actor: Actor,
  input: SaveIndicatorInput,
): Promise<{ ok: true; indicator: Indicator } | Failure> {
  const plan = await findPlan(deps.db, input.planId);
  if (!plan) return notFound();
  if (!allowed(actor, "indicator.edit", { orgId: plan.orgId })) return forbidden();
  const old = input.indicatorId ? await findIndicator(deps.db, input.indicatorId) : null;
  if (input.indicatorId && (!old || old.planId !== plan.id)) return notFound("指標");
  const parsed = parseIndicatorForm(input.form, plan);
  if (!parsed.ok) return invalid(parsed.errors);
  const { fields, values } = parsed;
  if (fields.nodeId !== null && !(await findNodes(deps.db, plan.id)).some((n) => n.id === fields.nodeId)) {
    return invalid({ nodeId: "項目を一覧から選んでください" });
  }
  return transact(deps.db, async (tx) => {
    if (!old) {
      const position = (await nextPositions(tx, plan.id)).indicator;
      const indicator = await insertIndicator(
        tx,
        { ...fields, orgId: plan.orgId, planId: plan.id, position },
        values,
      );
      await recordAudit(tx, {
        orgId: plan.orgId,
        actor: auditActor(actor),
        action: "indicator.create",
        entityType: "indicator",
        entityId: indicator.id,
        after: indicator,
      });
      return { ok: true as const, indicator };
    }
    const updated = await updateIndicatorRow(tx, old.id, input.version, fields);
    if (!updated) {
      const fresh = (await findIndicator(tx, old.id)) ?? old;
      return conflict(
        changedFields(
          fresh as unknown as Record<string, unknown>,
          { ...fields, values } as Record<string, unknown>,
        ),
      );
    }
    await replaceIndicatorValues(tx, old.id, values);
    const indicator = { ...updated, values };
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "indicator.update",
      entityType: "indicator",
      entityId: old.id,
      before: old,
      after: indicator,
    });
    return { ok: true as const, indicator };
  });
}
