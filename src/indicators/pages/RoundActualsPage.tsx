import type { FC } from "hono/jsx";
import type { Plan, PlanNode } from "../../plans/plan.js";
import { fiscalYearLabel } from "../../plans/plan-years.js";
import type { Round } from "../../progress/progress.js";
import { m } from "../../web/messages/index.js";
import { formatValue } from "../indicator.js";
import type { ShownIndicator } from "../live-actuals.js";
import { CellInput, type FormState } from "./IndicatorForms.js";
import { liveSourceLabel, nodeName } from "./IndicatorsPage.js";

const t = m.indicators;
const r = t.roundActuals;

export type RoundActualsProps = {
  round: Round;
  plan: Plan;
  nodes: PlanNode[];
  /** the indicators the person may enter actuals for, live ones with their computed actuals */
  indicators: ShownIndicator[];
  yearStyle: string;
  /** why the round takes no actuals now (closed, locked, past deadline), or null */
  closed: string | null;
  /** the indicator whose form comes back with messages, and its values and errors */
  form: { indicatorId: string; state: FormState } | null;
  savedId: string | null;
};

/**
 * The department's actual entry for a reporting round: one small form per indicator of their items (the year's
 * target beside it), each with the indicator's version so a concurrent change is refused as for progress entries.
 */
export const RoundActualsPage: FC<RoundActualsProps> = (p) => {
  const year = fiscalYearLabel(p.round.fiscalYear, p.yearStyle);
  return (
    <article class="round-actuals">
      <p>
        <a href={`/progress/rounds/${p.round.id}`}>{r.back}</a>
      </p>
      <h1>{r.title(year)}</h1>
      <p class="hint">{p.plan.title}</p>
      {p.closed ? (
        <div class="alert" role="status">
          <p>{p.closed}</p>
        </div>
      ) : (
        <p>{r.lead(year)}</p>
      )}
      {p.savedId ? (
        <div class="alert alert--ok" role="status">
          <p>{r.saved}</p>
        </div>
      ) : null}
      {p.form?.state.errors._ ? (
        <div class="alert alert--error" role="alert">
          <p>{p.form.state.errors._}</p>
        </div>
      ) : null}
      {p.indicators.length === 0 ? <p>{r.none}</p> : null}
      {p.indicators.map((x) => {
        const v = x.values.find((y) => y.fiscalYear === p.round.fiscalYear);
        const mine = p.form?.indicatorId === x.id ? p.form.state : null;
        const state: FormState = mine ?? {
          values: {
            actual: v?.actual == null ? "" : v.actual.toLocaleString("ja-JP"),
            note: v?.note ?? "",
          },
          errors: {},
        };
        const prefix = `a-${x.id}`;
        const scoped: FormState = {
          values: {
            [`${prefix}.actual`]: state.values.actual ?? "",
            [`${prefix}.note`]: state.values.note ?? "",
          },
          errors: Object.fromEntries(
            Object.entries(state.errors)
              .filter(([k]) => k !== "_")
              .map(([k, msg]) => [`${prefix}.${k === "actual" || k === "note" ? k : "actual"}`, msg]),
          ),
        };
        return (
          <section class="round-actual" id={prefix} aria-labelledby={`${prefix}-h`}>
            <h2 id={`${prefix}-h`}>
              <span class="badge indicator__role">{t.roles[x.role]}</span> {x.name}
            </h2>
            <p class="hint">
              {nodeName(p.nodes.find((n) => n.id === x.nodeId))}
              {x.unit ? `（${r.unit(x.unit)}）` : ""}
            </p>
            <dl class="plan-facts">
              {x.role === "statistic" ? null : (
                <>
                  <dt>{r.target}</dt>
                  <dd>{formatValue(v?.target ?? null, x.unit)}</dd>
                </>
              )}
              {x.live ? (
                <>
                  <dt>{r.actual}</dt>
                  <dd>
                    {formatValue(v?.actual ?? null, x.unit)}（{liveSourceLabel(x.live.source)}）
                  </dd>
                </>
              ) : null}
            </dl>
            {x.live || p.closed ? null : (
              <form
                method="post"
                action={`/progress/rounds/${p.round.id}/actuals/${x.id}`}
                class="round-actual__form"
                novalidate
              >
                <input type="hidden" name="version" value={mine?.values.version ?? String(x.version)} />
                <div class="field">
                  <label for={`f-${prefix}.actual`}>{`${year} ${r.actual}`}</label>
                  <CellInput name={`${prefix}.actual`} label="" state={scoped} inputmode="decimal" labelled />
                </div>
                <div class="field">
                  <label for={`f-${prefix}.note`}>{`${year} ${r.note}`}</label>
                  <CellInput name={`${prefix}.note`} label="" state={scoped} labelled />
                </div>
                <p class="actions">
                  <button type="submit">
                    {t.form.save}
                    <span class="visually-hidden">: {x.name}</span>
                  </button>
                </p>
              </form>
            )}
          </section>
        );
      })}
    </article>
  );
};
