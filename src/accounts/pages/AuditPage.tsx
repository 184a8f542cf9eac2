import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import { type FieldErrors, isRole } from "../account.js";
import { changedFields } from "../audit.js";
import type { AuditEvent } from "../audit.repository.js";
import { ErrorSummary, Field, formatDateTime, type Option, SelectField } from "./form-parts.js";

const t = m.accounts.audit;

export type AuditQuery = {
  action: string;
  entity: string;
  actor: string;
  from: string;
  to: string;
  page: number;
};

export function actionLabel(action: string): string {
  return (t.actions as Record<string, string>)[action] ?? action;
}
function entityLabel(entity: string): string {
  return (t.entities as Record<string, string>)[entity] ?? entity;
}

function fieldLabel(key: string): string {
  return (t.fields as Record<string, string>)[key] ?? key;
}

/** Role codes as their labels, ids of people and departments as their names, ISO instants as Japan time. */
function formatter(names: Map<string, string>) {
  return (key: string, value: unknown): string | undefined => {
    if (typeof value === "boolean") return value ? t.yes : t.no;
    if (typeof value !== "string") return undefined;
    if (key === "role" && isRole(value)) return m.accounts.roles[value];
    if (names.has(value)) return names.get(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(new Date(value));
    return undefined;
  };
}

function pageHref(q: AuditQuery, page: number): string {
  const params = new URLSearchParams();
  for (const k of ["action", "entity", "actor", "from", "to"] as const) if (q[k]) params.set(k, q[k]);
  params.set("page", String(page));
  return `/admin/audit?${params}`;
}

export const AuditPage: FC<{
  events: AuditEvent[];
  total: number;
  pages: number;
  query: AuditQuery;
  actions: string[];
  entities: string[];
  people: Option[];
  entityNames: Map<string, string>;
  errors?: FieldErrors;
}> = (p) => {
  const all = { value: "", label: t.all };
  const format = formatter(p.entityNames);
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <section aria-labelledby="audit-filter">
        <h2 id="audit-filter">{t.filter}</h2>
        <ErrorSummary errors={p.errors} prefix="audit" />
        <form method="get" action="/admin/audit" class="filter-form">
          <SelectField
            prefix="audit"
            name="action"
            label={t.action}
            options={[all, ...p.actions.map((a) => ({ value: a, label: actionLabel(a) }))]}
            value={p.query.action}
          />
          <SelectField
            prefix="audit"
            name="entity"
            label={t.entity}
            options={[all, ...p.entities.map((e) => ({ value: e, label: entityLabel(e) }))]}
            value={p.query.entity}
          />
          <SelectField
            prefix="audit"
            name="actor"
            label={t.actor}
            options={[all, ...p.people]}
            value={p.query.actor}
          />
          <Field
            prefix="audit"
            name="from"
            label={t.from}
            type="date"
            value={p.query.from}
            error={p.errors?.from}
          />
          <Field prefix="audit" name="to" label={t.to} type="date" value={p.query.to} error={p.errors?.to} />
          <div>
            <button type="submit">{t.apply}</button>
          </div>
        </form>
      </section>
      <div class="table-wrap">
        <table>
          <caption>{t.caption(p.total)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.at}</th>
              <th scope="col">{t.actor}</th>
              <th scope="col">{t.action}</th>
              <th scope="col">{t.target}</th>
              <th scope="col">{t.change}</th>
            </tr>
          </thead>
          <tbody>
            {p.events.length === 0 ? (
              <tr>
                <td colspan={5}>{t.none}</td>
              </tr>
            ) : (
              p.events.map((e) => (
                <tr>
                  <td>
                    <time datetime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
                  </td>
                  <td>{e.actorName ?? t.system}</td>
                  <td>{actionLabel(e.action)}</td>
                  <td>
                    {entityLabel(e.entityType)}
                    {e.entityId ? (
                      <span class="hint">：{p.entityNames.get(e.entityId) ?? e.entityId}</span>
                    ) : null}
                  </td>
                  <td>
                    <ul class="plain-list">
                      {changedFields(e.before, e.after, format).map((ch) => (
                        <li>
                          {fieldLabel(ch.key)}：{ch.before} → {ch.after}
                        </li>
                      ))}
                      {e.note ? (
                        <li>
                          {t.note}：{e.note}
                        </li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label={t.pages} class="pager">
        <p>{t.page(p.query.page, p.pages)}</p>
        <ul>
          {p.query.page > 1 ? (
            <li>
              <a href={pageHref(p.query, p.query.page - 1)} rel="prev">
                {t.prev}
              </a>
            </li>
          ) : null}
          {p.query.page < p.pages ? (
            <li>
              <a href={pageHref(p.query, p.query.page + 1)} rel="next">
                {t.next}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
};
