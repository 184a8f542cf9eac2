import type { FC } from "hono/jsx";
import { ErrorSummary, type FormState, Select, TextArea, TextField } from "../../plans/pages/components.js";
import type { Plan, PlanNode } from "../../plans/plan.js";
import type { Change } from "../../plans/plan-use-case.js";
import { m } from "../../web/messages/index.js";
import {
  type Entry,
  type EntryComment,
  type EntryFields,
  type EntryVersion,
  FIELDS_OF,
  type Round,
} from "../progress.js";
import type { Contribution } from "../progress.repository.js";
import { itemName, StateBadge } from "./components.js";
import { fy } from "./RoundPages.js";

const t = m.progress;

export type EntryPageProps = {
  entry: Entry;
  round: Round;
  plan: Plan;
  node: PlanNode;
  yearStyle: string;
  state: FormState;
  previous: (Entry & { fiscalYear: number }) | null;
  comments: EntryComment[];
  versions: EntryVersion[];
  editable: boolean;
  /** the person may act on the review step the entry waits at (or return an approved entry) */
  canReview: boolean;
  /** the review step the entry waits at: 「2/3 審議会の意見」 */
  step: string | null;
  /** passing this step approves the entry */
  lastStep: boolean;
  mayReturn: boolean;
  canComment: boolean;
  /** lead mode: the related departments' (関係課) texts, and the form of the person's own department */
  contributions: Contribution[] | null;
  myContribution: {
    departmentId: string;
    name: string;
    body: string;
    version: number;
    editable: boolean;
  } | null;
  conflict: Change[] | null;
  notice: string | null;
};

const FIELD_LABEL: Record<keyof EntryFields, string> = {
  statusLabel: t.fields.status,
  grade: t.fields.grade,
  result: t.fields.result,
  doText: t.fields.doText,
  checkText: t.fields.checkText,
  issuesText: t.fields.issuesText,
  actText: t.fields.actText,
  nextTermLabel: t.fields.nextTermLabel,
  nextTermReason: t.fields.nextTermReason,
};

const TEXT_FIELDS = new Set<keyof EntryFields>([
  "result",
  "doText",
  "checkText",
  "issuesText",
  "actText",
  "nextTermReason",
]);

const time = (d: Date) =>
  new Intl.DateTimeFormat("ja-JP", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Tokyo",
  }).format(d);

