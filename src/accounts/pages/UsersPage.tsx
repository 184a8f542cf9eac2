import type { FC } from "hono/jsx";
import { m } from "../../web/messages/index.js";
import { type Change, type FieldErrors, ROLES, type Role } from "../account.js";
import type { UserRecord } from "../user.repository.js";
import {
  CheckboxGroup,
  ConflictTable,
  ErrorSummary,
  Field,
  formatDateTime,
  Notice,
  SelectField,
} from "./form-parts.js";

const t = m.accounts.users;

/** A department as the people pages offer it: its current name and depth in the 部 → 課 tree. */
export type DepartmentChoice = { id: string; label: string; depth: number };

export type UserFormValues = {
  email?: string;
  displayName?: string;
  role?: string;
  departmentIds?: string[];
};

const roleOptions = (withBlank: boolean) => [
  ...(withBlank ? [{ value: "", label: "選択してください" }] : []),
  ...ROLES.map((r) => ({ value: r, label: m.accounts.roles[r] })),
];

function departmentNames(ids: string[], names: Map<string, string>): string {
  return ids.map((id) => names.get(id) ?? id).join("、") || t.none;
}

function status(u: UserRecord): string {
  if (u.disabledAt) return t.disabled;
  return u.hasPassword ? t.active : t.pending;
}

export const UsersPage: FC<{
  users: UserRecord[];
  departments: DepartmentChoice[];
  departmentNames: Map<string, string>;
  values?: UserFormValues;
  errors?: FieldErrors;
  notice?: string | null;
}> = (p) => (
  <>
    <h1>{t.title}</h1>
    <Notice text={p.notice} />
    <div class="table-wrap">
      <table>
        <caption>{t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.email}</th>
            <th scope="col">{t.role}</th>
            <th scope="col">{t.departments}</th>
            <th scope="col">{t.status}</th>
          </tr>
        </thead>
        <tbody>
          {p.users.map((u) => (
            <tr>
              <th scope="row">
                <a href={`/admin/users/${u.id}`} aria-label={t.edit(u.displayName)}>
                  {u.displayName}
                </a>
              </th>
              <td>{u.email}</td>
              <td>{m.accounts.roles[u.role]}</td>
              <td>{departmentNames(u.departmentIds, p.departmentNames)}</td>
              <td>
                {status(u)}
                {u.disabledAt ? <span class="hint">（{formatDateTime(u.disabledAt)}）</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>

    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t.inviteHeading}</h2>
      <p>{t.inviteLead}</p>
      <ErrorSummary errors={p.errors} prefix="invite" />
      <form method="post" action="/admin/users" class="stack">
        <Field
          prefix="invite"
          name="email"
          label={t.email}
          type="email"
          value={p.values?.email}
          error={p.errors?.email}
          required
          autocomplete="off"
        />
        <Field
          prefix="invite"
          name="displayName"
          label={t.name}
          value={p.values?.displayName}
          error={p.errors?.displayName}
          required
          autocomplete="off"
        />
        <SelectField
          prefix="invite"
          name="role"
          label={t.role}
          options={roleOptions(true)}
          value={p.values?.role}
          error={p.errors?.role}
          required
        />
        <CheckboxGroup
          prefix="invite"
          name="departmentIds"
          legend={t.departments}
          hint={t.departmentsHint}
          options={p.departments.map((d) => ({ value: d.id, label: d.label, depth: d.depth }))}
          values={p.values?.departmentIds ?? []}
          error={p.errors?.departmentIds}
        />
        <div>
          <button type="submit">{t.invite}</button>
        </div>
      </form>
    </section>
  </>
);

export const InvitedPage: FC<{ name: string; link: string; expiresAt: Date }> = (p) => (
  <section class="narrow">
    <h1>{t.invitedTitle}</h1>
    <div class="alert alert--ok" role="status">
      <p>{t.invitedLead(p.name)}</p>
    </div>
    <p>
      <label for="invitation-link">{t.invitationLink}</label>
      <input id="invitation-link" type="text" readonly value={p.link} class="copyable" />
    </p>
    <p class="hint">{formatDateTime(p.expiresAt)}</p>
    <p>
      <a href="/admin/users">{t.backToList}</a>
    </p>
  </section>
);

export const UserEditPage: FC<{
  user: UserRecord;
  isSelf: boolean;
  departments: DepartmentChoice[];
  values?: UserFormValues;
  errors?: FieldErrors;
  conflict?: Change[];
  notice?: string | null;
}> = (p) => {
  const v = p.values ?? {};
  const u = p.user;
  return (
    <>
      <h1>{t.editTitle(u.displayName)}</h1>
      <p>
        <a href="/admin/users">{t.backToList}</a>
      </p>
      <Notice text={p.notice} />
      {p.conflict ? <ConflictTable changes={p.conflict} /> : null}
      <ErrorSummary errors={p.errors} prefix="user" />
      <dl class="facts">
        <dt>{t.email}</dt>
        <dd>{u.email}</dd>
        <dt>{t.status}</dt>
        <dd>{status(u)}</dd>
      </dl>
      <form method="post" action={`/admin/users/${u.id}`} class="stack">
        <input type="hidden" name="version" value={String(u.version)} />
        <Field
          prefix="user"
          name="displayName"
          label={t.name}
          value={v.displayName ?? u.displayName}
          error={p.errors?.displayName}
          required
          autocomplete="off"
        />
        <SelectField
          prefix="user"
          name="role"
          label={t.role}
          options={roleOptions(false)}
          value={v.role ?? u.role}
          error={p.errors?.role}
          required
        />
        <CheckboxGroup
          prefix="user"
          name="departmentIds"
          legend={t.departments}
          hint={t.departmentsHint}
          options={p.departments.map((d) => ({ value: d.id, label: d.label, depth: d.depth }))}
          values={v.departmentIds ?? u.departmentIds}
          error={p.errors?.departmentIds}
        />
        <div>
          <button type="submit">{t.save}</button>
        </div>
      </form>
      {u.disabledAt ? null : (
        <>
          <section aria-labelledby="reinvite-heading">
            <h2 id="reinvite-heading">{t.reinvite}</h2>
            <p>{t.reinviteHint}</p>
            <form method="post" action={`/admin/users/${u.id}/invitation`}>
              <button type="submit" class="button--secondary">
                {t.reinvite}
              </button>
            </form>
          </section>
          {p.isSelf ? null : (
            <section aria-labelledby="disable-heading">
              <h2 id="disable-heading">{t.disableHeading}</h2>
              <p>{t.disableLead}</p>
              <form method="post" action={`/admin/users/${u.id}/disable`}>
                <input type="hidden" name="version" value={String(u.version)} />
                <button type="submit" class="button--danger">
                  {t.disable}
                </button>
              </form>
            </section>
          )}
        </>
      )}
    </>
  );
};

export function roleLabel(role: string): string {
  return (ROLES as readonly string[]).includes(role) ? m.accounts.roles[role as Role] : role;
}
