import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import { PLAN_STATUSES, type Plan } from "../plan.js";
import type { Change } from "../plan-use-case.js";
import { periodLabel } from "../plan-years.js";
import { ErrorSummary, type FormState, Hidden, Select, TextArea, TextField } from "./components.js";

const f = m.plans.fields;

export const PlanListPage: FC<{ plans: Plan[]; yearStyle: string; canCreate: boolean }> = (p) => (
  <>
    <h1>{m.plans.listTitle}</h1>
    {p.canCreate ? (
      <p>
        <a class="button" href="/plans/new">
          {m.plans.newTitle}
        </a>
      </p>
    ) : null}
    {p.plans.length === 0 ? (
      <p>{m.plans.none}</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th scope="col">{m.plans.colTitle}</th>
            <th scope="col">{m.plans.colKind}</th>
            <th scope="col">{m.plans.colTerm}</th>
            <th scope="col">{m.plans.colPeriod}</th>
            <th scope="col">{m.plans.colStatus}</th>
          </tr>
        </thead>
        <tbody>
          {p.plans.map((plan) => (
            <tr>
              <th scope="row">
                <a href={`/plans/${plan.id}`}>{plan.title}</a>
              </th>
              <td>{plan.kind}</td>
              <td>{plan.termLabel ?? "—"}</td>
              <td>{periodLabel(plan.firstYear, plan.lastYear, p.yearStyle)}</td>
              <td>{m.plans.status[plan.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </>
);

const labels: Record<string, string> = { ...f };

export const PlanFormPage: FC<{ plan: Plan | null; state: FormState; others: Plan[] }> = ({
  plan,
  state,
  others,
}) => (
  <>
    <h1>{plan ? m.plans.editTitle(plan.title) : m.plans.newTitle}</h1>
    <ErrorSummary errors={state.errors} labels={labels} />
    <form method="post" action={plan ? `/plans/${plan.id}/edit` : "/plans"} class="stack" novalidate>
      {plan ? <Hidden name="version" value={state.values.version ?? String(plan.version)} /> : null}
      <TextField name="title" label={f.title} state={state} required />
      <TextField name="kind" label={f.kind} state={state} required />
      <TextField name="termLabel" label={f.termLabel} state={state} />
      <TextField name="subtitle" label={f.subtitle} state={state} />
      <TextField name="issuedLabel" label={f.issuedLabel} state={state} />
      <TextField name="issuer" label={f.issuer} state={state} />
      <TextField
        name="firstYear"
        label={f.firstYear}
        state={state}
        inputmode="numeric"
        hint={m.plans.hints.year}
      />
      <TextField
        name="lastYear"
        label={f.lastYear}
        state={state}
        inputmode="numeric"
        hint={m.plans.hints.year}
      />
      <Select
        name="status"
        label={f.status}
        state={state}
        options={PLAN_STATUSES.map((s) => ({ value: s, label: m.plans.status[s] }))}
      />
      <Select
        name="predecessorId"
        label={m.plans.show.predecessor}
        state={state}
        options={[
          { value: "", label: "—" },
          ...others.filter((o) => o.id !== plan?.id).map((o) => ({ value: o.id, label: o.title })),
        ]}
      />
      <TextArea name="levelNames" label={f.levelNames} state={state} rows={4} />
      <TextArea name="tiers" label={f.tiers} state={state} hint={m.plans.hints.tiers} />
      <TextArea
        name="statusVocabulary"
        label={f.statusVocabulary}
        state={state}
        hint={m.plans.hints.statusVocabulary}
      />
      <TextArea
        name="gradeVocabulary"
        label={f.gradeVocabulary}
        state={state}
        hint={m.plans.hints.gradeVocabulary}
      />
      <TextArea name="revisions" label={f.revisions} state={state} hint={m.plans.hints.revisions} />
      <p>
        <button type="submit">{plan ? m.plans.save : m.plans.create}</button>{" "}
        {plan ? <a href={`/plans/${plan.id}`}>{m.plans.node.cancel}</a> : null}
      </p>
    </form>
  </>
);

export const NextTermPage: FC<{ plan: Plan; state: FormState }> = ({ plan, state }) => (
  <>
    <h1>{m.plans.nextTerm.title}</h1>
    <p>{m.plans.nextTerm.lead}</p>
    <ErrorSummary errors={state.errors} labels={labels} />
    <form method="post" action={`/plans/${plan.id}/next-term`} class="stack" novalidate>
      <TextField name="title" label={f.title} state={state} required />
      <TextField name="termLabel" label={f.termLabel} state={state} />
      <TextField name="firstYear" label={f.firstYear} state={state} inputmode="numeric" />
      <TextField name="lastYear" label={f.lastYear} state={state} inputmode="numeric" />
      <Select
        name="completedItems"
        label={m.plans.nextTerm.completedItems}
        state={state}
        options={[
          { value: "drop", label: m.plans.nextTerm.drop },
          { value: "mark", label: m.plans.nextTerm.mark },
        ]}
      />
      <p>
        <button type="submit">{m.plans.nextTerm.button}</button>{" "}
        <a href={`/plans/${plan.id}`}>{m.plans.node.cancel}</a>
      </p>
    </form>
  </>
);

const show = (v: unknown) =>
  v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v, null, 0);

/** The 409 page: what is stored now against what the person submitted, and the way back. */
export const ConflictView: FC<{ changes: Change[]; back: string; message: string }> = ({
  changes,
  back,
  message,
}) => (
  <>
    <h1>{m.plans.errors.conflictTitle}</h1>
    <div class="alert alert--error" role="alert">
      <p>{message}</p>
    </div>
    {changes.length > 0 ? (
      <table>
        <thead>
          <tr>
            <th scope="col">{m.plans.errors.conflictField}</th>
            <th scope="col">{m.plans.errors.conflictCurrent}</th>
            <th scope="col">{m.plans.errors.conflictSubmitted}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">{labels[c.field] ?? c.field}</th>
              <td>{show(c.current)}</td>
              <td>{show(c.submitted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null}
    <p>
      <a class="button" href={back}>
        {m.plans.node.cancel}
      </a>
    </p>
  </>
);
