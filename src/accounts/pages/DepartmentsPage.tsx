import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import type { Change, FieldErrors } from "../account.js";
import type { Department, DepartmentName } from "../department.js";
import {
  ConflictTable,
  ErrorSummary,
  Field,
  formatDate,
  Notice,
  type Option,
  SelectField,
} from "./form-parts.js";

const t = m.accounts.departments;

export type DepartmentRow = { department: Department; depth: number; currentName: string };

function period(n: DepartmentName): string {
  if (n.validFrom && n.validTo) return t.period(formatDate(n.validFrom), formatDate(n.validTo));
  if (n.validFrom) return t.since(formatDate(n.validFrom));
  if (n.validTo) return t.ended(formatDate(n.validTo));
  return "";
}

export function stateLabel(d: Department, names: Map<string, string>): string {
  if (!d.endedOn) return t.current;
  const merged = d.mergedIntoId ? `（${t.mergedInto(names.get(d.mergedIntoId) ?? "")}）` : "";
  return `${t.ended(formatDate(d.endedOn))}${merged}`;
}

const History: FC<{ names: DepartmentName[] }> = ({ names }) => (
  <ul class="plain-list">
    {names.map((n) => (
      <li>
        {n.name}
        <span class="hint">（{period(n)}）</span>
      </li>
    ))}
  </ul>
);

export const DepartmentsPage: FC<{
  rows: DepartmentRow[];
  parents: Option[];
  values?: { name?: string; parentId?: string; validFrom?: string };
  errors?: FieldErrors;
  notice?: string | null;
  names: Map<string, string>;
}> = (p) => (
  <>
    <h1>{t.title}</h1>
    <p>{t.lead}</p>
    <Notice text={p.notice} />
    <div class="table-wrap">
      <table class="tree-table">
        <caption>{t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.history}</th>
            <th scope="col">{t.state}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map(({ department: d, depth, currentName }) => (
            <tr class={d.endedOn ? "is-ended" : undefined}>
              <th scope="row" class={`depth-${Math.min(depth, 3)}`}>
                {depth > 0 ? <span aria-hidden="true">└ </span> : null}
                <a href={`/admin/departments/${d.id}`} aria-label={t.edit(currentName)}>
                  {currentName}
                </a>
              </th>
              <td>
                <History names={d.names} />
              </td>
              <td>{stateLabel(d, p.names)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>

    <section aria-labelledby="add-heading">
      <h2 id="add-heading">{t.addHeading}</h2>
      <ErrorSummary errors={p.errors} prefix="dept" />
      <form method="post" action="/admin/departments" class="stack">
        <Field
          prefix="dept"
          name="name"
          label={t.name}
          value={p.values?.name}
          error={p.errors?.name}
          required
        />
        <SelectField
          prefix="dept"
          name="parentId"
          label={t.parent}
          options={[{ value: "", label: t.parentNone }, ...p.parents]}
          value={p.values?.parentId}
          error={p.errors?.parentId}
        />
        <Field
          prefix="dept"
          name="validFrom"
          label={t.validFrom}
          type="date"
          value={p.values?.validFrom}
          error={p.errors?.validFrom}
          required
        />
        <div>
          <button type="submit">{t.add}</button>
        </div>
      </form>
    </section>
  </>
);

export const DepartmentEditPage: FC<{
  department: Department;
  currentName: string;
  names: Map<string, string>;
  targets: Option[];
  rename?: { values?: { name?: string; effectiveFrom?: string }; errors?: FieldErrors };
  merge?: { values?: { intoId?: string; effectiveFrom?: string }; errors?: FieldErrors };
  conflict?: Change[];
  defaultDate: string;
}> = (p) => {
  const d = p.department;
  return (
    <>
      <h1>{t.editTitle(p.currentName)}</h1>
      <p>
        <a href="/admin/departments">{t.title}</a>
      </p>
      {p.conflict ? <ConflictTable changes={p.conflict} /> : null}
      <dl class="facts">
        <dt>{t.state}</dt>
        <dd>{stateLabel(d, p.names)}</dd>
        <dt>{t.history}</dt>
        <dd>
          <History names={d.names} />
        </dd>
      </dl>
      {d.endedOn ? null : (
        <>
          <section aria-labelledby="rename-heading">
            <h2 id="rename-heading">{t.renameHeading}</h2>
            <ErrorSummary errors={p.rename?.errors} prefix="rename" />
            <form method="post" action={`/admin/departments/${d.id}/rename`} class="stack">
              <input type="hidden" name="version" value={String(d.version)} />
              <Field
                prefix="rename"
                name="name"
                label={t.newName}
                value={p.rename?.values?.name}
                error={p.rename?.errors?.name}
                required
              />
              <Field
                prefix="rename"
                name="effectiveFrom"
                label={t.effectiveFrom}
                type="date"
                hint={t.effectiveHint}
                value={p.rename?.values?.effectiveFrom ?? p.defaultDate}
                error={p.rename?.errors?.effectiveFrom}
                required
              />
              <div>
                <button type="submit">{t.rename}</button>
              </div>
            </form>
          </section>
          <section aria-labelledby="merge-heading">
            <h2 id="merge-heading">{t.mergeHeading}</h2>
            <p>{t.mergeLead}</p>
            <ErrorSummary errors={p.merge?.errors} prefix="merge" />
            <form method="post" action={`/admin/departments/${d.id}/merge`} class="stack">
              <input type="hidden" name="version" value={String(d.version)} />
              <SelectField
                prefix="merge"
                name="intoId"
                label={t.mergeInto}
                options={[{ value: "", label: "選択してください" }, ...p.targets]}
                value={p.merge?.values?.intoId}
                error={p.merge?.errors?.intoId}
                required
              />
              <Field
                prefix="merge"
                name="effectiveFrom"
                label={t.effectiveFrom}
                type="date"
                value={p.merge?.values?.effectiveFrom ?? p.defaultDate}
                error={p.merge?.errors?.effectiveFrom}
                required
              />
              <div>
                <button type="submit" class="button--danger">
                  {t.merge}
                </button>
              </div>
            </form>
          </section>
        </>
      )}
    </>
  );
};
