/**
 * Targets and actuals of a plan's indicators, or amounts of its budget lines, per fiscal year from a table (an
 * Excel paste, a CSV or an xlsx) → preview (year by year: current → new, every problem located) → all-or-nothing
 * commit through the indicators repository, version-checked, with one audit event. Plan owners only
 * (`indicator.edit`).
 */
import { recordAudit } from "../accounts/audit.repository.js";
import type { Db, Tx } from "../db/client.js";
import type { BudgetAmount, IndicatorValue } from "../indicators/indicator.js";
import { BUDGET_UNIT, valueYearWindow } from "../indicators/indicator.js";
import {
  findBudgetLine,
  findIndicator,
  findPlanBudgetLines,
  findPlanIndicators,
  replaceBudgetAmounts,
  replaceIndicatorValues,
  updateBudgetLineRow,
  updateIndicatorRow,
} from "../indicators/indicator.repository.js";
import { budgetYearWindow } from "../indicators/indicator-input.js";
import { parseLiveSource } from "../indicators/live-source.js";
import type { Plan } from "../plans/plan.js";
import { findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  conflict,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  notFound,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import type { ColumnMapping } from "./detect.js";
import { findImportJobFor } from "./find-import-job.js";
import { readTableWithSavedMapping } from "./find-saved-mapping.js";
import type { Grid } from "./grid.js";
import {
  blockingProblems,
  type ImportSource,
  type ValuesImportResult,
  type ValuesParse,
} from "./import-job.js";
import { updateImportJob } from "./import-job.repository.js";
import { storeTableJob } from "./store-table-job.js";
import {
  detectValuesMapping,
  planValuesImport,
  type SeriesForImport,
  type ValuesRowChange,
  type ValuesTarget,
  valueKey,
  valuesHeaderDetector,
} from "./year-values.js";

const msg = () => m.imports.values;

export type PlanSeries = { plan: Plan; series: SeriesForImport[]; years: number[] };

/** The years a template lists: the plan's period and every year that has a value, in order. */
function yearsOf(plan: Plan, series: readonly SeriesForImport[], extraBefore: number): number[] {
  const years = new Set<number>();
  if (plan.firstYear !== null && plan.lastYear !== null && plan.lastYear - plan.firstYear < 50)
    for (let y = plan.firstYear - extraBefore; y <= plan.lastYear; y++) years.add(y);
  for (const s of series)
    for (const [k, v] of Object.entries(s.values)) if (v !== null) years.add(Number(k.split(":")[0]));
  return [...years].sort((a, b) => a - b);
}

/** The plan (in the actor's organisation, which the actor owns) with its indicators or budget lines as series. */
export async function planSeriesFor(
  deps: UseCaseDeps,
  actor: Actor,
  planId: string,
  target: ValuesTarget,
): Promise<({ ok: true } & PlanSeries) | Failure> {
  const plan = /^[0-9a-f-]{36}$/i.test(planId) ? await findPlan(deps.db, planId) : null;
  if (!plan || (!isSystem(actor) && plan.orgId !== actor.orgId)) return notFound();
  if (!allowed(actor, "indicator.edit", { orgId: plan.orgId })) return forbidden();
  if (target === "indicators") {
    const series = (await findPlanIndicators(deps.db, plan.id)).map(
      (x): SeriesForImport => ({
        id: x.id,
        name: x.name,
        unit: x.unit,
        version: x.version,
        live: parseLiveSource(x.liveSource) !== null,
        window: valueYearWindow(plan, x),
        values: Object.fromEntries(
          x.values.flatMap((v) => [
            [valueKey(v.fiscalYear, "target"), v.target],
            [valueKey(v.fiscalYear, "actual"), v.actual],
          ]),
        ),
      }),
    );
    return { ok: true, plan, series, years: yearsOf(plan, series, 0) };
  }
  const window = budgetYearWindow(plan);
  const series = (await findPlanBudgetLines(deps.db, plan.id)).map(
    (x): SeriesForImport => ({
      id: x.id,
      name: x.name,
      unit: BUDGET_UNIT,
      version: x.version,
      live: false,
      window,
      values: Object.fromEntries(x.amounts.map((a) => [valueKey(a.fiscalYear, "amount"), a.amount])),
    }),
  );
  return { ok: true, plan, series, years: yearsOf(plan, series, 0) };
}

/**
 * The preview of a read table: its layout detected (detectValuesMapping), or the given mapping (the user's
 * correction, or a saved mapping adapted to this table), matched to the series.
 */
export function valuesPreview(
  loaded: PlanSeries,
  target: ValuesTarget,
  grid: Grid,
  given: ColumnMapping | null,
): { parse: ValuesParse; mapping: ColumnMapping | null } {
  const detected = given ? null : detectValuesMapping(grid, target);
  const mapping = given ?? detected?.mapping ?? null;
  const sheet = grid.sheets.find((s) => s.name === mapping?.sheet) ?? grid.sheets[0]!;
  const planned = planValuesImport(sheet, target, loaded.series, mapping ?? undefined);
  // problems of the detected header (a year column without 目標 / 実績 …) stay until the user maps the column
  if (detected) planned.problems.unshift(...detected.layout.problems);
  return {
    mapping,
    parse: {
      mode: "values",
      target,
      planId: loaded.plan.id,
      planTitle: loaded.plan.title,
      plan: planned,
      sheetNames: grid.sheets.map((s) => s.name),
      encoding: grid.encoding,
    },
  };
}

/**
 * Reads the table, matches it to the plan's indicators (or budget lines) and stores the preview as an import job
 * (target `indicators` / `budgets`) with its audit event. Nothing is written to the plan. A saved mapping (of the
 * organisation, for this target) is applied to the table's header instead of detecting it.
 */
export async function startPlanValuesImport(
  deps: UseCaseDeps,
  actor: Actor,
  planId: string,
  target: ValuesTarget,
  source: ImportSource,
  savedMappingId: string | null = null,
): Promise<{ ok: true; jobId: string } | Failure> {
  const loaded = await planSeriesFor(deps, actor, planId, target);
  if (!loaded.ok) return loaded;
  const { plan } = loaded;
  // a large workbook is read in a worker thread (parse-in-worker.ts): other requests are not held meanwhile
  const read = await readTableWithSavedMapping(
    deps.db,
    plan.orgId,
    savedMappingId,
    target,
    source,
    valuesHeaderDetector(target),
  );
  if (!read.ok) return read;
  const { grid, adapted } = read;
  const previewed = valuesPreview(loaded, target, grid, adapted?.mapping ?? null);
  return storeTableJob(deps.db, actor, {
    orgId: plan.orgId,
    target,
    source,
    targetPlan: { id: plan.id, title: plan.title, kind: plan.kind, termLabel: plan.termLabel },
    fiscalYear: null,
    mapping: previewed.mapping,
    parsed: adapted ? { ...previewed.parse, unmatched: adapted.unmatched } : previewed.parse,
    about: { planId: plan.id },
  });
}

/** Applies a row's changes to an indicator's stored values (targets, actuals and notes of the other years kept). */
export function applyIndicatorChanges(
  values: readonly IndicatorValue[],
  change: ValuesRowChange,
): IndicatorValue[] {
  const byYear = new Map(values.map((v) => [v.fiscalYear, { ...v }]));
  for (const c of change.changes) {
    const v = byYear.get(c.fiscalYear) ?? {
      fiscalYear: c.fiscalYear,
      target: null,
      actual: null,
      note: null,
    };
    if (c.kind === "target") v.target = c.after;
    if (c.kind === "actual") v.actual = c.after;
    byYear.set(c.fiscalYear, v);
  }
  return [...byYear.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
}

/** Applies a row's changes to a budget line's amounts. */
export function applyBudgetChanges(
  amounts: readonly BudgetAmount[],
  change: ValuesRowChange,
): BudgetAmount[] {
  const byYear = new Map(amounts.map((a) => [a.fiscalYear, { ...a }]));
  for (const c of change.changes) byYear.set(c.fiscalYear, { fiscalYear: c.fiscalYear, amount: c.after });
  return [...byYear.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
}

/** Writes one row's changes, version-checked; a failure when the row moved or went since the preview. */
async function writeRow(
  tx: Tx,
  planId: string,
  target: ValuesTarget,
  change: ValuesRowChange,
): Promise<{ ok: true; before: unknown; after: unknown } | Failure> {
  if (target === "indicators") {
    const old = await findIndicator(tx, change.id);
    if (!old || old.planId !== planId) return invalid({ _: msg().gone(change.row) });
    const bumped = await updateIndicatorRow(tx, old.id, change.version, {});
    if (!bumped)
      return conflict([{ field: `row ${change.row}`, current: old.version, submitted: change.version }]);
    // a live indicator's actuals are never typed (refused in the preview): its frozen years stay frozen
    const values = applyIndicatorChanges(old.values, change);
    await replaceIndicatorValues(tx, old.id, values, old.frozen);
    return { ok: true, before: old.values, after: values };
  }
  const old = await findBudgetLine(tx, change.id);
  if (!old || old.planId !== planId) return invalid({ _: msg().gone(change.row) });
  const bumped = await updateBudgetLineRow(tx, old.id, change.version, {});
  if (!bumped)
    return conflict([{ field: `row ${change.row}`, current: old.version, submitted: change.version }]);
  const amounts = applyBudgetChanges(old.amounts, change);
  await replaceBudgetAmounts(tx, old.id, amounts);
  return { ok: true, before: old.amounts, after: amounts };
}

/**
 * Writes every changed row of the preview in one transaction with the job's state and one audit event: one row
 * changed by someone else since the preview (its version moved) and nothing is written. Committing again reports
 * what the first commit did.
 */
export async function commitPlanValuesImport(
  deps: UseCaseDeps,
  actor: Actor,
  jobId: string,
): Promise<({ ok: true } & ValuesImportResult) | Failure> {
  const found = await findImportJobFor(deps, actor, jobId);
  if (!found.ok) return found;
  const job = found.job;
  const parse = job.parsed;
  if (parse?.mode !== "values") return invalid({ _: m.imports.jobs.notReady });
  const loaded = await planSeriesFor(deps, actor, parse.planId, parse.target);
  if (!loaded.ok) return loaded;
  if (job.state === "committed" && job.result?.kind === "values") return { ok: true, ...job.result };
  if (job.state !== "parsed") return invalid({ _: m.imports.jobs.notReady });
  if (blockingProblems(parse).length > 0) return invalid({ _: msg().commitBlocked });
  return transact(deps.db as Db, async (tx) => {
    const written: { id: string; name: string; before: unknown; after: unknown }[] = [];
    for (const change of parse.plan.changes) {
      const r = await writeRow(tx, parse.planId, parse.target, change);
      if (!r.ok) return r.reason === "conflict" ? { ...r, errors: { _: msg().stale(change.row) } } : r;
      written.push({ id: change.id, name: change.name, before: r.before, after: r.after });
    }
    const result: ValuesImportResult = {
      kind: "values",
      target: parse.target,
      planId: parse.planId,
      saved: parse.plan.changes.reduce((n, c) => n + c.changes.length, 0),
    };
    const updated = await updateImportJob(tx, job.id, "parsed", { state: "committed", result });
    if (!updated) return conflict([]);
    await recordAudit(tx, {
      orgId: job.orgId,
      actor: auditActor(actor),
      action: "import.commit",
      entityType: "import_job",
      entityId: job.id,
      after: { sourceName: job.sourceName, ...result, rows: written },
    });
    return { ok: true as const, ...result };
  });
}
