/** Staff pages for civic groups: list with search and filters, form, detail with history. */
import type { FC } from "hono/jsx";
import { changedFields } from "../../accounts/audit.js";
import type { AuditEvent } from "../../accounts/audit.repository.js";
import type { UserRecord } from "../../accounts/user.repository.js";
import { fiscalYearLabel } from "../../plans/plan-years.js";
import { m } from "../../web/messages/index.js";
import {
  ACTIVITY_FIELDS,
  activityFieldLabel,
  DISCLOSURE_DOCUMENTS,
  type Group,
  LEGAL_FORMS,
  OPTIONAL_PUBLIC_FIELDS,
  PERSONAL_FIELDS,
} from "../group.js";
import type { Project } from "../project.js";
import type { GroupFilter } from "../registries.repository.js";
import type { FormState } from "../registries-forms.js";
import { Area, Checks, Choice, Errors, Facts, Text } from "./parts.js";

const t = m.registries.groups;
const f = m.registries.fields;
const h = m.registries.hints;

export const groupLabels: Record<string, string> = { ...f, publicFields: t.publicFields, version: "版" };
const fieldOptions = ACTIVITY_FIELDS.map((label, i) => ({
  value: String(i + 1),
  label: `${i + 1}. ${label}`,
}));
const all = { value: "", label: t.any };

