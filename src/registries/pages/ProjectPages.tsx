/** Staff pages for collaboration projects and their review meetings. */
import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../plans/plan-years.js";
import { m } from "../../web/messages/index.js";
import type { Group } from "../group.js";
import type { PlanItemGroup } from "../plan-items.js";
import { formatBudget, PROJECT_FORMS, type Project, type ReviewMeeting } from "../project.js";
import type { FormState } from "../registries-forms.js";
import { Area, Checks, Choice, Errors, Facts, PlanItemPicker, Text } from "./parts.js";

const t = m.registries.projects;
export const projectLabels: Record<string, string> = {
  title: t.title,
  departmentId: t.department,
  partnerGroupIds: t.partners,
  form: t.form,
  fiscalYear: t.fiscalYear,
  budget: t.budget,
  planNodeIds: m.registries.planItems.label,
  summary: t.summary,
  outcome: t.outcome,
  heldOn: t.heldOn,
  participants: t.participants,
  coordinator: t.coordinator,
  findings: t.findings,
  improvements: t.improvements,
};

export type Names = {
  departments: Map<string, string>;
  groups: Map<string, string>;
  planItems: Map<string, string>;
  /** the organisation's way of writing fiscal years */
  yearStyle: string;
};

export const ProjectListPage: FC<{
  projects: Project[];
  names: Names;
  year: number | null;
  canEdit: boolean;
}> = (p) => (
  <section class="stack">
    <h1>{t.listTitle}</h1>
    <p>{t.lead}</p>
    {p.canEdit ? (
      <p>
        <a class="button" href="/registries/projects/new">
          {t.add}
        </a>{" "}
        <a href="/registries/groups">{m.registries.groups.listTitle}</a>
      </p>
    ) : null}
    <form method="get" action="/registries/projects" class="filter-form">
      <div class="field">
        <label for="year">{t.yearFilter}</label>
        <input type="text" inputmode="numeric" id="year" name="year" value={p.year ? String(p.year) : ""} />
      </div>
      <button type="submit" class="button">
        {t.filterButton}
      </button>
    </form>
    {p.projects.length === 0 ? (
      <p>{t.none}</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.fiscalYear}</th>
              <th scope="col">{t.title}</th>
              <th scope="col">{t.department}</th>
              <th scope="col">{t.form}</th>
              <th scope="col">{t.partners}</th>
              <th scope="col" class="num">
                {t.budget}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.projects.map((x) => (
              <tr>
                <td>{fiscalYearLabel(x.fiscalYear, p.names.yearStyle)}</td>
                <td>
                  <a href={`/registries/projects/${x.id}`}>{x.title}</a>
                </td>
                <td>{x.departmentId ? (p.names.departments.get(x.departmentId) ?? "") : ""}</td>
                <td>{x.form}</td>
                <td>{x.partnerGroupIds.map((id) => p.names.groups.get(id) ?? "").join("、")}</td>
                <td class="num">{formatBudget(x.budget)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </section>
);

export const ProjectFormPage: FC<{
  project: Project | null;
  s: FormState;
  departments: { id: string; label: string }[];
  groups: Group[];
  planItems: PlanItemGroup[];
}> = ({ project, s, departments, groups, planItems }) => (
  <section class="stack narrow">
    <h1>{project ? t.editTitle(project.title) : t.newTitle}</h1>
    <Errors errors={s.errors} labels={projectLabels} />
    <form
      method="post"
      action={project ? `/registries/projects/${project.id}/edit` : "/registries/projects"}
      novalidate
    >
      {project ? (
        <input type="hidden" name="version" value={s.values.version ?? String(project.version)} />
      ) : null}
      <Text name="title" label={t.title} s={s} required />
      <Choice
        name="departmentId"
        label={t.department}
        s={s}
        options={[
          { value: "", label: t.noDepartment },
          ...departments.map((d) => ({ value: d.id, label: d.label })),
        ]}
      />
      <Choice name="form" label={t.form} s={s} options={PROJECT_FORMS.map((v) => ({ value: v, label: v }))} />
      <Text name="fiscalYear" label={t.fiscalYear} s={s} inputmode="numeric" required />
      <Text name="budget" label={t.budget} s={s} inputmode="numeric" />
      <Checks
        name="partnerGroupIds"
        label={t.partners}
        s={s}
        options={groups.map((g) => ({ value: g.id, label: g.name }))}
      />
      <PlanItemPicker s={s} groups={planItems} />
      <Area name="summary" label={t.summary} s={s} />
      <Area name="outcome" label={t.outcome} s={s} />
      <button type="submit" class="button">
        {m.registries.groups.save}
      </button>
    </form>
  </section>
);

export const ProjectDetailPage: FC<{
  project: Project;
  history: Project[];
  meetings: ReviewMeeting[];
  names: Names;
  canEdit: boolean;
  review: FormState;
}> = ({ project: p, history, meetings, names, canEdit, review }) => (
  <section class="stack">
    <h1>{p.title}</h1>
    {canEdit ? (
      <p>
        <a class="button" href={`/registries/projects/${p.id}/edit`}>
          {m.registries.groups.edit}
        </a>
      </p>
    ) : null}
    <Facts
      rows={[
        [t.fiscalYear, fiscalYearLabel(p.fiscalYear, names.yearStyle)],
        [t.department, p.departmentId ? (names.departments.get(p.departmentId) ?? "") : ""],
        [t.form, p.form],
        [
          t.partners,
          p.partnerGroupIds.length ? (
            <ul class="plain-list">
              {p.partnerGroupIds.map((id) => (
                <li>
                  <a href={`/registries/groups/${id}`}>{names.groups.get(id) ?? id}</a>
                </li>
              ))}
            </ul>
          ) : null,
        ],
        [t.budget, formatBudget(p.budget)],
        [
          m.registries.planItems.label,
          p.planNodeIds.length ? (
            <ul class="plain-list">
              {p.planNodeIds.map((id) => (
                <li>{names.planItems.get(id) ?? id}</li>
              ))}
            </ul>
          ) : null,
        ],
        [t.summary, p.summary],
        [t.outcome, p.outcome],
      ]}
    />
    <h2>{t.history}</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t.fiscalYear}</th>
            <th scope="col">{t.form}</th>
            <th scope="col" class="num">
              {t.budget}
            </th>
            <th scope="col">{t.reviews}</th>
            <th scope="col">{t.outcome}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((x) => (
            <tr>
              <td>
                {x.id === p.id ? (
                  <strong>{fiscalYearLabel(x.fiscalYear, names.yearStyle)}</strong>
                ) : (
                  <a href={`/registries/projects/${x.id}`}>
                    {fiscalYearLabel(x.fiscalYear, names.yearStyle)}
                  </a>
                )}
              </td>
              <td>{x.form}</td>
              <td class="num">{formatBudget(x.budget)}</td>
              <td>{meetings.filter((mt) => mt.projectId === x.id).length}</td>
              <td>{x.outcome ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <h2>{t.reviews}</h2>
    {meetings.filter((mt) => mt.projectId === p.id).length === 0 ? (
      <p>{t.noReviews}</p>
    ) : (
      meetings
        .filter((mt) => mt.projectId === p.id)
        .map((mt) => (
          <Facts
            rows={[
              [t.heldOn, mt.heldOn],
              [t.participants, mt.participants],
              [t.coordinator, mt.coordinator],
              [t.findings, mt.findings],
              [t.improvements, mt.improvements],
            ]}
          />
        ))
    )}
    {canEdit ? (
      <section class="stack narrow" aria-labelledby="review-title">
        <h3 id="review-title">{t.addReview}</h3>
        <Errors errors={review.errors} labels={projectLabels} />
        <form method="post" action={`/registries/projects/${p.id}/reviews`} novalidate>
          <Text name="heldOn" label={t.heldOn} s={review} hint={m.registries.hints.date} required />
          <Area name="participants" label={t.participants} s={review} />
          <Text name="coordinator" label={t.coordinator} s={review} />
          <Area name="findings" label={t.findings} s={review} />
          <Area name="improvements" label={t.improvements} s={review} />
          <button type="submit" class="button">
            {t.addReview}
          </button>
        </form>
      </section>
    ) : null}
  </section>
);
