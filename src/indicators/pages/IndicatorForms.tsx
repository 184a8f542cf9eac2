import type { FC } from "hono/jsx";
import { buildTree, flattenTree, type Plan, type PlanNode } from "../../plans/plan.js";
import type { Change } from "../../plans/plan-use-case.js";
import { fiscalYearLabel } from "../../plans/plan-years.js";
import { type FormState, Select, TextArea, TextField } from "../../web/form-fields.js";
import { m } from "../../web/messages/index.js";
import { liveSourceChoices, parseLiveSource } from "../live-source.js";

const t = m.indicators;
const f = t.form;

export type { FormState };

/** How many rows `prefix.N.*` the form values hold. */
export function rowCount(values: Record<string, string>, prefix: string): number {
  let n = 0;
  for (const k of Object.keys(values)) {
    const mm = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(k);
    if (mm) n = Math.max(n, Number(mm[1]) + 1);
  }
  return n;
}

const ErrorSummary: FC<{ errors: Record<string, string> }> = ({ errors }) => {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert--error" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{f.errorSummary}</h2>
      <ul>
        {entries.map(([field, msg]) => (
          <li>{field === "_" ? msg : <a href={`#f-${field}`}>{msg}</a>}</li>
        ))}
      </ul>
    </div>
  );
};

/**
 * One input of a year table: its name is the cell's (`values.2.actual`), so it carries its label in aria-label
 * (a table cell has no room for a <label>); `labelled` when a <label for> names it instead.
 */
export const CellInput: FC<{
  name: string;
  label: string;
  state: FormState;
  inputmode?: "text" | "decimal";
  labelled?: boolean;
}> = (p) => {
  const error = p.state.errors[p.name];
  return (
    <>
      <input
        type="text"
        id={`f-${p.name}`}
        name={p.name}
        value={p.state.values[p.name] ?? ""}
        aria-label={p.labelled ? undefined : p.label}
        inputmode={p.inputmode}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `e-${p.name}` : undefined}
      />
      {error ? (
        <p class="field-error" id={`e-${p.name}`}>
          {error}
        </p>
      ) : null}
    </>
  );
};

function nodeOptions(nodes: PlanNode[]) {
  return [
    { value: "", label: t.wholePlan },
    ...flattenTree(buildTree(nodes)).map((n) => ({
      value: n.id,
      label: `${"　".repeat(n.level)}${n.label ? `${n.label} ` : ""}${n.title}`,
    })),
  ];
}

/** The live source choices of the indicator form, in the form's words. */
function liveOptions() {
  const words = t.live;
  return liveSourceChoices().map((value) => {
    const s = parseLiveSource(value);
    const label = !s ? words.none : s.legalForm ? words.groupsOf(s.legalForm) : words.choices[s.kind];
    return { value, label };
  });
}

/** A delete button with the version read, in its own form (the edit form's save stays the default). */
const DeleteForm: FC<{ action: string; version: string; label: string }> = (p) => (
  <form method="post" action={p.action} class="delete-form no-print">
    <input type="hidden" name="version" value={p.version} />
    <p class="hint">{t.deleteHint}</p>
    <button type="submit" class="button--danger">
      {p.label}
    </button>
  </form>
);

function windowHint(window: { from: number | null; to: number | null } | null, yearStyle: string) {
  if (!window) return null;
  const y = (v: number | null) => (v === null ? "" : fiscalYearLabel(v, yearStyle));
  return { from: y(window.from), to: y(window.to) };
}

export const IndicatorFormPage: FC<{
  plan: Plan;
  nodes: PlanNode[];
  indicatorId: string | null;
  state: FormState;
  window: { from: number | null; to: number | null } | null;
  yearStyle: string;
}> = (p) => {
  const action = p.indicatorId
    ? `/plans/${p.plan.id}/indicators/${p.indicatorId}/edit`
    : `/plans/${p.plan.id}/indicators`;
  const rows = rowCount(p.state.values, "values");
  const hint = windowHint(p.window, p.yearStyle);
  return (
    <article>
      <h1>{p.indicatorId ? f.editTitle : f.newTitle}</h1>
      <p class="hint">{p.plan.title}</p>
      <ErrorSummary errors={p.state.errors} />
      <form method="post" action={action} class="stack stack--wide" novalidate>
        <input type="hidden" name="version" value={p.state.values.version ?? "0"} />
        <Select name="nodeId" label={f.node} state={p.state} options={nodeOptions(p.nodes)} />
        <Select
          name="role"
          label={f.role}
          state={p.state}
          options={(["main", "sub", "statistic"] as const).map((r) => ({ value: r, label: t.roles[r] }))}
        />
        <TextField name="name" label={f.name} state={p.state} required />
        <TextField name="unit" label={f.unit} state={p.state} hint={f.unitHint} />
        <TextArea name="definition" label={f.definition} state={p.state} rows={2} />
        <Select
          name="direction"
          label={f.direction}
          state={p.state}
          options={[
            { value: "up", label: t.directions.up },
            { value: "down", label: t.directions.down },
            { value: "", label: f.directionNone },
          ]}
        />
        <TextField name="baselineYear" label={f.baselineYear} state={p.state} hint={f.yearHint} />
        <TextField name="sourceNote" label={f.sourceNote} state={p.state} />
        <Select
          name="liveSource"
          label={t.live.field}
          state={p.state}
          hint={`${t.live.hint}${t.live.typedActualsHint}`}
          options={liveOptions()}
        />
        <fieldset>
          <legend>{f.values}</legend>
          <p class="hint" id="values-hint">
            {hint ? f.valuesHint(hint.from, hint.to) : f.valuesAnyYear}
          </p>
          <ValueGrid
            prefix="values"
            rows={rows}
            state={p.state}
            columns={[
              { key: "target", label: t.rowTarget, decimal: true },
              { key: "actual", label: t.rowActual, decimal: true },
              { key: "note", label: f.note },
            ]}
          />
        </fieldset>
        <p class="actions">
          <button type="submit">{f.save}</button> <a href={`/plans/${p.plan.id}/indicators`}>{f.cancel}</a>
        </p>
      </form>
      {p.indicatorId ? (
        <DeleteForm
          action={`/plans/${p.plan.id}/indicators/${p.indicatorId}/delete`}
          version={p.state.values.version ?? "0"}
          label={t.deleteIndicator}
        />
      ) : null}
    </article>
  );
};

