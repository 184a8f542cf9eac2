import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import { buildTree, collectSubtree, flattenTree, type Plan, type PlanNode } from "../plan.js";
import { fiscalYearLabel } from "../plan-years.js";
import { ErrorSummary, errorFor, type FormState, Hidden, Select, TextArea, TextField } from "./components.js";

const n = m.plans.node;
const labels: Record<string, string> = {
  kind: n.kind,
  label: n.label,
  title: n.title,
  content: n.content,
  tierCode: n.tierCode,
  departments: n.departments,
  schedule: n.schedule,
  parentId: n.parent,
  nextTermTierCode: n.nextTermTier,
  attributes: n.attributes,
  confirmed: n.confirmCheck,
  originalId: n.original,
};

/** Parent choices: every heading (and item, for deeper trees) in document order, indented by level. */
function parentOptions(nodes: PlanNode[], exclude: Set<string> = new Set()) {
  return [
    { value: "", label: n.top },
    ...flattenTree(buildTree(nodes))
      .filter((x) => !x.crossRefOf && !exclude.has(x.id))
      .map((x) => ({
        value: x.id,
        label: `${"　".repeat(x.level)}${x.label ? `${x.label} ` : ""}${x.title}`,
      })),
  ];
}

export const NodeFormPage: FC<{
  plan: Plan;
  nodes: PlanNode[];
  node: PlanNode | null;
  isCrossRef: boolean;
  state: FormState;
}> = ({ plan, nodes, node, isCrossRef, state }) => {
  const years: number[] = [];
  if (plan.firstYear !== null && plan.lastYear !== null)
    for (let y = plan.firstYear; y <= plan.lastYear; y++) years.push(y);
  const tierOptions = [
    { value: "", label: n.noTier },
    ...plan.tiers.map((x) => ({ value: x.code, label: x.label || x.code })),
  ];
  const scheduleError = errorFor(state.errors, "schedule");
  return (
    <>
      <h1>{node ? n.editTitle : n.addTitle}</h1>
      <p>
        <a href={`/plans/${plan.id}`}>{plan.title}</a>
      </p>
      {isCrossRef ? <p class="alert">{n.editingOriginal}</p> : null}
      <ErrorSummary errors={state.errors} labels={labels} />
      <form
        method="post"
        action={node ? `/plans/${plan.id}/nodes/${node.id}/edit` : `/plans/${plan.id}/nodes`}
        class="stack"
        novalidate
      >
        {node ? <Hidden name="version" value={state.values.version ?? String(node.version)} /> : null}
        {node ? null : (
          <Select name="parentId" label={n.parent} state={state} options={parentOptions(nodes)} />
        )}
        <Select
          name="kind"
          label={n.kind}
          state={state}
          options={[
            { value: "item", label: n.kindItem },
            { value: "category", label: n.kindCategory },
          ]}
        />
        <TextField name="label" label={n.label} state={state} />
        <TextArea name="title" label={n.title} state={state} rows={2} required />
        <TextArea name="content" label={n.content} state={state} />
        <TextArea name="yearlyGoal" label={n.yearlyGoal} state={state} rows={2} />
        <TextArea name="targetState" label={n.targetState} state={state} rows={2} />
        <Select name="tierCode" label={n.tierCode} state={state} options={tierOptions} />
        <TextField name="departments" label={n.departments} state={state} />
        <TextField name="implementingBody" label={n.implementingBody} state={state} />
        {years.length > 0 ? (
          <fieldset id="f-schedule" aria-describedby={scheduleError ? "e-schedule" : undefined}>
            <legend>{n.schedule}</legend>
            {scheduleError ? (
              <p class="field-error" id="e-schedule">
                {scheduleError}
              </p>
            ) : null}
            <div class="schedule-grid">
              {years.map((y) => (
                <Select
                  name={`schedule_${y}`}
                  label={fiscalYearLabel(y, "wareki")}
                  state={state}
                  options={[
                    { value: "", label: n.scheduleNone },
                    { value: "start", label: `○ ${m.plans.show.startLabel}` },
                    { value: "continue", label: `→ ${m.plans.show.continueLabel}` },
                  ]}
                />
              ))}
            </div>
          </fieldset>
        ) : (
          <TextField
            name="scheduleText"
            label={n.scheduleText}
            state={{ ...state, errors: { ...state.errors, scheduleText: state.errors.schedule ?? "" } }}
          />
        )}
        <fieldset>
          <legend>{m.plans.show.nextTerm}</legend>
          <TextField name="nextTermLabel" label={n.nextTermLabel} state={state} />
          <Select name="nextTermTierCode" label={n.nextTermTier} state={state} options={tierOptions} />
          <div class="field">
            <input
              type="checkbox"
              id="f-nextTermCompleted"
              name="nextTermCompleted"
              checked={state.values.nextTermCompleted === "on"}
            />{" "}
            <label for="f-nextTermCompleted" class="inline-label">
              {n.nextTermCompleted}
            </label>
          </div>
          <TextArea name="nextTermReason" label={n.nextTermReason} state={state} rows={2} />
        </fieldset>
        <TextArea name="attributes" label={n.attributes} state={state} rows={3} />
        <p>
          <button type="submit">{m.plans.save}</button> <a href={`/plans/${plan.id}`}>{n.cancel}</a>
        </p>
      </form>
    </>
  );
};

