/**
 * The column mapping of an import's preview, for every target: each column of the header with what it is read as
 * (a field, a fiscal-year column of a kind with its year, kept as an extra item, or not used). Posting it re-runs
 * the preview from the stored source (remap-import.ts); targets add their own fields (header rows, fiscal year)
 * as children. Beside it, every target's preview can save the mapping under a name (SaveMappingForm) and every
 * target's upload form can apply a saved one (SavedMappingSelect).
 */
import type { Child, FC } from "hono/jsx";
import { type FormState, Select } from "../../web/form-fields.js";
import { m } from "../../web/messages/index.js";
import type { ColumnMapping } from "../detect.js";
import { columnLetter } from "../grid.js";
import { FIELD_LABELS, type FieldId } from "../headers.js";
import { choicesOf, type ImportTarget, MAPPING_CHOICES } from "../mapping-form.js";

const t = m.imports.preview;

const fieldLabel = (target: ImportTarget, field: FieldId) =>
  target === "budgets" && field === "indicatorName" ? t.budgetName : FIELD_LABELS[field];

export const MappingForm: FC<{
  /** where the form posts: the job's own `…/mapping` route */
  action: string;
  target: ImportTarget;
  mapping: ColumnMapping;
  /** headers of a saved mapping that the new file no longer has */
  unmatched?: string[];
  children?: Child;
}> = (p) => {
  const choices = choicesOf(p.mapping);
  const allowed = MAPPING_CHOICES[p.target];
  const yearAt = new Map(p.mapping.years.map((y) => [y.column, y.fiscalYear]));
  return (
    <section aria-labelledby="mapping-title">
      <h2 id="mapping-title">{t.mappingTitle}</h2>
      <p>{t.mappingLead}</p>
      <p>
        {p.mapping.sheet ? `${t.sheet}: ${p.mapping.sheet}　` : ""}
        {t.headerRows(p.mapping.headerRows.join("・"))}
      </p>
      {p.unmatched && p.unmatched.length > 0 ? (
        <p class="alert alert--error">{t.unmatched(p.unmatched.join("、"))}</p>
      ) : null}
      <form method="post" action={p.action} class="stack">
        {allowed.years.length > 0 ? <p class="hint">{t.yearHint}</p> : null}
        <div class="table-wrap">
          <table class="import-mapping">
            <thead>
              <tr>
                <th scope="col">{t.mappingColumn}</th>
                <th scope="col">{t.mappingHeader}</th>
                <th scope="col">{t.mappingField}</th>
                {allowed.years.length > 0 ? <th scope="col">{t.yearHeader}</th> : null}
              </tr>
            </thead>
            <tbody>
              {p.mapping.headers.map((header, c) => {
                const letter = columnLetter(c);
                const id = `f-col-${c}`;
                const year = yearAt.get(c);
                return (
                  <tr>
                    <td>{letter}</td>
                    <th scope="row">{header || t.noHeader}</th>
                    <td>
                      <label for={id} class="visually-hidden">
                        {t.selectFor(letter, header || t.noHeader)}
                      </label>
                      <select id={id} name={`col.${c}`}>
                        <option value="" selected={choices[c] === ""}>
                          {t.ignore}
                        </option>
                        {allowed.fields.map((f) => (
                          <option value={f} selected={choices[c] === f}>
                            {fieldLabel(p.target, f)}
                          </option>
                        ))}
                        {allowed.years.map((k) => (
                          <option value={`year:${k}`} selected={choices[c] === `year:${k}`}>
                            {t.yearKinds[k]}
                          </option>
                        ))}
                        {allowed.values.map((k) => (
                          <option value={`value:${k}`} selected={choices[c] === `value:${k}`}>
                            {t.rowYearKinds[k]}
                          </option>
                        ))}
                        {allowed.attr ? (
                          <option value="attr" selected={choices[c] === "attr"}>
                            {t.attr}
                          </option>
                        ) : null}
                      </select>
                    </td>
                    {allowed.years.length > 0 ? (
                      <td>
                        <label for={`f-year-${c}`} class="visually-hidden">
                          {t.yearOf(letter)}
                        </label>
                        <input
                          type="text"
                          id={`f-year-${c}`}
                          name={`year.${c}`}
                          size={8}
                          value={year === undefined ? "" : String(year)}
                        />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {p.children}
        <p>
          <button type="submit" class="button--secondary">
            {t.rerun}
          </button>
        </p>
      </form>
    </section>
  );
};

/** Saving the preview's mapping under a name, for next year's file of the same target (save-import-mapping.ts). */
export const SaveMappingForm: FC<{
  /** the job's own `…/mappings` route */
  action: string;
  /** the name proposed: the one just saved, else the file's name */
  name: string;
}> = (p) => (
  <section aria-labelledby="save-title">
    <h2 id="save-title">{t.saveTitle}</h2>
    <form method="post" action={p.action} class="stack">
      <div class="field">
        <label for="f-mappingName">{t.saveName}</label>
        <input
          type="text"
          id="f-mappingName"
          name="name"
          value={p.name}
          maxlength={100}
          aria-describedby="h-mappingName"
        />
        <p class="hint" id="h-mappingName">
          {t.saveHint}
        </p>
      </div>
      <p>
        <button type="submit" class="button--secondary">
          {t.saveButton}
        </button>
      </p>
    </form>
  </section>
);

/** The confirmation after SaveMappingForm, at the top of the preview (`?saved=<name>`). */
export const SavedMappingNotice: FC<{ name: string | null }> = (p) =>
  p.name ? (
    <p class="alert alert--ok" role="status">
      {t.saved(p.name)}
    </p>
  ) : null;

/** The upload form's choice of a saved mapping of its target (`savedMappingId`); nothing when none is saved. */
export const SavedMappingSelect: FC<{ mappings: { id: string; name: string }[]; state: FormState }> = (p) =>
  p.mappings.length > 0 ? (
    <Select
      name="savedMappingId"
      label={m.imports.savedMappings.label}
      hint={m.imports.savedMappings.hint}
      state={p.state}
      options={[
        { value: "", label: m.imports.savedMappings.none },
        ...p.mappings.map((s) => ({ value: s.id, label: s.name })),
      ]}
    />
  ) : null;

/** The name SaveMappingForm proposes: the one just saved, else the source's name without its extension. */
export function proposedMappingName(saved: string | null, sourceName: string): string {
  return saved ?? sourceName.replace(/\.[a-z0-9]+$/i, "");
}
