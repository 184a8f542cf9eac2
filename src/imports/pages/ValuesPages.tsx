/** The bulk entry of a plan's yearly values (indicator targets / actuals, budget amounts): paste form and preview. */
import type { FC } from "hono/jsx";
import { formatValue } from "../../indicators/indicator.js";
import { formatFiscalYear } from "../../japanese/index.js";
import { TextArea } from "../../web/form-fields.js";
import { m } from "../../web/messages/index.js";
import type { ColumnMapping } from "../detect.js";
import type { ValuesParse } from "../import-job.js";
import type { ValuesTarget } from "../year-values.js";
import { MappingForm, SavedMappingNotice, SavedMappingSelect, SaveMappingForm } from "./MappingForm.js";
import { Problems } from "./PreviewPage.js";
import { SourceFileField } from "./ProgressPages.js";

const t = m.imports.values;
const p2 = m.imports.progress;

const titleOf = (target: ValuesTarget, plan: string) =>
  target === "indicators" ? t.indicatorsTitle(plan) : t.budgetsTitle(plan);

export const ValuesPastePage: FC<{
  planId: string;
  planTitle: string;
  target: ValuesTarget;
  limit: string;
  /** the organisation's saved mappings for this target */
  savedMappings: { id: string; name: string }[];
  state: { values: Record<string, string>; errors: Record<string, string> };
}> = (p) => {
  const base = `/imports/plans/${p.planId}/${p.target}`;
  const fileError = p.state.errors.source;
  return (
    <>
      <h1>{titleOf(p.target, p.planTitle)}</h1>
      <p class="lead">{p.target === "indicators" ? t.indicatorsLead : t.budgetsLead}</p>
      {Object.keys(p.state.errors).length > 0 ? (
        <div class="alert alert--error" role="alert">
          <ul>
            {Object.values(p.state.errors).map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={base} enctype="multipart/form-data" class="stack">
        <TextArea name="paste" label={p2.paste} rows={10} state={p.state} />
        <SourceFileField label={p2.file} limit={p.limit} invalid={Boolean(fileError)} />
        <SavedMappingSelect mappings={p.savedMappings} state={p.state} />
        <p>
          <button type="submit">{p2.submit}</button>
        </p>
      </form>
      <ul>
        <li>
          <a href={`${base}/template.xlsx`} download={`${p.target}.xlsx`}>
            {t.template}（Excel）
          </a>
        </li>
        <li>
          <a href={`${base}/template.csv`} download={`${p.target}.csv`}>
            {t.template}（CSV）
          </a>
        </li>
        <li>
          <a href={`/plans/${p.planId}/indicators`}>{t.backToIndicators}</a>
        </li>
      </ul>
    </>
  );
};

export const ValuesPreviewPage: FC<{
  jobId: string;
  mapping: ColumnMapping | null;
  sourceName: string;
  parse: ValuesParse;
  yearStyle: string;
  errors: string[];
  committed: { saved: number } | null;
  /** the name a mapping was just saved under, and the name the save form proposes */
  saved: string | null;
  mappingName: string;
}> = (p) => {
  const { plan, target, planId } = p.parse;
  const base = `/imports/plans/${planId}/${target}`;
  const blocked = plan.problems.length > 0;
  const year = (fy: number) => formatFiscalYear(fy, p.yearStyle as "wareki");
  return (
    <>
      <h1>{t.previewTitle(p.sourceName)}</h1>
      {p.errors.length > 0 ? (
        <div class="alert alert--error" role="alert">
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <SavedMappingNotice name={p.saved} />
      {p.committed ? (
        <p class="alert alert--ok" role="status">
          {t.done(p.committed.saved)}
        </p>
      ) : (
        <p class="alert">{p2.notWritten}</p>
      )}
      <dl class="facts">
        <dt>{t.plan}</dt>
        <dd>{titleOf(target, p.parse.planTitle)}</dd>
        <dt>{m.imports.preview.rows}</dt>
        <dd>{m.imports.preview.rowsValue(plan.rowCount)}</dd>
        {p.parse.encoding ? (
          <>
            <dt>{m.imports.preview.encoding}</dt>
            <dd>{p.parse.encoding}</dd>
          </>
        ) : null}
      </dl>
      <Problems problems={plan.problems} />
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">{t.changesTitle}</h2>
        <p>{t.changeCount(plan.changes.length, plan.unchanged.length)}</p>
        {plan.changes.length === 0 ? (
          <p>{t.nothingToDo}</p>
        ) : (
          <div class="table-wrap">
            <table class="import-changes">
              <thead>
                <tr>
                  <th scope="col">{m.imports.preview.row}</th>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.year}</th>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.before}</th>
                  <th scope="col">{t.after}</th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.flatMap((c) =>
                  c.changes.map((f, i) => (
                    <tr>
                      {i === 0 ? (
                        <>
                          <td class="num" rowspan={c.changes.length}>
                            {c.row}
                          </td>
                          <th scope="row" rowspan={c.changes.length}>
                            {c.name}
                          </th>
                        </>
                      ) : null}
                      <td>{year(f.fiscalYear)}</td>
                      <td>{t.kinds[f.kind]}</td>
                      <td class="num">{formatValue(f.before, c.unit)}</td>
                      <td class="num">{formatValue(f.after, c.unit)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {p.mapping && !p.committed ? (
        <MappingForm
          action={`${base}/jobs/${p.jobId}/mapping`}
          target={target}
          mapping={p.mapping}
          unmatched={p.parse.unmatched ?? []}
        />
      ) : null}
      {p.committed ? null : blocked ? (
        <p class="field-error">{t.commitBlocked}</p>
      ) : plan.changes.length > 0 ? (
        <form method="post" action={`${base}/jobs/${p.jobId}/commit`} class="button-row">
          <button type="submit">{p2.commit}</button>
        </form>
      ) : null}
      {p.mapping ? (
        <SaveMappingForm action={`${base}/jobs/${p.jobId}/mappings`} name={p.mappingName} />
      ) : null}
      <ul>
        <li>
          <a href={base}>{m.imports.preview.again}</a>
        </li>
        <li>
          <a href={`/plans/${planId}/indicators`}>{t.backToIndicators}</a>
        </li>
      </ul>
    </>
  );
};
