/**
 * What saving an indicator and saving a budget line share: find the plan, authorise (`indicator.edit`), find the
 * row being changed within the plan, validate the form, check the item belongs to the plan, then in one
 * transaction insert (at the end of the list) or update with the optimistic version check, and audit.
 */
import { recordAudit } from "../accounts/audit.repository.js";
import type { DbOrTx, Tx } from "../db/client.js";
import type { Plan } from "../plans/plan.js";
import { findNodes, findPlan } from "../plans/plan.repository.js";
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
} from "../plans/plan-use-case.js";

type Row = { id: string; planId: string };

export type VersionedSave<T extends Row, P extends { fields: { nodeId: string | null } }> = {
  planId: string;
  /** null: a new row */
  id: string | null;
  /** the version the form was read at (ignored for a new row) */
  version: number;
  /** 指標 / 事業: the word of the not-found message */
  what: string;
  /** audit action prefix and entity type: `indicator.create`, `budget.update` … */
  audit: { prefix: string; entityType: string };
  find: (db: DbOrTx, id: string) => Promise<T | null>;
  parse: (plan: Plan, old: T | null) => { ok: true; value: P } | { ok: false; errors: FieldErrors };
  insert: (tx: Tx, plan: Plan, parsed: P) => Promise<T>;
  /** null: the stored version is not `version` (someone saved meanwhile) */
  update: (tx: Tx, old: T, version: number, parsed: P) => Promise<T | null>;
  /** the submitted values compared with the stored row on a conflict */
  submitted: (parsed: P) => Record<string, unknown>;
};

/** Creates or changes one row of the plan's indicators or budget lines; a stale version writes nothing. */
export async function saveVersioned<T extends Row, P extends { fields: { nodeId: string | null } }>(
  deps: UseCaseDeps,
  actor: Actor,
  s: VersionedSave<T, P>,
): Promise<{ ok: true; row: T } | Failure> {
  const plan = await findPlan(deps.db, s.planId);
  if (!plan) return notFound();
  if (!allowed(actor, "indicator.edit", { orgId: plan.orgId })) return forbidden();
  const old = s.id ? await s.find(deps.db, s.id) : null;
  if (s.id && (!old || old.planId !== plan.id)) return notFound(s.what);
  const parsed = s.parse(plan, old);
  if (!parsed.ok) return invalid(parsed.errors);
  const nodeId = parsed.value.fields.nodeId;
  if (nodeId !== null && !(await findNodes(deps.db, plan.id)).some((n) => n.id === nodeId)) {
    return invalid({ nodeId: "項目を一覧から選んでください" });
  }
  return transact(deps.db, async (tx) => {
    const audit = (action: string, before: unknown, after: T) =>
      recordAudit(tx, {
        orgId: plan.orgId,
        actor: auditActor(actor),
        action: `${s.audit.prefix}.${action}`,
        entityType: s.audit.entityType,
        entityId: after.id,
        before,
        after,
      });
    if (!old) {
      const row = await s.insert(tx, plan, parsed.value);
      await audit("create", undefined, row);
      return { ok: true as const, row };
    }
    const row = await s.update(tx, old, s.version, parsed.value);
    if (!row) {
      const fresh = (await s.find(tx, old.id)) ?? old;
      return conflict(changedFields(fresh as unknown as Record<string, unknown>, s.submitted(parsed.value)));
    }
    await audit("update", old, row);
    return { ok: true as const, row };
  });
}
