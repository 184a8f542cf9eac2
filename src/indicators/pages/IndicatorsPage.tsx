import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import { buildTree, flattenTree, type Plan, type PlanNode } from "../../plans/plan.js";
import { fiscalYearLabel } from "../../plans/plan-years.js";
import { m } from "../../web/messages/index.js";
import { budgetTotals, progressFromBaseline, sumPresent, yearAchievements } from "../achievement.js";
import { type BudgetLineRow, formatPercent, formatValue, yearColumns } from "../indicator.js";
import { renderChartSvg } from "../indicator-chart.js";
import type { ShownIndicator } from "../live-actuals.js";
import type { LiveSource } from "../live-source.js";

const t = m.indicators;

export type IndicatorsPageProps = {
  plan: Plan;
  nodes: PlanNode[];
  indicators: ShownIndicator[];
  budgets: BudgetLineRow[];
  yearStyle: string;
  canEdit: boolean;
};

/** Where a live indicator's actual comes from: 「市民活動団体台帳より自動集計（年度末時点）」. */
export function liveSourceLabel(s: LiveSource): string {
  return s.legalForm ? t.live.sourceOf(s.legalForm) : t.live.sources[s.kind];
}

const when = (d: Date) =>
  new Intl.DateTimeFormat("ja-JP", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Tokyo",
  }).format(d);

export function nodeName(n: PlanNode | undefined): string {
  return n ? `${n.label ? `${n.label} ` : ""}${n.title}` : t.wholePlan;
}

/** Indicators grouped by the item they belong to, in the plan tree's order; the plan as a whole first. */
export function groupByItem<T extends { nodeId: string | null }>(
  nodes: PlanNode[],
  rows: T[],
): { node: PlanNode | undefined; rows: T[] }[] {
  const order = flattenTree(buildTree(nodes));
  const live = new Set(nodes.map((n) => n.id));
  const groups: { node: PlanNode | undefined; rows: T[] }[] = [];
  const whole = rows.filter((r) => r.nodeId === null || !live.has(r.nodeId));
  if (whole.length > 0) groups.push({ node: undefined, rows: whole });
  for (const n of order) {
    const mine = rows.filter((r) => r.nodeId === n.id);
    if (mine.length > 0) groups.push({ node: n, rows: mine });
  }
  return groups;
}

export const IndicatorsPage: FC<IndicatorsPageProps> = (p) => {
  const groups = groupByItem(p.nodes, p.indicators);
  const base = `/plans/${p.plan.id}`;
  return (
    <article class="indicators">
      <h1>{t.title(p.plan.title)}</h1>
      <p class="no-print">
        <a href={base}>{t.backToPlan}</a>
      </p>
      <p>{t.lead}</p>
      <p class="indicator-rule">{t.rule}</p>
      {p.canEdit ? (
        <p class="actions no-print">
          <a class="button" href={`${base}/indicators/new`}>
            {t.add}
          </a>{" "}
          <a class="button button--secondary" href={`${base}/budgets/new`}>
            {t.addBudget}
          </a>{" "}
          <a href={`/imports/plans/${p.plan.id}/indicators`}>{m.imports.values.indicatorsLink}</a>{" "}
          <a href={`/imports/plans/${p.plan.id}/budgets`}>{m.imports.values.budgetsLink}</a>
        </p>
      ) : null}
      {groups.length === 0 ? <p>{t.none}</p> : null}
      {groups.map((g, gi) => (
        <section class="indicator-group" aria-labelledby={`group-${gi}`}>
          <h2 id={`group-${gi}`}>{nodeName(g.node)}</h2>
          {g.rows.map((x) => (
            <IndicatorBlock indicator={x} yearStyle={p.yearStyle} canEdit={p.canEdit} planId={p.plan.id} />
          ))}
        </section>
      ))}
      <BudgetTable {...p} />
    </article>
  );
};