export const NodeMovePage: FC<{ plan: Plan; nodes: PlanNode[]; node: PlanNode; state: FormState }> = ({
  plan,
  nodes,
  node,
  state,
}) => {
  const own = new Set(collectSubtree(nodes, node.id).map((x) => x.id));
  return (
    <>
      <h1>{n.moveTitle}</h1>
      <p>
        {node.label ? `${node.label} ` : ""}
        {node.title}
      </p>
      <ErrorSummary errors={state.errors} labels={labels} />
      <form method="post" action={`/plans/${plan.id}/nodes/${node.id}/move`} class="stack" novalidate>
        <Hidden name="version" value={String(node.version)} />
        <Select name="parentId" label={n.parent} state={state} options={parentOptions(nodes, own)} />
        <p>
          <button type="submit">{n.moveButton}</button> <a href={`/plans/${plan.id}`}>{n.cancel}</a>
        </p>
      </form>
    </>
  );
};

export const NodeDeletePage: FC<{ plan: Plan; node: PlanNode; count: number; state: FormState }> = ({
  plan,
  node,
  count,
  state,
}) => (
  <>
    <h1>{n.deleteTitle}</h1>
    <p>
      <strong>
        {node.label ? `${node.label} ` : ""}
        {node.title}
      </strong>
    </p>
    <p>{n.confirm}</p>
    <p>{n.willDelete(count)}</p>
    <ErrorSummary errors={state.errors} labels={labels} />
    <form method="post" action={`/plans/${plan.id}/nodes/${node.id}/delete`} class="stack" novalidate>
      <Hidden name="version" value={String(node.version)} />
      <div class="field" id="f-confirmed">
        <input
          type="checkbox"
          id="f-confirm"
          name="confirmed"
          aria-describedby={state.errors.confirmed ? "e-confirmed" : undefined}
        />{" "}
        <label for="f-confirm" class="inline-label">
          {n.confirmCheck}
        </label>
        {state.errors.confirmed ? (
          <p class="field-error" id="e-confirmed">
            {state.errors.confirmed}
          </p>
        ) : null}
      </div>
      <p>
        <button type="submit">{n.deleteButton}</button> <a href={`/plans/${plan.id}`}>{n.cancel}</a>
      </p>
    </form>
  </>
);

export const CrossRefPage: FC<{ plan: Plan; nodes: PlanNode[]; node: PlanNode; state: FormState }> = ({
  plan,
  nodes,
  node,
  state,
}) => (
  <>
    <h1>{n.crossRefTitle}</h1>
    <p>
      {n.original}: {node.label ? `${node.label} ` : ""}
      {node.title}
    </p>
    <ErrorSummary errors={state.errors} labels={labels} />
    <form
      method="post"
      action={`/plans/${plan.id}/nodes/${node.id}/cross-reference`}
      class="stack"
      novalidate
    >
      <Select
        name="parentId"
        label={n.crossRefParent}
        state={state}
        options={parentOptions(nodes.filter((x) => x.kind === "category")).filter((o) => o.value !== "")}
      />
      <TextField name="label" label={n.crossRefLabel} state={state} />
      <p>
        <button type="submit">{n.crossRefButton}</button> <a href={`/plans/${plan.id}`}>{n.cancel}</a>
      </p>
    </form>
  </>
);
