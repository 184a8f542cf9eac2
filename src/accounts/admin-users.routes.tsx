import { type Context, Hono } from "hono";
import { authorize, requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderForbidden, renderNotFound } from "../web/error-pages.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { type Change, type CurrentUser, diffFields, STATUS_OF } from "./account.js";
import { departmentChoices } from "./department-choices.js";
import { disableUser } from "./disable-user.js";
import { type Invited, inviteUser } from "./invite-user.js";
import { InvitedPage, roleLabel, UserEditPage, type UserFormValues, UsersPage } from "./pages/UsersPage.js";
import { reissueInvitation } from "./reissue-invitation.js";
import { updateUser } from "./update-user.js";
import { findUser, listUsers, type UserRecord } from "./user.repository.js";
import { asList } from "./user-input.js";

const t = m.accounts.users;

// biome-ignore lint/suspicious/noExplicitAny: any route path
type Ctx = Context<AppEnv, any>;

function formValues(form: Record<string, unknown>): UserFormValues {
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    email: s(form.email),
    displayName: s(form.displayName),
    role: s(form.role),
    departmentIds: asList(form.departmentIds),
  };
}

async function listPage(
  c: Ctx,
  actor: CurrentUser,
  extra: {
    values?: UserFormValues;
    errors?: Record<string, string>;
    notice?: string | null;
    status?: 200 | 401 | 403 | 404 | 409 | 422 | 429;
  },
) {
  const db = c.get("deps").database.db;
  const [users, depts] = await Promise.all([
    listUsers(db, actor.orgId),
    departmentChoices(db, actor.orgId, new Date()),
  ]);
  return renderPage(c, {
    title: t.title,
    status: extra.status,
    body: (
      <UsersPage
        users={users}
        departments={depts.choices}
        departmentNames={depts.names}
        values={extra.values}
        errors={extra.errors}
        notice={extra.notice}
      />
    ),
  });
}

function invitedPage(c: Ctx, invited: Invited) {
  const origin = c.get("deps").config.publicOrigin ?? new URL(c.req.url).origin;
  return renderPage(c, {
    title: t.invitedTitle,
    status: 201,
    body: (
      <InvitedPage
        name={invited.displayName}
        link={`${origin}/invitations/${invited.token}`}
        expiresAt={invited.expiresAt}
      />
    ),
  });
}

