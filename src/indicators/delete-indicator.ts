import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import type { DbOrTx } from "../db/client.js";
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
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import {
  findBudgetLine,
  findIndicator,
  softDeleteBudgetLine,
  softDeleteIndicator,
} from "./indicator.repository.js";

const e = m.indicators.errors;
const schema = z.object({
  planId: z.string(),
  id: z.uuid({ message: e.noIndicator }),
  version: z.coerce.number({ message: e.noVersion }).int(e.noVersion).positive(e.noVersion),
});
type DeleteInput = { planId: string; id: string; version: number | string };

async function softDelete<T extends { id: string; orgId: string; planId: string; version: number }>(
  deps: UseCaseDeps,
  actor: Actor,
  input: DeleteInput,
  kind: {
    what: string;
    action: string;
    entityType: string;
    find: (db: DbOrTx, id: string) => Promise<T | null>;
    remove: (tx: DbOrTx, id: string, version: number) => Promise<boolean>;
  },
): Promise<{ ok: true } | Failure> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const { planId, id, version } = parsed.data;
  const row = await kind.find(deps.db, id);
  if (!row || row.planId !== planId) return notFound(kind.what);
  if (!allowed(actor, "indicator.edit", { orgId: row.orgId })) return forbidden();
  return transact(deps.db, async (tx) => {
    if (!(await kind.remove(tx, id, version))) {
      const fresh = await kind.find(tx, id);
      if (!fresh) return notFound(kind.what);
      return conflict([{ field: "version", current: fresh.version, submitted: version }]);
    }
    await recordAudit(tx, {
      orgId: row.orgId,
      actor: auditActor(actor),
      action: kind.action,
      entityType: kind.entityType,
      entityId: id,
      before: row,
      after: null,
    });
    return { ok: true as const };
  });
}

/**
 * Deletes an indicator (plan owners: `indicator.edit`): soft, so the audit trail and the frozen actuals stay;
 * refused when someone changed it since the page was read.
 */
export function deleteIndicator(deps: UseCaseDeps, actor: Actor, input: DeleteInput) {
  return softDelete(deps, actor, input, {
    what: e.indicatorNotFound,
    action: "indicator.delete",
    entityType: "indicator",
    find: findIndicator,
    remove: softDeleteIndicator,
  });
}

/** Deletes a project (主な事業) and its budget from the plan's table, as deleteIndicator does. */
export function deleteBudgetLine(deps: UseCaseDeps, actor: Actor, input: DeleteInput) {
  return softDelete(deps, actor, input, {
    what: e.budgetNotFound,
    action: "budget.delete",
    entityType: "budget_line",
    find: findBudgetLine,
    remove: softDeleteBudgetLine,
  });
}
