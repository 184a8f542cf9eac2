/** The bulk progress entry of a reporting round: the paste form, its preview, and the job progress page. */
import type { FC } from "hono/jsx";
import { TextArea } from "../../web/form-fields.js";
import { m } from "../../web/messages/index.js";
import type { ColumnMapping } from "../detect.js";
import type { ImportProgress, ProgressParse } from "../import-job.js";
import { MappingForm, SavedMappingNotice, SavedMappingSelect, SaveMappingForm } from "./MappingForm.js";
import { Problems } from "./PreviewPage.js";

/** The file input of an import page (xlsx or CSV/TSV), with the size limit stated and its error state. */
export const SourceFileField: FC<{ label: string; limit: string; invalid: boolean }> = ({
  label,
  limit,
  invalid,
}) => (
  <div class="field">
    <label for="f-source">{label}</label>
    <input
      type="file"
      id="f-source"
      name="file"
      accept=".xlsx,.xlsm,.csv,.tsv"
      aria-invalid={invalid ? "true" : undefined}
      aria-describedby="h-source"
    />
    <p class="hint" id="h-source">
      {m.imports.fileHint(limit)}
    </p>
  </div>
);

const t = m.imports.progress;

export type PasteFormProps = {
  roundId: string;
  planTitle: string;
  yearLabel: string;
  ownOnly: boolean;
  limit: string;
  /** the organisation's saved mappings for progress */
  savedMappings: { id: string; name: string }[];
  state: { values: Record<string, string>; errors: Record<string, string> };
};

export const ProgressPastePage: FC<PasteFormProps> = (p) => {
  const fileError = p.state.errors.source;
  return (
    <>
      <h1>{t.title(p.planTitle, p.yearLabel)}</h1>
      <p class="lead">{t.lead}</p>
      <p>{p.ownOnly ? t.scopeOwn : t.scopeAll}</p>
      {Object.keys(p.state.errors).length > 0 ? (
        <div class="alert alert--error" role="alert">
          <ul>
            {Object.values(p.state.errors).map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/imports/rounds/${p.roundId}`} enctype="multipart/form-data" class="stack">
        <TextArea name="paste" label={t.paste} hint={t.pasteHint} rows={10} state={p.state} />
        <SourceFileField label={t.file} limit={p.limit} invalid={Boolean(fileError)} />
        <SavedMappingSelect mappings={p.savedMappings} state={p.state} />
        <p>
          <button type="submit">{t.submit}</button>
        </p>
      </form>
      <ul>
        <li>
          <a href={`/imports/rounds/${p.roundId}/template.xlsx`} download="progress.xlsx">
            {t.template}（Excel）
          </a>
        </li>
        <li>
          <a href={`/imports/rounds/${p.roundId}/template.csv`} download="progress.csv">
            {t.template}（CSV）
          </a>
        </li>
        <li>
          <a href={`/progress/rounds/${p.roundId}`}>{t.backToRound}</a>
        </li>
      </ul>
    </>
  );
};

const show = (v: string | null) => (v === null ? t.empty : v);

export const ProgressPreviewPage: FC<{
  jobId: string;
  mapping: ColumnMapping | null;
  roundId: string;
  sourceName: string;
  parse: ProgressParse;
  yearLabel: string;
  errors: string[];
  committed: { saved: number; submitted: boolean } | null;
  /** the name a mapping was just saved under, and the name the save form proposes */
  saved: string | null;
  mappingName: string;
}> = (p) => {
  const { plan } = p.parse;
  const blocked = plan.problems.length > 0;
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
          {p.committed.submitted ? t.doneSubmitted(p.committed.saved) : t.done(p.committed.saved)}
        </p>
      ) : (
        <p class="alert">{t.notWritten}</p>
      )}
      <dl class="facts">
        <dt>{t.round}</dt>
        <dd>
          {p.parse.planTitle}（{p.yearLabel}）
        </dd>
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
      {plan.notAsked.length > 0 ? <p class="hint">{t.notAsked(plan.notAsked.join("、"))}</p> : null}
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
                  <th scope="col">{m.imports.preview.number}</th>
                  <th scope="col">{m.imports.preview.itemTitle}</th>
                  <th scope="col">{m.imports.preview.departments}</th>
                  <th scope="col">{t.field}</th>
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
                          <td rowspan={c.changes.length}>{c.label ?? "—"}</td>
                          <th scope="row" rowspan={c.changes.length}>
                            {c.title}
                          </th>
                          <td rowspan={c.changes.length}>{c.departmentName ?? "—"}</td>
                        </>
                      ) : null}
                      <td>{t.fields[f.field]}</td>
                      <td class="pre-line">{show(f.before)}</td>
                      <td class="pre-line">{show(f.after)}</td>
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
          action={`/imports/rounds/${p.roundId}/jobs/${p.jobId}/mapping`}
          target="progress"
          mapping={p.mapping}
          unmatched={p.parse.unmatched ?? []}
        />
      ) : null}
      {p.committed ? null : blocked ? (
        <p class="field-error">{t.commitBlocked}</p>
      ) : plan.changes.length > 0 ? (
        <form method="post" action={`/imports/rounds/${p.roundId}/jobs/${p.jobId}/commit`} class="button-row">
          <button type="submit" name="submit" value="0">
            {t.commit}
          </button>
          <button type="submit" name="submit" value="1" class="button--secondary">
            {t.commitSubmit}
          </button>
        </form>
      ) : null}
      {p.mapping ? (
        <SaveMappingForm
          action={`/imports/rounds/${p.roundId}/jobs/${p.jobId}/mappings`}
          name={p.mappingName}
        />
      ) : null}
      <ul>
        <li>
          <a href={`/imports/rounds/${p.roundId}`}>{m.imports.preview.again}</a>
        </li>
        <li>
          <a href={`/progress/rounds/${p.roundId}`}>{t.backToRound}</a>
        </li>
      </ul>
    </>
  );
};

const j = m.imports.jobs;

/** A job still being read (the response carries `Refresh: 2`), or one that could not be read. */
export const JobProgressPage: FC<{
  sourceName: string;
  progress: ImportProgress | null;
  failure: string | null;
}> = (p) => {
  if (p.failure !== null) {
    return (
      <>
        <h1>{j.failedTitle(p.sourceName)}</h1>
        <div class="alert alert--error" role="alert">
          <p>{p.failure}</p>
        </div>
        <p>
          <a href="/imports">{m.imports.preview.again}</a>
        </p>
      </>
    );
  }
  const progress = p.progress ?? { phase: "reading" as const, rows: 0, totalRows: null, percent: 0 };
  return (
    <>
      <h1>{j.parsingTitle(p.sourceName)}</h1>
      <p class="lead">{j.parsingLead}</p>
      <div role="status" class="stack">
        <p>
          <label for="job-progress">{j.progressLabel}</label>{" "}
          <progress id="job-progress" max={100} value={progress.percent}>
            {j.percent(progress.percent)}
          </progress>{" "}
          {j.percent(progress.percent)}
        </p>
        <p>
          {j.phase[progress.phase]}（{j.rows(progress.rows, progress.totalRows)}）
        </p>
      </div>
    </>
  );
};