/** What changed between the stale form and the stored person, in the words of the form. */
function userChanges(yours: UserFormValues, theirs: UserRecord, names: Map<string, string>): Change[] {
  const depts = (ids: string[]) =>
    ids
      .map((id) => names.get(id) ?? id)
      .sort()
      .join("、") || t.none;
  return diffFields(
    {
      [t.name]: yours.displayName ?? "",
      [t.role]: roleLabel(yours.role ?? ""),
      [t.departments]: depts(yours.departmentIds ?? []),
    },
    {
      [t.name]: theirs.displayName,
      [t.role]: roleLabel(theirs.role),
      [t.departments]: depts(theirs.departmentIds),
      ...(theirs.disabledAt ? { [t.status]: t.disabled } : {}),
    },
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /admin/users: the organisation's people; invite, edit role and departments, disable. Administrators only. */
export const adminUserRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const denied = await authorize(c, "user.manage", { orgId: actor.orgId });
    if (denied) return denied;
    const savedId = c.req.query("saved") ?? c.req.query("disabled");
    // only a record id is looked up: anything else in the address (a typo, an attack) shows the plain list
    const saved = savedId && UUID.test(savedId) ? await findUser(c.get("deps").database.db, savedId) : null;
    const notice =
      saved && saved.orgId === actor.orgId
        ? c.req.query("disabled")
          ? t.disabledDone(saved.displayName)
          : t.saved
        : null;
    return listPage(c, actor, { notice });
  })
  .post("/", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const denied = await authorize(c, "user.manage", { orgId: actor.orgId });
    if (denied) return denied;
    const form = await c.req.parseBody({ all: true });
    const outcome = await inviteUser(
      { db: c.get("deps").database.db },
      {
        actor,
        email: form.email,
        displayName: form.displayName,
        role: form.role,
        departmentIds: form.departmentIds,
      },
    );
    if (outcome.ok) return invitedPage(c, outcome);
    if (outcome.kind === "forbidden") return renderForbidden(c);
    return listPage(c, actor, {
      values: formValues(form),
      errors: outcome.errors,
      status: STATUS_OF[outcome.kind],
    });
  })
  .get("/:id{[0-9a-f-]{36}}", async (c) => {
    const db = c.get("deps").database.db;
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const target = await findUser(db, c.req.param("id"));
    const denied = await authorize(c, "user.manage", { orgId: target?.orgId ?? actor.orgId });
    if (denied) return denied;
    if (!target) return renderNotFound(c);
    const depts = await departmentChoices(db, target.orgId, new Date());
    return renderPage(c, {
      title: t.editTitle(target.displayName),
      body: <UserEditPage user={target} isSelf={target.id === actor.id} departments={depts.choices} />,
    });
  })
  .post("/:id{[0-9a-f-]{36}}", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const denied = await authorize(c, "user.manage", { orgId: actor.orgId });
    if (denied) return denied;
    const db = c.get("deps").database.db;
    const form = await c.req.parseBody({ all: true });
    const outcome = await updateUser(
      { db },
      {
        actor,
        userId: c.req.param("id"),
        version: form.version,
        displayName: form.displayName,
        role: form.role,
        departmentIds: form.departmentIds,
      },
    );
    if (outcome.ok) return c.redirect(`/admin/users?saved=${outcome.user.id}`, 303);
    if (outcome.kind === "forbidden") return renderForbidden(c);
    if (outcome.kind === "not-found") return renderNotFound(c);
    const target = outcome.current ?? (await findUser(db, c.req.param("id")));
    if (!target) return renderNotFound(c);
    const depts = await departmentChoices(db, target.orgId, new Date());
    const values = formValues(form);
    const conflict = outcome.kind === "conflict" ? userChanges(values, target, depts.names) : undefined;
    return renderPage(c, {
      title: t.editTitle(target.displayName),
      status: STATUS_OF[outcome.kind],
      body: (
        <UserEditPage
          user={target}
          isSelf={target.id === actor.id}
          departments={depts.choices}
          // after a conflict the form shows what is stored now, with its version, so saving again is deliberate
          values={conflict ? undefined : values}
          errors={conflict ? undefined : outcome.errors}
          conflict={conflict}
        />
      ),
    });
  })
  .post("/:id{[0-9a-f-]{36}}/disable", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const denied = await authorize(c, "user.manage", { orgId: actor.orgId });
    if (denied) return denied;
    const db = c.get("deps").database.db;
    const form = await c.req.parseBody();
    const outcome = await disableUser({ db }, { actor, userId: c.req.param("id"), version: form.version });
    if (outcome.ok) return c.redirect(`/admin/users?disabled=${outcome.user.id}`, 303);
    if (outcome.kind === "forbidden") return renderForbidden(c);
    if (outcome.kind === "not-found") return renderNotFound(c);
    const target = outcome.current ?? (await findUser(db, c.req.param("id")));
    if (!target) return renderNotFound(c);
    const depts = await departmentChoices(db, target.orgId, new Date());
    return renderPage(c, {
      title: t.editTitle(target.displayName),
      status: STATUS_OF[outcome.kind],
      body: (
        <UserEditPage
          user={target}
          isSelf={target.id === actor.id}
          departments={depts.choices}
          errors={outcome.kind === "conflict" ? undefined : outcome.errors}
          conflict={
            outcome.kind === "conflict"
              ? userChanges({}, target, depts.names).filter((ch) => ch.field === t.status)
              : undefined
          }
        />
      ),
    });
  })
  .post("/:id{[0-9a-f-]{36}}/invitation", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const denied = await authorize(c, "user.manage", { orgId: actor.orgId });
    if (denied) return denied;
    const outcome = await reissueInvitation(
      { db: c.get("deps").database.db },
      { actor, userId: c.req.param("id") },
    );
    if (outcome.ok) return invitedPage(c, outcome);
    if (outcome.kind === "forbidden") return renderForbidden(c);
    if (outcome.kind === "not-found") return renderNotFound(c);
    return c.redirect(`/admin/users/${c.req.param("id")}`, 303);
  });
