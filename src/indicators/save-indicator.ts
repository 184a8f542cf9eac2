import type { Actor, Failure, UseCaseDeps } from "../plans/plan-use-case.js";
import type { Indicator } from "./indicator.js";
import {
  findIndicator,
  insertIndicator,
  nextPositions,
  replaceIndicatorValues,
  updateIndicatorRow,
} from "./indicator.repository.js";
import { parseIndicatorForm } from "./indicator-input.js";
import { saveVersioned } from "./versioned-save.js";

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
 * Values are read in the indicator's unit; a live indicator keeps its frozen actuals; a stale version is refused
 * with what changed, nothing written.
 */
export async function saveIndicator(
  deps: UseCaseDeps,
  actor: Actor,
  input: SaveIndicatorInput,
): Promise<{ ok: true; indicator: Indicator } | Failure> {
  const r = await saveVersioned(deps, actor, {
    planId: input.planId,
    id: input.indicatorId,
    version: input.version,
    what: "指標",
    audit: { prefix: "indicator", entityType: "indicator" },
    find: findIndicator,
    parse: (plan, old) => {
      const frozen = new Map(
        (old?.frozen ?? []).map((f) => [
          f.fiscalYear,
          old!.values.find((v) => v.fiscalYear === f.fiscalYear)?.actual ?? null,
        ]),
      );
      const p = parseIndicatorForm(input.form, plan, frozen);
      return p.ok ? { ok: true, value: p } : p;
    },
    insert: async (tx, plan, { fields, values }) => {
      const position = (await nextPositions(tx, plan.id)).indicator;
      return insertIndicator(tx, { ...fields, orgId: plan.orgId, planId: plan.id, position }, values);
    },
    update: async (tx, old, version, { fields, values }) => {
      const updated = await updateIndicatorRow(tx, old.id, version, fields);
      if (!updated) return null;
      // a year frozen before stays frozen only while the indicator is live and the year is still there
      const frozen = fields.liveSource
        ? old.frozen.filter((f) => values.some((v) => v.fiscalYear === f.fiscalYear))
        : [];
      await replaceIndicatorValues(tx, old.id, values, frozen);
      return { ...updated, values, frozen };
    },
    submitted: ({ fields, values }) => ({ ...fields, values }),
  });
  return r.ok ? { ok: true, indicator: r.row } : r;
}
