import type { FC } from "hono/jsx";
import type { Plan } from "../../plans/plan.js";
import { type FormState, Select, TextArea, TextField } from "../../web/form-fields.js";
import { m } from "../../web/messages/index.js";
import { COLUMN_KEYS, COLUMN_LABELS, type Layout, SUMMARY_KINDS, YEAR_STYLES } from "../report-layout.js";

const t = m.reports;

/** A stored layout → the designer's form values. */
export function layoutToForm(layout: Layout | null, version: number): Record<string, string> {
  if (!layout) {
    return {
      version: "0",
      name: "",
      "col.label": "on",
      "col.title": "on",
      "col.status": "on",
      "col.result": "on",
      groupLevels: "",
      showAsOf: "on",
      showLegend: "on",
      yearStyle: "org",
      "summary.status": "on",
    };
  }
  const v: Record<string, string> = {
    version: String(version),
    name: layout.name,
    title: layout.title ?? "",
    groupLevels: layout.groupLevels === null ? "" : String(layout.groupLevels),
    department: layout.filters.department ?? "",
    tier: layout.filters.tier ?? "",
    status: layout.filters.status ?? "",
    yearStyle: layout.yearStyle,
    attrs: layout.columns
      .filter((c) => c.startsWith("attr:"))
      .map((c) => c.slice(5))
      .join("\n"),
  };
  if (layout.showAsOf) v.showAsOf = "on";
  if (layout.showLegend) v.showLegend = "on";
  layout.columns.forEach((c, i) => {
    if (c.startsWith("attr:")) return;
    v[`col.${c}`] = "on";
    v[`order.${c}`] = String(i + 1);
  });
  for (const s of layout.summaries) v[`summary.${s}`] = "on";
  return v;
}

const Check: FC<{ name: string; label: string; state: FormState }> = (p) => (
  <div class="checkbox">
    <input type="checkbox" id={`f-${p.name}`} name={p.name} checked={p.state.values[p.name] === "on"} />
    <label for={`f-${p.name}`}>{p.label}</label>
  </div>
);

export const LayoutDesignerPage: FC<{
  plan: Plan;
  action: string;
  state: FormState;
  attributeNames: string[];
}> = (p) => {
  const { plan, state } = p;
  const errors = Object.values(state.errors);
  const levels = plan.levelNames;
  const groupOptions = [
    { value: "", label: t.groupNone },
    ...levels
      .slice(0, -1)
      .map((_, i) => ({ value: String(i + 1), label: t.groupUpTo(levels.slice(0, i + 1).join("・")) })),
  ];
  const choose = (list: string[]) => [
    { value: "", label: t.all },
    ...list.map((x) => ({ value: x, label: x })),
  ];
  return (
    <>
      <p>
        <a href={`/plans/${plan.id}/reports`}>{t.backToList}</a>
      </p>
      <h1>{t.designerTitle(plan.title)}</h1>
      <p>{t.designerLead}</p>
      {errors.length ? (
        <div class="alert" role="alert">
          <p>{t.errorSummary}</p>
          <ul>
            {errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={p.action}>
        <input type="hidden" name="version" value={state.values.version ?? "0"} />
        <TextField name="name" label={t.name} state={state} required markRequired />
        <TextField name="title" label={t.reportTitle} state={state} hint={t.reportTitleHint} />
        <fieldset class="checkbox-group">
          <legend>{t.columns}</legend>
          <p class="hint">{t.columnsHint}</p>
          <table class="data-table layout-columns">
            <thead>
              <tr>
                <th scope="col">{t.columnShown}</th>
                <th scope="col">{t.columnOrder}</th>
              </tr>
            </thead>
            <tbody>
              {COLUMN_KEYS.map((k) => (
                <tr>
                  <td>
                    <Check name={`col.${k}`} label={COLUMN_LABELS[k]} state={state} />
                  </td>
                  <td>
                    <label class="visually-hidden" for={`f-order.${k}`}>
                      {t.order(COLUMN_LABELS[k])}
                    </label>
                    <input
                      type="text"
                      inputmode="numeric"
                      size={3}
                      id={`f-order.${k}`}
                      name={`order.${k}`}
                      value={state.values[`order.${k}`] ?? ""}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <TextArea
          name="attrs"
          label={t.attrs}
          state={state}
          rows={3}
          hint={t.attrsHint(p.attributeNames.join("、"))}
        />
        <Select name="groupLevels" label={t.groupLevels} state={state} options={groupOptions} />
        <fieldset class="checkbox-group">
          <legend>{t.summaries}</legend>
          {SUMMARY_KINDS.map((s) => (
            <Check name={`summary.${s}`} label={t.summaryNames[s]} state={state} />
          ))}
        </fieldset>
        <fieldset class="checkbox-group">
          <legend>{t.filters}</legend>
          <Select name="department" label={t.department} state={state} options={choose(plan.departments)} />
          <Select name="tier" label={t.tier} state={state} options={choose(plan.tiers.map((x) => x.code))} />
          <Select
            name="status"
            label={t.status}
            state={state}
            options={choose(plan.statusVocabulary.map((x) => x.label))}
          />
        </fieldset>
        <Check name="showAsOf" label={t.showAsOf} state={state} />
        <Check name="showLegend" label={t.showLegend} state={state} />
        <Select
          name="yearStyle"
          label={t.yearStyle}
          state={state}
          options={YEAR_STYLES.map((y) => ({ value: y, label: t.yearStyles[y] }))}
        />
        <p>
          <button type="submit">{t.save}</button> <a href={`/plans/${plan.id}/reports`}>{t.cancel}</a>
        </p>
      </form>
    </>
  );
};