export const EntryPage: FC<EntryPageProps> = (p) => {
  const asked = p.round.fieldsAsked.flatMap((f) => [...FIELDS_OF[f]]);
  const name = itemName(p.node);
  return (
    <>
      <p>
        <a href={`/progress/rounds/${p.round.id}`}>{t.entry.back}</a>
      </p>
      <h1>{t.entry.title(name)}</h1>
      <dl class="plan-facts">
        <dt>{t.entry.round}</dt>
        <dd>
          {p.plan.title} {fy(p.round.fiscalYear, p.yearStyle)}
        </dd>
        <dt>{t.entry.department}</dt>
        <dd>{p.entry.departmentName ?? t.sharedDepartment}</dd>
        <dt>{t.entry.state}</dt>
        <dd>
          <StateBadge state={p.entry.state} />
        </dd>
        {p.step ? (
          <>
            <dt>{t.chain.waitingAt}</dt>
            <dd>{p.step}</dd>
          </>
        ) : null}
      </dl>
      {p.notice ? (
        <div class="alert alert--ok" role="status">
          <p>{p.notice}</p>
        </div>
      ) : null}
      <p>
        <a href={`/progress/rounds/${p.round.id}/actuals`}>{m.indicators.roundActuals.link}</a>
      </p>
      {p.conflict ? <ConflictTable changes={p.conflict} /> : null}
      <ErrorSummary errors={p.state.errors} labels={FIELD_LABEL} />
      {p.entry.state === "returned"
        ? (() => {
            const last = [...p.comments].reverse().find((c) => c.kind === "return");
            return last ? (
              <div class="alert alert--error" role="note">
                <p>
                  <strong>{t.entry.returnedBadge}</strong>（{last.authorName}）
                </p>
                <p class="preserve-lines">{last.body}</p>
              </div>
            ) : null;
          })()
        : null}
      <div class="entry-columns">
        <section aria-labelledby="this-year" class="entry-columns__main">
          <h2 id="this-year">{t.entry.thisYear(fy(p.round.fiscalYear, p.yearStyle))}</h2>
          {p.editable ? (
            <form method="post" action={`/progress/entries/${p.entry.id}`} class="stack" novalidate>
              <input type="hidden" name="version" value={p.state.values.version ?? String(p.entry.version)} />
              {asked.map((f) => (
                <EntryField field={f} plan={p.plan} state={p.state} />
              ))}
              <p class="actions">
                <button type="submit" name="action" value="save" class="button--secondary">
                  {t.entry.save}
                </button>{" "}
                <button type="submit" name="action" value="submit">
                  {t.entry.submit}
                </button>
              </p>
            </form>
          ) : (
            <>
              <p class="hint">{t.entry.readOnly}</p>
              <ReadOnlyFields entry={p.entry} fields={asked} />
            </>
          )}
        </section>
        <section aria-labelledby="last-year" class="entry-columns__side">
          <h2 id="last-year">
            {p.previous ? t.entry.lastYear(fy(p.previous.fiscalYear, p.yearStyle)) : t.entry.lastYear("—")}
          </h2>
          {p.previous ? <ReadOnlyFields entry={p.previous} fields={asked} /> : <p>{t.entry.noLastYear}</p>}
          {p.contributions ? (
            <Contributions
              contributions={p.contributions}
              mine={p.myContribution}
              entryId={p.entry.id}
              state={p.state}
            />
          ) : null}
        </section>
      </div>
      {p.canReview &&
      (p.entry.state === "submitted" || p.entry.state === "approved") &&
      p.round.state === "open" ? (
        <section aria-labelledby="review-title" id="review">
          <h2 id="review-title">{t.entry.review}</h2>
          <form method="post" action={`/progress/entries/${p.entry.id}/review`} class="stack">
            <input type="hidden" name="version" value={String(p.entry.version)} />
            <TextArea
              name="comment"
              label={p.mayReturn ? t.entry.returnComment : t.entry.commentBody}
              state={p.state}
              rows={3}
            />
            <p class="actions">
              {p.entry.state === "submitted" ? (
                <button type="submit" name="action" value="approve">
                  {p.lastStep ? t.entry.approve : p.mayReturn ? t.chain.advance : t.chain.opinion}
                </button>
              ) : null}{" "}
              {p.mayReturn ? (
                <button type="submit" name="action" value="return" class="button--secondary">
                  {t.entry.returnEntry}
                </button>
              ) : null}
            </p>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="comments">
        <h2 id="comments">{t.entry.comments}</h2>
        {p.comments.length === 0 ? (
          <p>{t.entry.noComments}</p>
        ) : (
          <ul class="plain-list comments">
            {p.comments.map((c) => (
              <li>
                <p>
                  <strong>{c.authorName}</strong>（
                  {m.accounts.roles[c.role as keyof typeof m.accounts.roles] ?? c.role}）{" "}
                  <time datetime={c.createdAt.toISOString()}>{time(c.createdAt)}</time>
                  {c.kind === "return" ? <span class="badge"> {t.entry.returnedBadge}</span> : null}
                </p>
                <p class="preserve-lines">{c.body}</p>
              </li>
            ))}
          </ul>
        )}
        {p.canComment ? (
          <form method="post" action={`/progress/entries/${p.entry.id}/comments`} class="stack">
            <TextArea name="body" label={t.entry.commentBody} state={p.state} rows={3} />
            <p>
              <button type="submit" class="button--secondary">
                {t.entry.postComment}
              </button>
            </p>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="history">
        <h2 id="history">{t.entry.history}</h2>
        {p.versions.length === 0 ? (
          <p>{t.entry.noHistory}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.entry.historyWhen}</th>
                  <th scope="col">{t.entry.historyWho}</th>
                  <th scope="col">{t.entry.historyAction}</th>
                  <th scope="col">{t.entry.historyState}</th>
                  <th scope="col">{t.entry.historyFields}</th>
                </tr>
              </thead>
              <tbody>
                {p.versions.map((v) => (
                  <tr>
                    <td>
                      <time datetime={v.at.toISOString()}>{time(v.at)}</time>
                    </td>
                    <td>{v.actorName}</td>
                    <td>{t.actions[v.action as keyof typeof t.actions] ?? v.action}</td>
                    <td>{t.entryStates[v.state]}</td>
                    <td>
                      {asked
                        .filter((f) => v.fields[f])
                        .map((f) => `${FIELD_LABEL[f]}: ${v.fields[f]}`)
                        .join(" ／ ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
};

const EntryField: FC<{ field: keyof EntryFields; plan: Plan; state: FormState }> = ({
  field,
  plan,
  state,
}) => {
  if (field === "statusLabel")
    return (
      <Select
        name="statusLabel"
        label={FIELD_LABEL.statusLabel}
        state={state}
        options={[
          { value: "", label: t.entry.statusNone },
          ...plan.statusVocabulary.map((s) => ({ value: s.label, label: s.label })),
          // a stored status the vocabulary no longer has stays visible instead of silently changing
          ...(state.values.statusLabel &&
          !plan.statusVocabulary.some((s) => s.label === state.values.statusLabel)
            ? [{ value: state.values.statusLabel, label: state.values.statusLabel }]
            : []),
        ]}
      />
    );
  if (field === "grade" && plan.gradeVocabulary.length > 0)
    return (
      <Select
        name="grade"
        label={FIELD_LABEL.grade}
        state={state}
        options={[
          { value: "", label: t.entry.gradeNone },
          ...plan.gradeVocabulary.map((g) => ({
            value: g.label,
            label: g.definition ? `${g.label}（${g.definition}）` : g.label,
          })),
        ]}
      />
    );
  if (TEXT_FIELDS.has(field))
    return <TextArea name={field} label={FIELD_LABEL[field]} state={state} rows={5} />;
  return <TextField name={field} label={FIELD_LABEL[field]} state={state} />;
};

const ReadOnlyFields: FC<{ entry: EntryFields; fields: (keyof EntryFields)[] }> = ({ entry, fields }) => (
  <dl class="entry-fields">
    {fields.map((f) => (
      <>
        <dt>{FIELD_LABEL[f]}</dt>
        <dd class="preserve-lines">{entry[f] ?? "—"}</dd>
      </>
    ))}
  </dl>
);

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));

const ConflictTable: FC<{ changes: Change[] }> = ({ changes }) => (
  <div class="alert alert--error" role="alert">
    <h2>{t.errors.conflictTitle}</h2>
    <p>{t.errors.conflictLead}</p>
    {changes.length > 0 ? (
      <table>
        <thead>
          <tr>
            <th scope="col">{t.errors.conflictField}</th>
            <th scope="col">{t.errors.conflictCurrent}</th>
            <th scope="col">{t.errors.conflictSubmitted}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">
                {c.field === "body"
                  ? t.contributions.title
                  : (FIELD_LABEL[c.field as keyof EntryFields] ?? t.columns.entryState)}
              </th>
              <td class="preserve-lines">{show(c.current)}</td>
              <td class="preserve-lines">{show(c.submitted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null}
  </div>
);

/** Lead mode: what the related departments (関係課) wrote, beside the lead's form, and the person's own form. */
const Contributions: FC<{
  contributions: Contribution[];
  mine: EntryPageProps["myContribution"];
  entryId: string;
  state: FormState;
}> = ({ contributions, mine, entryId, state }) => {
  const c = t.contributions;
  return (
    <section aria-labelledby="contributions">
      <h2 id="contributions">{c.title}</h2>
      <p class="hint">{c.lead}</p>
      {contributions.filter((x) => x.body).length === 0 ? (
        <p>{c.none}</p>
      ) : (
        <dl class="entry-fields">
          {contributions
            .filter((x) => x.body)
            .map((x) => (
              <>
                <dt>
                  {x.departmentName}（{x.updatedBy}）
                </dt>
                <dd class="preserve-lines">{x.body}</dd>
              </>
            ))}
        </dl>
      )}
      {mine?.editable ? (
        <form method="post" action={`/progress/entries/${entryId}/contribution`} class="stack">
          <input type="hidden" name="departmentId" value={mine.departmentId} />
          <input type="hidden" name="version" value={String(mine.version)} />
          <TextArea
            name="contribution"
            label={c.yours(mine.name)}
            state={{ values: { contribution: state.values.contribution ?? mine.body }, errors: state.errors }}
            rows={5}
          />
          <p>
            <button type="submit" class="button--secondary">
              {c.save}
            </button>
          </p>
        </form>
      ) : null}
    </section>
  );
};