export const GroupFilterForm: FC<{ action: string; filter: GroupFilter; withStatus: boolean }> = (p) => (
  <form method="get" action={p.action} class="filter-form" aria-label={t.filter}>
    <div class="field">
      <label for="q">{t.search}</label>
      <input type="search" id="q" name="q" value={p.filter.q ?? ""} />
    </div>
    <div class="field">
      <label for="legalForm">{f.legalForm}</label>
      <select id="legalForm" name="legalForm">
        {[all, ...LEGAL_FORMS.map((v) => ({ value: v, label: v }))].map((o) => (
          <option value={o.value} selected={o.value === (p.filter.legalForm ?? "")}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
    <div class="field">
      <label for="field">{f.fields}</label>
      <select id="field" name="field">
        {[all, ...fieldOptions].map((o) => (
          <option value={o.value} selected={o.value === String(p.filter.field ?? "")}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
    <div class="field">
      <label for="disclosure">{f.disclosures}</label>
      <select id="disclosure" name="disclosure">
        {[all, ...DISCLOSURE_DOCUMENTS.map((v) => ({ value: v, label: v }))].map((o) => (
          <option value={o.value} selected={o.value === (p.filter.disclosure ?? "")}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
    {p.withStatus ? (
      <div class="field">
        <label for="status">{t.status}</label>
        <select id="status" name="status">
          {(
            [
              ["active", t.statusActive],
              ["left", t.statusLeft],
              ["all", t.statusAll],
            ] as const
          ).map(([v, l]) => (
            <option value={v} selected={v === (p.filter.status ?? "active")}>
              {l}
            </option>
          ))}
        </select>
      </div>
    ) : null}
    <button type="submit" class="button">
      {t.filterButton}
    </button>
  </form>
);

export const GroupListPage: FC<{ groups: Group[]; filter: GroupFilter; canEdit: boolean }> = (p) => (
  <section class="stack">
    <h1>{t.listTitle}</h1>
    <p>{t.lead}</p>
    {p.canEdit ? (
      <p>
        <a class="button" href="/registries/groups/new">
          {t.add}
        </a>{" "}
        <a class="button button--secondary" href="/registries/groups/import">
          {t.import}
        </a>
      </p>
    ) : null}
    <ul class="inline-list">
      <li>
        <a href="/registries/projects">{m.registries.projects.listTitle}</a>
      </li>
      <li>
        <a href="/registries/proposals">{m.registries.proposals.nav}</a>
      </li>
      <li>
        <a href="/registries/matching">{m.registries.matching.nav}</a>
      </li>
    </ul>
    <GroupFilterForm action="/registries/groups" filter={p.filter} withStatus />
    <p aria-live="polite">{t.count(p.groups.length)}</p>
    {p.groups.length === 0 ? (
      <p>{t.none}</p>
    ) : (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{f.name}</th>
              <th scope="col">{f.legalForm}</th>
              <th scope="col">{f.fields}</th>
              <th scope="col">{f.registeredOn}</th>
              <th scope="col">{t.public}</th>
            </tr>
          </thead>
          <tbody>
            {p.groups.map((g) => (
              <tr>
                <td>
                  <a href={`/registries/groups/${g.id}`}>{g.name}</a>
                  <br />
                  <small>{g.nameKana}</small>
                </td>
                <td>{g.legalForm}</td>
                <td>{g.fields.map((n) => activityFieldLabel(n)).join("、")}</td>
                <td>
                  {g.registeredOn}
                  {g.leftOn ? `（${f.leftOn} ${g.leftOn}）` : ""}
                </td>
                <td>{g.isPublic ? t.public : t.private}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </section>
);

export const GroupFormPage: FC<{ group: Group | null; s: FormState; forGroup?: boolean }> = ({
  group,
  s,
  forGroup,
}) => (
  <section class="stack narrow">
    <h1>{group ? t.editTitle(group.name) : t.newTitle}</h1>
    <Errors errors={s.errors} labels={groupLabels} />
    <form
      method="post"
      action={group ? `/registries/groups/${group.id}/edit` : "/registries/groups"}
      novalidate
    >
      {group ? (
        <input type="hidden" name="version" value={s.values.version ?? String(group.version)} />
      ) : null}
      <Text name="name" label={f.name} s={s} required />
      <Text name="nameKana" label={f.nameKana} s={s} hint={h.nameKana} required />
      <Choice
        name="legalForm"
        label={f.legalForm}
        s={s}
        options={LEGAL_FORMS.map((v) => ({ value: v, label: v }))}
      />
      <Checks name="fields" label={f.fields} s={s} options={fieldOptions} />
      <Text name="area" label={f.area} s={s} />
      <Text name="postalCode" label={f.postalCode} s={s} hint={h.postalCode} />
      <Text name="address" label={f.address} s={s} />
      <Text name="representative" label={f.representative} s={s} />
      <Text name="phone" label={f.phone} s={s} type="tel" hint={h.phone} />
      <Text name="email" label={f.email} s={s} type="email" />
      <Text name="website" label={f.website} s={s} type="url" hint={h.website} />
      <Text
        name="corporateNumber"
        label={f.corporateNumber}
        s={s}
        inputmode="numeric"
        hint={h.corporateNumber}
      />
      {forGroup ? (
        <p class="hint">{m.registries.groupUsers.staffOnlyFields}</p>
      ) : (
        <>
          <Text name="registeredOn" label={f.registeredOn} s={s} hint={h.date} required />
          <Text name="leftOn" label={f.leftOn} s={s} hint={h.date} />
        </>
      )}
      <Checks
        name="disclosures"
        label={f.disclosures}
        s={s}
        options={DISCLOSURE_DOCUMENTS.map((v) => ({ value: v, label: v }))}
      />
      <h2>{t.publicSection}</h2>
      <p class="hint">{t.publicHint}</p>
      <Checks name="isPublic" label={f.isPublic} s={s} options={[{ value: "1", label: t.yes }]} />
      <Checks
        name="publicFields"
        label={t.publicFields}
        s={s}
        options={OPTIONAL_PUBLIC_FIELDS.map((k) => ({ value: k, label: f[k] }))}
      />
      {forGroup ? null : <Area name="note" label={f.note} s={s} />}
      <button type="submit" class="button">
        {t.save}
      </button>
    </form>
  </section>
);

/** Stored snapshot values in words: fields by their 別表 label, yes/no, public fields by their labels. */
const historyValue = (key: string, v: unknown): string | undefined => {
  if (typeof v === "boolean") return v ? t.yes : t.no;
  if (key === "fields" && v && typeof v === "object" && "label" in v)
    return String((v as { label: string }).label);
  if (key === "publicFields" && typeof v === "string") return (f as Record<string, string>)[v] ?? v;
  return undefined;
};

const dateTime = (d: Date) =>
  d.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });

/** Personal data (代表者・連絡先・所在地): shown only to registry staff and the group itself (registry.view). */
const PERSONAL = new Set<string>(PERSONAL_FIELDS);

export const GroupDetailPage: FC<{
  group: Group;
  history: AuditEvent[];
  projects: Project[];
  /** may change this entry (staff, or the group's own person) */
  canEdit: boolean;
  /** registry staff: export, anonymise */
  staff: boolean;
  showPersonal: boolean;
  /** the group's people, when the viewer may invite them */
  people: UserRecord[] | null;
  invite: FormState;
  yearStyle: string;
}> = ({ group: g, history, projects, canEdit, staff, showPersonal, people, invite, yearStyle }) => {
  const personal = (v: string | null) => (showPersonal ? v : v ? m.registries.personal.hidden : null);
  return (
    <section class="stack">
      <h1>{g.name}</h1>
      <p>{g.nameKana}</p>
      {g.anonymisedAt ? <p class="alert alert--ok">{t.anonymised}</p> : null}
      {canEdit && !g.anonymisedAt ? (
        <p>
          <a class="button" href={`/registries/groups/${g.id}/edit`}>
            {t.edit}
          </a>{" "}
          {staff ? <a href={`/registries/groups/${g.id}/export.json`}>{t.exportJson}</a> : null}
        </p>
      ) : null}
      <Facts
        rows={[
          [f.legalForm, g.legalForm],
          [f.fields, g.fields.map((n) => activityFieldLabel(n)).join("、")],
          [f.area, g.area],
          [f.postalCode, personal(g.postalCode)],
          [f.address, personal(g.address)],
          [f.representative, personal(g.representative)],
          [f.phone, personal(g.phone)],
          [f.email, personal(g.email)],
          [f.website, g.website],
          [f.corporateNumber, g.corporateNumber],
          [f.registeredOn, g.registeredOn],
          [f.leftOn, g.leftOn],
          [f.disclosures, g.disclosures.join("、")],
          [
            t.public,
            g.isPublic ? `${t.public}（${g.publicFields.map((k) => f[k]).join("、") || "—"}）` : t.private,
          ],
          [f.note, g.note],
        ]}
      />
      <h2>{t.projects}</h2>
      {projects.length === 0 ? (
        <p>{m.registries.projects.none}</p>
      ) : (
        <ul>
          {projects.map((p) => (
            <li>
              <a
                href={`/registries/projects/${p.id}`}
              >{`${fiscalYearLabel(p.fiscalYear, yearStyle)} ${p.title}`}</a>
            </li>
          ))}
        </ul>
      )}
      {people ? (
        <section class="stack" aria-labelledby="group-users-title">
          <h2 id="group-users-title">{m.registries.groupUsers.title}</h2>
          <p>{m.registries.groupUsers.lead}</p>
          {people.length === 0 ? (
            <p>{m.registries.groupUsers.none}</p>
          ) : (
            <ul>
              {people.map((u) => (
                <li>{`${u.displayName}（${u.email}）${u.disabledAt ? ` ${m.accounts.users.disabled}` : ""}`}</li>
              ))}
            </ul>
          )}
          {g.anonymisedAt || g.leftOn ? null : (
            <form method="post" action={`/registries/groups/${g.id}/users`} class="stack narrow">
              <Errors
                errors={invite.errors}
                labels={{
                  email: m.registries.groupUsers.email,
                  displayName: m.registries.groupUsers.displayName,
                }}
              />
              <Text name="displayName" label={m.registries.groupUsers.displayName} s={invite} required />
              <Text name="email" label={m.registries.groupUsers.email} s={invite} type="email" required />
              <button type="submit" class="button">
                {m.registries.groupUsers.invite}
              </button>
            </form>
          )}
        </section>
      ) : null}
      {staff && !g.anonymisedAt ? (
        <section class="stack" aria-labelledby="anonymise-title">
          <h2 id="anonymise-title">{t.anonymiseTitle}</h2>
          <p>{t.anonymiseLead}</p>
          <form method="post" action={`/registries/groups/${g.id}/anonymise`}>
            <input type="hidden" name="version" value={String(g.version)} />
            {g.leftOn ? null : (
              <div class="field">
                <label for="f-leftOn">{f.leftOn}</label>
                <input type="text" id="f-leftOn" name="leftOn" aria-describedby="h-leftOn" />
                <p class="hint" id="h-leftOn">
                  {h.date}
                </p>
              </div>
            )}
            <button type="submit" class="button button--danger">
              {t.anonymiseButton}
            </button>
          </form>
        </section>
      ) : null}
      <h2>{t.history}</h2>
      {history.length === 0 ? (
        <p>{t.noHistory}</p>
      ) : (
        <ol class="plain-list">
          {history.map((e) => (
            <li>
              <strong>{`${dateTime(e.at)} ${e.actorName ?? "システム"} ${t.actions[e.action] ?? e.action}`}</strong>
              <ul>
                {changedFields(e.before, e.after, historyValue)
                  .filter((c) => c.key in groupLabels && !(c.before === "—" && c.after === "—"))
                  .filter((c) => showPersonal || !PERSONAL.has(c.key))
                  .map((c) => (
                    <li>{`${groupLabels[c.key] ?? c.key}: ${c.before} → ${c.after}`}</li>
                  ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};
