import type { Actor, Failure, UseCaseDeps } from "../plans/plan-use-case.js";
import type { BudgetLineRow } from "./indicator.js";
import {
  findBudgetLine,
  insertBudgetLine,
  nextPositions,
  replaceBudgetAmounts,
  updateBudgetLineRow,
} from "./indicator.repository.js";
import { parseBudgetForm } from "./indicator-input.js";
import { saveVersioned } from "./versioned-save.js";

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
  const r = await saveVersioned(deps, actor, {
    planId: input.planId,
    id: input.lineId,
    version: input.version,
    what: "事業",
    audit: { prefix: "budget", entityType: "budget_line" },
    find: findBudgetLine,
    parse: (plan) => {
      const p = parseBudgetForm(input.form, plan);
      return p.ok ? { ok: true, value: p } : p;
    },
    insert: async (tx, plan, { fields, amounts }) => {
      const position = (await nextPositions(tx, plan.id)).budget;
      return insertBudgetLine(tx, { ...fields, orgId: plan.orgId, planId: plan.id, position }, amounts);
    },
    update: async (tx, old, version, { fields, amounts }) => {
      const updated = await updateBudgetLineRow(tx, old.id, version, fields);
      if (!updated) return null;
      await replaceBudgetAmounts(tx, old.id, amounts);
      return { ...updated, amounts };
    },
    submitted: ({ fields, amounts }) => ({ ...fields, amounts }),
  });
  return r.ok ? { ok: true, line: r.row } : r;
}
