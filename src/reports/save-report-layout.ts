import { recordAudit } from "../accounts/audit.repository.js";
import type { Db } from "../db/client.js";
import { findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  zodErrors,
} from "../plans/plan-use-case.js";
import {
  deleteLayoutRow,
  findLayout,
  insertLayout,
  type SavedLayoutRow,
  updateLayoutRow,
} from "./report.repository.js";
import { type Layout, layoutSchema } from "./report-layout.js";

export type SaveLayoutInput = { layoutId: string | null; version: number; layout: unknown };

/**
 * Saves a custom layout for a plan (new when `layoutId` is null): plan owners only (plan.edit), validated by zod,
 * in one transaction with its audit event; a stale version is refused with the usual conflict message.
 */
export async function saveReportLayout(
  deps: { db: Db },
  actor: Actor,
  planId: string,
  input: SaveLayoutInput,
): Promise<{ ok: true; row: SavedLayoutRow; layout: Layout } | Failure> {
  const plan = await findPlan(deps.db, planId);
  if (!plan) return notFound();
  if (!allowed(actor, "plan.edit", { orgId: plan.orgId })) return forbidden();
  const parsed = layoutSchema.safeParse(input.layout);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  if (parsed.data.kind !== "custom") return invalid({ kind: "保存できるのは作成したレイアウトだけです。" });
  const layout = parsed.data;
  return transact(deps.db, async (tx) => {
    if (input.layoutId === null) {
      const row = await insertLayout(tx, {
        orgId: plan.orgId,
        planId,
        name: layout.name,
        definition: layout,
      });
      await recordAudit(tx, {
        orgId: plan.orgId,
        actor: auditActor(actor),
        action: "report_layout.create",
        entityType: "report_layout",
        entityId: row.id,
        after: layout,
      });
      return { ok: true as const, row, layout };
    }
    const current = await findLayout(tx, planId, input.layoutId);
    if (!current) return notFound("レイアウト");
    if (current.version !== input.version)
      return conflict([{ field: "layout", current: current.definition, submitted: layout }]);
    const row = await updateLayoutRow(tx, current.id, current.version, {
      name: layout.name,
      definition: layout,
    });
    if (!row) return conflict([{ field: "layout", current: current.definition, submitted: layout }]);
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "report_layout.update",
      entityType: "report_layout",
      entityId: row.id,
      before: current.definition,
      after: layout,
    });
    return { ok: true as const, row, layout };
  });
}

/**
 * Deletes a saved layout of a plan (plan owners, like saving): kept in the database for the audit trail, gone from
 * the reports page, the designer, every output and the public portal. A stale version is a conflict.
 */
export async function deleteReportLayout(
  deps: { db: Db },
  actor: Actor,
  planId: string,
  input: { layoutId: string; version: number },
): Promise<{ ok: true } | Failure> {
  const plan = await findPlan(deps.db, planId);
  if (!plan) return notFound();
  if (!allowed(actor, "plan.edit", { orgId: plan.orgId })) return forbidden();
  return transact(deps.db, async (tx) => {
    const current = await findLayout(tx, planId, input.layoutId);
    if (!current) return notFound("レイアウト");
    if (current.version !== input.version)
      return conflict([{ field: "layout", current: current.definition, submitted: null }]);
    const row = await deleteLayoutRow(tx, current.id, current.version);
    if (!row) return conflict([{ field: "layout", current: current.definition, submitted: null }]);
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: "report_layout.delete",
      entityType: "report_layout",
      entityId: row.id,
      before: current.definition,
    });
    return { ok: true as const };
  });
}
