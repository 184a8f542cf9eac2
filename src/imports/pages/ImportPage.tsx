import type { FC } from "hono/jsx";
import { ErrorSummary, type FormState, Select, TextArea, TextField } from "../../plans/pages/components.js";
import { m } from "../../web/messages/index.js";
import { SavedMappingSelect } from "./MappingForm.js";

const t = m.imports;

export type ImportPageProps = {
  state: FormState;
  plans: { id: string; title: string; termLabel: string | null }[];
  savedMappings: { id: string; name: string }[];
  /** the upload limit as shown to people, e.g. 20.0MB */
  limit: string;
};

/** /imports: choose a file or paste a table, say where it goes, then read it into a preview. */
export const ImportPage: FC<ImportPageProps> = ({ state, plans, savedMappings, limit }) => {
  const fileError = state.errors.source;
  return (
    <>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <ErrorSummary
        errors={state.errors}
        labels={{
          source: t.file,
          fiscalYear: t.fiscalYear,
          targetPlanId: t.target,
          title: t.planTitle,
          kind: t.planKind,
          savedMappingId: t.savedMappings.label,
        }}
      />
      <form method="post" action="/imports" enctype="multipart/form-data" class="stack">
        <fieldset>
          <legend>{t.sourceLegend}</legend>
          <div class="field">
            <label for="f-source">{t.file}</label>
            <input
              type="file"
              id="f-source"
              name="file"
              accept=".xlsx,.xlsm,.csv,.tsv,.txt"
              aria-invalid={fileError ? "true" : undefined}
              aria-describedby={fileError ? "h-source e-source" : "h-source"}
            />
            <p class="hint" id="h-source">
              {t.fileHint(limit)}
            </p>
            {fileError ? (
              <p class="field-error" id="e-source">
                {fileError}
              </p>
            ) : null}
          </div>
          <TextArea name="paste" label={t.paste} hint={t.pasteHint} rows={6} state={state} />
        </fieldset>
        <fieldset>
          <legend>{t.optionsLegend}</legend>
          <Select
            name="targetPlanId"
            label={t.target}
            state={state}
            options={[
              { value: "", label: t.targetNew },
              ...plans.map((p) => ({
                value: p.id,
                label: t.targetUpdate(p.termLabel ? `${p.title}（${p.termLabel}）` : p.title),
              })),
            ]}
          />
          <TextField
            name="fiscalYear"
            label={t.fiscalYear}
            hint={t.fiscalYearHint}
            inputmode="numeric"
            state={state}
          />
          <TextField name="title" label={t.planTitle} hint={t.planTitleHint} state={state} />
          <TextField name="kind" label={t.planKind} hint={t.planKindHint} state={state} />
          <SavedMappingSelect mappings={savedMappings} state={state} />
        </fieldset>
        <p>
          <button type="submit">{t.submit}</button>
        </p>
      </form>
      <section aria-labelledby="templates-title">
        <h2 id="templates-title">{t.templatesTitle}</h2>
        <p>{t.templatesLead}</p>
        <ul>
          <li>
            <a href="/imports/templates/plan.xlsx" download="plan.xlsx">
              {t.templateXlsx}
            </a>
          </li>
          <li>
            <a href="/imports/templates/plan.csv" download="plan.csv">
              {t.templateCsv}
            </a>
          </li>
        </ul>
      </section>
    </>
  );
};