const IndicatorBlock: FC<{
  indicator: ShownIndicator;
  yearStyle: string;
  canEdit: boolean;
  planId: string;
}> = ({ indicator: x, yearStyle, canEdit, planId }) => {
  const years = yearColumns([x.values]);
  const label = (y: number) => fiscalYearLabel(y, yearStyle);
  const statistic = x.role === "statistic";
  const rates = new Map(yearAchievements(x.values, x.direction ?? "up").map((a) => [a.fiscalYear, a]));
  const byYear = new Map(x.values.map((v) => [v.fiscalYear, v]));
  const progress = statistic ? null : progressFromBaseline(x.values, x.baselineYear);
  const chartName = statistic ? t.chartLabelStatistic(x.name) : t.chartLabel(x.name);
  const svg =
    years.length > 0
      ? renderChartSvg(
          {
            title: x.name,
            unit: x.unit,
            years: years.map((y) => ({ fiscalYear: y, label: label(y) })),
            values: x.values,
            showTargets: !statistic,
            labels: { target: t.rowTarget, actual: t.rowActual },
          },
          chartName,
        )
      : null;
  const headingId = `indicator-${x.id}`;
  return (
    <section class="indicator" aria-labelledby={headingId} id={`i-${x.id}`}>
      <h3 id={headingId}>
        <span class="badge indicator__role">{t.roles[x.role]}</span> {x.name}
      </h3>
      <div class="indicator__body">
        {svg ? (
          <figure class="indicator-chart">
            {raw(svg)}
            <figcaption class="visually-hidden">{t.figure(x.name)}</figcaption>
          </figure>
        ) : null}
        <div class="table-wrap indicator__data">
          <table class="indicator-table">
            <caption>{t.caption(x.name, x.unit ?? t.noUnit)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.item}</th>
                {years.map((y) => (
                  <th scope="col" class="num">
                    {label(y)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {statistic ? null : (
                <tr>
                  <th scope="row">{t.rowTarget}</th>
                  {years.map((y) => (
                    <td class="num">{formatValue(byYear.get(y)?.target ?? null, x.unit)}</td>
                  ))}
                </tr>
              )}
              <tr>
                <th scope="row">{t.rowActual}</th>
                {years.map((y) => (
                  <td class="num">{formatValue(byYear.get(y)?.actual ?? null, x.unit)}</td>
                ))}
              </tr>
              {statistic ? null : (
                <tr>
                  <th scope="row">{t.rowRate}</th>
                  {years.map((y) => (
                    <td class="num">{formatPercent(rates.get(y)?.rate ?? null)}</td>
                  ))}
                </tr>
              )}
            </tbody>
          </table>
          {x.values.some((v) => v.note) ? (
            <ul class="hint">
              {x.values
                .filter((v) => v.note)
                .map((v) => (
                  <li>
                    {label(v.fiscalYear)}: {v.note}
                  </li>
                ))}
            </ul>
          ) : null}
        </div>
      </div>
      {x.live ? <LiveYears indicator={x} label={label} canEdit={canEdit} planId={planId} /> : null}
      {x.definition ? <p class="indicator__definition">{x.definition}</p> : null}
      <p class="hint">
        {[
          x.direction ? t.directions[x.direction] : null,
          x.baselineYear !== null ? t.baseline(label(x.baselineYear)) : null,
          x.sourceNote ? t.source(x.sourceNote) : null,
        ]
          .filter(Boolean)
          .join("　")}
      </p>
      {statistic ? null : progress ? (
        <p>
          {t.progress(
            `${label(progress.baselineYear)} ${formatValue(progress.baseline, x.unit)}`,
            `${label(progress.latestYear)} ${formatValue(progress.latest, x.unit)}`,
            `${label(progress.finalYear)} ${formatValue(progress.finalTarget, x.unit)}`,
            formatPercent(progress.percent),
          )}
        </p>
      ) : (
        <p class="hint">{t.noProgress}</p>
      )}
      {canEdit ? (
        <p class="no-print">
          <a href={`/plans/${planId}/indicators/${x.id}/edit`}>
            {t.edit}
            <span class="visually-hidden">: {x.name}</span>
          </a>
        </p>
      ) : null}
    </section>
  );
};

/** A live indicator's source, and per year whether its actual is counted now or frozen (with a freeze button). */
const LiveYears: FC<{
  indicator: ShownIndicator;
  label: (y: number) => string;
  canEdit: boolean;
  planId: string;
}> = ({ indicator: x, label, canEdit, planId }) => {
  if (!x.live) return null;
  return (
    <div class="indicator__live">
      <p class="indicator__source">
        <span class="badge">{t.live.field}</span> {liveSourceLabel(x.live.source)}
      </p>
      {x.live.years.length > 0 ? (
        <div class="table-wrap">
          <table class="live-years">
            <caption class="visually-hidden">{t.live.yearsCaption(x.name)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.form.year}</th>
                <th scope="col" class="num">
                  {t.rowActual}
                </th>
                <th scope="col">{t.live.state}</th>
              </tr>
            </thead>
            <tbody>
              {x.live.years.map((y) => (
                <tr>
                  <th scope="row">{label(y.fiscalYear)}</th>
                  <td class="num">{formatValue(y.value, x.unit)}</td>
                  <td>
                    {y.state === "frozen" ? (
                      t.live.frozen(y.frozenAt ? when(y.frozenAt) : "", y.frozenBy ?? "")
                    ) : (
                      <>
                        {t.live.computed}
                        {canEdit ? (
                          <form
                            method="post"
                            action={`/plans/${planId}/indicators/${x.id}/freeze`}
                            class="inline-form no-print"
                          >
                            <input type="hidden" name="version" value={String(x.version)} />
                            <input type="hidden" name="fiscalYear" value={String(y.fiscalYear)} />
                            <button type="submit" class="button--secondary">
                              {t.live.freeze(label(y.fiscalYear))}
                              <span class="visually-hidden">: {x.name}</span>
                            </button>
                          </form>
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canEdit ? <p class="hint no-print">{t.live.freezeHint}</p> : null}
    </div>
  );
};

const BudgetTable: FC<IndicatorsPageProps> = (p) => {
  const years = yearColumns(p.budgets.map((b) => b.amounts));
  const label = (y: number) => fiscalYearLabel(y, p.yearStyle);
  const totals = budgetTotals(p.budgets);
  const groups = groupByItem(p.nodes, p.budgets);
  const amountOf = (b: BudgetLineRow, y: number) => b.amounts.find((a) => a.fiscalYear === y)?.amount ?? null;
  const yen = (v: number | null) => formatValue(v, null);
  return (
    <section aria-labelledby="budgets">
      <h2 id="budgets">{t.budgets}</h2>
      {p.budgets.length === 0 ? (
        <p>{t.budgetNone}</p>
      ) : (
        <div class="table-wrap">
          <table class="budget-table">
            <caption>{t.budgetCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.budgetName}</th>
                <th scope="col">{t.serves}</th>
                {years.map((y) => (
                  <th scope="col" class="num">
                    {label(y)}
                  </th>
                ))}
                <th scope="col" class="num">
                  {t.lineTotal}
                </th>
              </tr>
            </thead>
            {groups.map((g) => (
              <tbody>
                {g.rows.map((b) => (
                  <tr>
                    <th scope="row">
                      {b.name}
                      {b.summary ? <p class="hint budget-table__summary">{b.summary}</p> : null}
                      {p.canEdit ? (
                        <p class="no-print">
                          <a href={`/plans/${p.plan.id}/budgets/${b.id}/edit`}>
                            {t.edit}
                            <span class="visually-hidden">: {b.name}</span>
                          </a>
                        </p>
                      ) : null}
                    </th>
                    <td>{b.servesLabel ?? nodeName(p.nodes.find((n) => n.id === b.nodeId))}</td>
                    {years.map((y) => (
                      <td class="num">{yen(amountOf(b, y))}</td>
                    ))}
                    <td class="num">{yen(sumPresent(b.amounts.map((a) => a.amount)))}</td>
                  </tr>
                ))}
                {groups.length > 1 ? (
                  <tr class="budget-table__subtotal">
                    <th scope="row" colspan={2}>
                      {t.itemTotal(nodeName(g.node))}
                    </th>
                    {years.map((y) => (
                      <td class="num">{yen(sumPresent(g.rows.map((b) => amountOf(b, y))))}</td>
                    ))}
                    <td class="num">
                      {yen(sumPresent(g.rows.flatMap((b) => b.amounts.map((a) => a.amount))))}
                    </td>
                  </tr>
                ) : null}
              </tbody>
            ))}
            <tfoot>
              <tr class="budget-table__total">
                <th scope="row" colspan={2}>
                  {t.grandTotal}
                </th>
                {years.map((y) => (
                  <td class="num">{yen(totals.perYear.get(y) ?? null)}</td>
                ))}
                <td class="num">{yen(totals.grand)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
};