export const BudgetFormPage: FC<{
  plan: Plan;
  nodes: PlanNode[];
  lineId: string | null;
  state: FormState;
  window: { from: number | null; to: number | null } | null;
  yearStyle: string;
}> = (p) => {
  const action = p.lineId ? `/plans/${p.plan.id}/budgets/${p.lineId}/edit` : `/plans/${p.plan.id}/budgets`;
  const rows = rowCount(p.state.values, "amounts");
  const hint = windowHint(p.window, p.yearStyle);
  return (
    <article>
      <h1>{p.lineId ? f.budgetEditTitle : f.budgetNewTitle}</h1>
      <p class="hint">{p.plan.title}</p>
      <ErrorSummary errors={p.state.errors} />
      <form method="post" action={action} class="stack stack--wide" novalidate>
        <input type="hidden" name="version" value={p.state.values.version ?? "0"} />
        <TextField name="name" label={t.budgetName} state={p.state} required />
        <Select name="nodeId" label={f.node} state={p.state} options={nodeOptions(p.nodes)} />
        <TextField name="servesLabel" label={t.serves} state={p.state} />
        <TextArea name="summary" label={t.summary} state={p.state} rows={3} />
        <fieldset>
          <legend>{f.amounts}</legend>
          {hint ? <p class="hint">{f.amountsHint(hint.from, hint.to)}</p> : null}
          <ValueGrid
            prefix="amounts"
            rows={rows}
            state={p.state}
            columns={[{ key: "amount", label: f.amount, decimal: true }]}
          />
        </fieldset>
        <p class="actions">
          <button type="submit">{f.save}</button> <a href={`/plans/${p.plan.id}/indicators`}>{f.cancel}</a>
        </p>
      </form>
      {p.lineId ? (
        <DeleteForm
          action={`/plans/${p.plan.id}/budgets/${p.lineId}/delete`}
          version={p.state.values.version ?? "0"}
          label={t.deleteBudget}
        />
      ) : null}
    </article>
  );
};

export const ConflictPage: FC<{ changes: Change[]; message: string; back: string }> = (p) => (
  <article class="message-page">
    <h1>{t.conflictTitle}</h1>
    <p>{p.message}</p>
    <table>
      <thead>
        <tr>
          <th scope="col">{t.conflictField}</th>
          <th scope="col">{t.conflictCurrent}</th>
          <th scope="col">{t.conflictSubmitted}</th>
        </tr>
      </thead>
      <tbody>
        {p.changes.map((c) => (
          <tr>
            <th scope="row">{c.field}</th>
            <td>{show(c.current)}</td>
            <td>{show(c.submitted)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <p>
      <a href={p.back}>{t.conflictBack}</a>
    </p>
  </article>
);

function show(v: unknown): string {
  if (v === null || v === undefined) return "-";
  if (Array.isArray(v))
    return v
      .map((x) =>
        typeof x === "object" && x && "fiscalYear" in x
          ? `${(x as { fiscalYear: number }).fiscalYear}: ${Object.entries(x)
              .filter(([k]) => k !== "fiscalYear")
              .map(([, val]) => val ?? "-")
              .join(" / ")}`
          : String(x),
      )
      .join("、");
  return String(v);
}

/**
 * The per-year rows of an indicator's values or a budget line's amounts: a year cell, then one cell per column,
 * each labelled with its row's year (`prefix.i.year`, `prefix.i.<column>`).
 */
const ValueGrid: FC<{
  prefix: string;
  rows: number;
  state: FormState;
  columns: { key: string; label: string; decimal?: boolean }[];
}> = (p) => (
  <table class="value-grid">
    <thead>
      <tr>
        <th scope="col">{f.year}</th>
        {p.columns.map((c) => (
          <th scope="col">{c.label}</th>
        ))}
      </tr>
    </thead>
    <tbody>
      {Array.from({ length: p.rows }, (_, i) => {
        const year = p.state.values[`${p.prefix}.${i}.year`] || `${f.newYear}`;
        return (
          <tr>
            <td>
              <CellInput name={`${p.prefix}.${i}.year`} label={`${f.year}（${i + 1}行目）`} state={p.state} />
            </td>
            {p.columns.map((c) => (
              <td>
                <CellInput
                  name={`${p.prefix}.${i}.${c.key}`}
                  label={`${year} ${c.label}`}
                  state={p.state}
                  {...(c.decimal ? { inputmode: "decimal" as const } : {})}
                />
              </td>
            ))}
          </tr>
        );
      })}
    </tbody>
  </table>
);
