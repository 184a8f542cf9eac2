/** Registries pages: validate → authorise → use case → render. The only file of the capability that touches Hono. */

import { type Context, Hono } from "hono";
import type { CurrentUser } from "../accounts/account.js";
import { listAudit } from "../accounts/audit.repository.js";
import { departmentChoices } from "../accounts/department-choices.js";
import { findHomeOrganisation } from "../accounts/organisation.repository.js";
import { InvitedPage } from "../accounts/pages/UsersPage.js";
import { can } from "../accounts/permissions.js";
import { listGroupUsers } from "../accounts/user.repository.js";
import { type Failure, forbidden } from "../plans/plan-use-case.js";
import { renderPublicPage } from "../portal/public-page.js";
import { authorize, requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderForbidden, renderNotFound } from "../web/error-pages.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { addReviewMeeting } from "./add-review-meeting.js";
import { anonymiseGroup } from "./anonymise-group.js";
import { createGroup } from "./create-group.js";
import { createProject } from "./create-project.js";
import { exportGroup } from "./export-group.js";
import { actsForGroup, DISCLOSURE_DOCUMENTS, type Group, LEGAL_FORMS, toPublicGroup } from "./group.js";
import { importRoutes } from "./import.routes.js";
import { inviteGroupUser } from "./invite-group-user.js";
import { matchingRoutes } from "./matching/matching.routes.js";
import { groupsCsv, groupsCsvShiftJis } from "./open-data.js";
import { GroupDetailPage, GroupFormPage, GroupListPage, groupLabels } from "./pages/GroupPages.js";
import {
  type Names,
  ProjectDetailPage,
  ProjectFormPage,
  ProjectListPage,
  projectLabels,
} from "./pages/ProjectPages.js";
import { PublicGroupsPage } from "./pages/PublicGroupsPage.js";
import { Conflict } from "./pages/parts.js";
import { planItemChoices, planItemNames } from "./plan-items.js";
import { projectHistory } from "./project.js";
import { proposalRoutes } from "./proposals/proposals.routes.js";
import {
  findGroup,
  findProject,
  type GroupFilter,
  groupsByIds,
  listGroups,
  listProjects,
  listReviewMeetings,
} from "./registries.repository.js";
import {
  type FormState,
  formState,
  groupFormToInput,
  groupToForm,
  projectFormToInput,
  projectToForm,
} from "./registries-forms.js";
import { isResponse, posted, registryForbidden, UUID, versionOf } from "./route-support.js";
import { updateGroup } from "./update-group.js";
import { updateProject } from "./update-project.js";

type C = Context<AppEnv>;
const db = (c: C) => c.get("deps").database.db;
const deps = (c: C) => ({ db: db(c) });
const version = versionOf;

/** The signed-in person of the organisation (any role may read the registry; registry.edit to change it). */
async function signedIn(c: C, edit: boolean): Promise<CurrentUser | Response> {
  const user = requireUser(c);
  if (isResponse(user)) return user;
  if (edit) {
    const denied = await authorize(c, "registry.edit", { orgId: user.orgId });
    if (denied) return denied;
  } else if (!can(user, "plan.view", { orgId: user.orgId })) return renderForbidden(c);
  return user;
}

async function ownGroup(c: C, user: CurrentUser): Promise<Group | Response> {
  const id = c.req.param("id") ?? "";
  const g = UUID.test(id) ? await findGroup(db(c), id) : null;
  if (!g) return renderNotFound(c);
  if (g.orgId !== user.orgId) return renderForbidden(c);
  return g;
}

function failure(
  c: C,
  f: Failure,
  back: string,
  labels: Record<string, string>,
  rerender: (e: Record<string, string>) => Promise<Response>,
) {
  if (f.reason === "forbidden")
    return f.errors._ && f.errors._ !== forbidden().errors._
      ? registryForbidden(c, f.errors._)
      : renderForbidden(c);
  if (f.reason === "not_found") return renderNotFound(c);
  if (f.reason === "conflict")
    return renderPage(c, {
      title: m.plans.errors.conflictTitle,
      status: 409,
      body: <Conflict changes={f.changes ?? []} back={back} message={f.errors._ ?? ""} labels={labels} />,
    });
  return rerender(f.errors);
}

function groupFilter(c: C): GroupFilter {
  const q = c.req.query();
  const field = Number(q.field);
  return {
    // PostgreSQL text cannot hold NUL: `?q=%00` gave a 500
    q: q.q?.replaceAll("\u0000", "").slice(0, 100) || undefined,
    legalForm: (LEGAL_FORMS as readonly string[]).includes(q.legalForm ?? "") ? q.legalForm : undefined,
    field: Number.isInteger(field) && field >= 1 && field <= 20 ? field : undefined,
    disclosure: (DISCLOSURE_DOCUMENTS as readonly string[]).includes(q.disclosure ?? "")
      ? q.disclosure
      : undefined,
    status: q.status === "left" || q.status === "all" ? q.status : "active",
  };
}

const groupForm = (c: C, group: Group | null, s: FormState, status: 200 | 422, forGroup = false) =>
  renderPage(c, {
    title: group ? m.registries.groups.editTitle(group.name) : m.registries.groups.newTitle,
    status,
    body: <GroupFormPage group={group} s={s} forGroup={forGroup} />,
  });

/**
 * A group's page: staff of the organisation (plan.view to read, registry.edit to change), or the group's own
 * person (own-group rule) — who gets a clear 403 for any other group.
 */
async function groupAccess(c: C, edit: boolean): Promise<{ user: CurrentUser; group: Group } | Response> {
  const user = requireUser(c);
  if (isResponse(user)) return user;
  const g = await ownGroup(c, user);
  if (isResponse(g)) return g;
  if (actsForGroup(user) && user.groupId !== g.id)
    return registryForbidden(c, m.registries.groupUsers.otherGroup);
  const target = { orgId: g.orgId, groupId: g.id };
  const ok = edit
    ? can(user, "registry.edit", target)
    : can(user, "plan.view", target) || can(user, "registry.view", target);
  return ok ? { user, group: g } : renderForbidden(c);
}

async function names(c: C, orgId: string, groupIds: string[], withPlanItems = false): Promise<Names> {
  const [{ names: departments }, groups, org, items] = await Promise.all([
    departmentChoices(db(c), orgId, new Date()),
    groupsByIds(db(c), orgId, [...new Set(groupIds)]),
    findHomeOrganisation(db(c), orgId),
    withPlanItems ? planItemChoices(db(c), orgId) : Promise.resolve([]),
  ]);
  return {
    departments,
    groups: new Map(groups.map((g) => [g.id, g.name])),
    planItems: planItemNames(items),
    yearStyle: org?.yearStyle ?? "wareki",
  };
}

async function projectForm(
  c: C,
  user: CurrentUser,
  projectId: string | null,
  s: FormState,
  status: 200 | 422,
) {
  const project = projectId ? await findProject(db(c), projectId) : null;
  const [{ choices }, groups, planItems] = await Promise.all([
    departmentChoices(db(c), user.orgId, new Date()),
    listGroups(db(c), user.orgId),
    planItemChoices(db(c), user.orgId),
  ]);
  return renderPage(c, {
    title: project ? m.registries.projects.editTitle(project.title) : m.registries.projects.newTitle,
    status,
    body: (
      <ProjectFormPage project={project} s={s} departments={choices} groups={groups} planItems={planItems} />
    ),
  });
}

async function projectPage(c: C, user: CurrentUser, projectId: string, review: FormState, status: 200 | 422) {
  const project = UUID.test(projectId) ? await findProject(db(c), projectId) : null;
  if (!project) return renderNotFound(c);
  if (project.orgId !== user.orgId) return renderForbidden(c);
  const history = projectHistory(await listProjects(db(c), user.orgId), project);
  const meetings = await listReviewMeetings(
    db(c),
    history.map((p) => p.id),
  );
  return renderPage(c, {
    title: project.title,
    status,
    body: (
      <ProjectDetailPage
        project={project}
        history={history}
        meetings={meetings}
        names={await names(c, user.orgId, project.partnerGroupIds, true)}
        canEdit={can(user, "registry.edit", { orgId: user.orgId })}
        review={review}
      />
    ),
  });
}

/** A group's page (its history, projects and, for who may invite, its people) with the invitation form. */
async function groupPage(c: C, user: CurrentUser, g: Group, invite: FormState, status: 200 | 422) {
  const mayInvite = can(user, "group.invite", { orgId: user.orgId });
  const [{ events }, projects, people] = await Promise.all([
    listAudit(db(c), { orgId: user.orgId, entityType: "group", entityId: g.id, page: 1, pageSize: 50 }),
    listProjects(db(c), user.orgId, { groupId: g.id }),
    mayInvite ? listGroupUsers(db(c), user.orgId, g.id) : Promise.resolve(null),
  ]);
  return renderPage(c, {
    title: g.name,
    status,
    body: (
      <GroupDetailPage
        group={g}
        history={events}
        projects={projects}
        canEdit={can(user, "registry.edit", { orgId: user.orgId, groupId: g.id })}
        staff={can(user, "registry.edit", { orgId: user.orgId })}
        showPersonal={can(user, "registry.view", { orgId: user.orgId, groupId: g.id })}
        people={people}
        invite={invite}
        yearStyle={await orgYearStyle(c, user.orgId)}
      />
    ),
  });
}

const orgYearStyle = async (c: C, orgId: string) =>
  (await findHomeOrganisation(db(c), orgId))?.yearStyle ?? "wareki";

const empty = (): FormState => ({ values: {}, multi: {}, errors: {} });

export const registriesRoutes = new Hono<AppEnv>()
  .route("/", proposalRoutes)
  .route("/", matchingRoutes)
  .route("/registries/groups/import", importRoutes)
  .get("/registries/groups", async (c) => {
    const user = await signedIn(c, false);
    if (isResponse(user)) return user;
    const filter = groupFilter(c);
    const groups = await listGroups(db(c), user.orgId, filter);
    return renderPage(c, {
      title: m.registries.groups.listTitle,
      body: (
        <GroupListPage
          groups={groups}
          filter={filter}
          canEdit={can(user, "registry.edit", { orgId: user.orgId })}
        />
      ),
    });
  })
  .get("/registries/groups/new", async (c) => {
    const user = await signedIn(c, true);
    if (isResponse(user)) return user;
    return groupForm(c, null, formState({ legalForm: "任意団体" }), 200);
  })
  .post("/registries/groups", async (c) => {
    const user = await signedIn(c, true);
    if (isResponse(user)) return user;
    const f = await posted(c);
    const r = await createGroup(deps(c), user, user.orgId, groupFormToInput(f));
    if (!r.ok)
      return failure(c, r, "/registries/groups", groupLabels, (e) =>
        groupForm(c, null, formState(f, e), 422),
      );
    return c.redirect(`/registries/groups/${r.group.id}`, 303);
  })
  .get("/registries/my", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    if (!user.groupId) return registryForbidden(c, m.registries.groupUsers.noGroup);
    return c.redirect(`/registries/groups/${user.groupId}`, 303);
  })
  .get("/registries/groups/:id", async (c) => {
    const access = await groupAccess(c, false);
    if (isResponse(access)) return access;
    const { user, group: g } = access;
    return groupPage(c, user, g, empty(), 200);
  })
  .post("/registries/groups/:id/users", async (c) => {
    const user = requireUser(c);
    if (isResponse(user)) return user;
    if (!can(user, "group.invite", { orgId: user.orgId })) return renderForbidden(c);
    const g = await ownGroup(c, user);
    if (isResponse(g)) return g;
    const s = formState(await posted(c));
    const r = await inviteGroupUser(deps(c), user, g.id, {
      email: s.values.email,
      displayName: s.values.displayName,
    });
    if (r.ok) {
      const origin = c.get("deps").config.publicOrigin ?? new URL(c.req.url).origin;
      return renderPage(c, {
        title: m.accounts.users.invitedTitle,
        status: 201,
        body: (
          <InvitedPage
            name={r.displayName}
            link={`${origin}/invitations/${r.token}`}
            expiresAt={r.expiresAt}
          />
        ),
      });
    }
    if (r.kind === "forbidden") return renderForbidden(c);
    if (r.kind === "not-found") return renderNotFound(c);
    return groupPage(c, user, g, { ...s, errors: r.errors }, 422);
  })
  .get("/registries/groups/:id/edit", async (c) => {
    const access = await groupAccess(c, true);
    if (isResponse(access)) return access;
    const { user, group: g } = access;
    return groupForm(c, g, formState(groupToForm(g)), 200, actsForGroup(user));
  })
  .post("/registries/groups/:id/edit", async (c) => {
    const access = await groupAccess(c, true);
    if (isResponse(access)) return access;
    const { user, group: g } = access;
    const f = await posted(c);
    const r = await updateGroup(deps(c), user, {
      groupId: g.id,
      version: version(formState(f).values.version),
      fields: groupFormToInput(f),
    });
    if (!r.ok)
      return failure(c, r, `/registries/groups/${g.id}/edit`, groupLabels, (e) =>
        groupForm(c, g, formState(f, e), 422, actsForGroup(user)),
      );
    return c.redirect(`/registries/groups/${g.id}`, 303);
  })
  .post("/registries/groups/:id/anonymise", async (c) => {
    const user = await signedIn(c, true);
    if (isResponse(user)) return user;
    const g = await ownGroup(c, user);
    if (isResponse(g)) return g;
    const s = formState(await posted(c));
    const r = await anonymiseGroup(deps(c), user, {
      groupId: g.id,
      version: version(s.values.version),
      leftOn: s.values.leftOn || null,
    });
    if (!r.ok)
      return failure(c, r, `/registries/groups/${g.id}`, groupLabels, (e) =>
        renderPage(c, {
          title: g.name,
          status: 422,
          body: <GroupFormPage group={g} s={formState(groupToForm(g), e)} />,
        }),
      );
    return c.redirect(`/registries/groups/${g.id}`, 303);
  })
  .get("/registries/groups/:id/export.json", async (c) => {
    const user = await signedIn(c, true);
    if (isResponse(user)) return user;
    const g = await ownGroup(c, user);
    if (isResponse(g)) return g;
    const r = await exportGroup(deps(c), user, g.id);
    if (!r.ok) return renderForbidden(c);
    c.header("content-disposition", `attachment; filename="${r.filename}"`);
    return c.json(r.data);
  })
  .get("/registries/projects", async (c) => {
    const user = await signedIn(c, false);
    if (isResponse(user)) return user;
    const y = Number(c.req.query("year"));
    const year = Number.isInteger(y) && y >= 1990 && y <= 2100 ? y : null;
    const projects = await listProjects(db(c), user.orgId, year ? { fiscalYear: year } : {});
    return renderPage(c, {
      title: m.registries.projects.listTitle,
      body: (
        <ProjectListPage
          projects={projects}
          names={
            await names(
              c,
              user.orgId,
              projects.flatMap((p) => p.partnerGroupIds),
            )
          }
          year={year}
          canEdit={can(user, "registry.edit", { orgId: user.orgId })}
        />
      ),
    });
  })
  .get("/registries/projects/new", async (c) => {
    const user = await signedIn(c, true);
    if (isResponse(user)) return user;
    const fy = new Date().getMonth() >= 3 ? new Date().getFullYear() : new Date().getFullYear() - 1;
    return projectForm(c, user, null, formState({ form: "委託", fiscalYear: String(fy) }), 200);
  })
  .post("/registries/projects", async (c) => {
    const user = await signedIn(c, true);
    if (isResponse(user)) return user;
    const f = await posted(c);
    const r = await createProject(deps(c), user, user.orgId, projectFormToInput(f));
    if (!r.ok)
      return failure(c, r, "/registries/projects", projectLabels, (e) =>
        projectForm(c, user, null, formState(f, e), 422),
      );
    return c.redirect(`/registries/projects/${r.project.id}`, 303);
  })
  .get("/registries/projects/:id", async (c) => {
    const user = await signedIn(c, false);
    if (isResponse(user)) return user;
    return projectPage(c, user, c.req.param("id"), empty(), 200);
  })
  .get("/registries/projects/:id/edit", async (c) => {
    const user = await signedIn(c, true);
    if (isResponse(user)) return user;
    const id = c.req.param("id");
    const p = UUID.test(id) ? await findProject(db(c), id) : null;
    if (!p) return renderNotFound(c);
    if (p.orgId !== user.orgId) return renderForbidden(c);
    return projectForm(c, user, p.id, formState(projectToForm(p)), 200);
  })
  .post("/registries/projects/:id/edit", async (c) => {
    const user = await signedIn(c, true);
    if (isResponse(user)) return user;
    const id = c.req.param("id");
    const p = UUID.test(id) ? await findProject(db(c), id) : null;
    if (!p) return renderNotFound(c);
    if (p.orgId !== user.orgId) return renderForbidden(c);
    const f = await posted(c);
    const r = await updateProject(deps(c), user, {
      projectId: p.id,
      version: version(formState(f).values.version),
      fields: projectFormToInput(f),
    });
    if (!r.ok)
      return failure(c, r, `/registries/projects/${p.id}/edit`, projectLabels, (e) =>
        projectForm(c, user, p.id, formState(f, e), 422),
      );
    return c.redirect(`/registries/projects/${p.id}`, 303);
  })
  .post("/registries/projects/:id/reviews", async (c) => {
    const user = await signedIn(c, true);
    if (isResponse(user)) return user;
    const id = c.req.param("id");
    const p = UUID.test(id) ? await findProject(db(c), id) : null;
    if (!p) return renderNotFound(c);
    if (p.orgId !== user.orgId) return renderForbidden(c);
    const s = formState(await posted(c));
    const r = await addReviewMeeting(deps(c), user, p.id, s.values);
    if (!r.ok)
      return failure(c, r, `/registries/projects/${p.id}`, projectLabels, (e) =>
        projectPage(c, user, p.id, { ...s, errors: e }, 422),
      );
    return c.redirect(`/registries/projects/${p.id}`, 303);
  })
  .get("/public/groups", async (c) => {
    const org = await findHomeOrganisation(db(c), c.get("user")?.orgId);
    if (!org) return renderNotFound(c);
    const filter = { ...groupFilter(c), status: "active" as const, publicOnly: true };
    const groups = (await listGroups(db(c), org.id, filter)).flatMap((g) => toPublicGroup(g) ?? []);
    return renderPublicPage(c, {
      title: m.registries.public.title,
      body: <PublicGroupsPage groups={groups} filter={filter} />,
    });
  })
  .get("/public/groups.csv", async (c) => {
    const org = await findHomeOrganisation(db(c), c.get("user")?.orgId);
    if (!org) return renderNotFound(c);
    const groups = await listGroups(db(c), org.id, { status: "active", publicOnly: true });
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="${org.code}_civic_groups.csv"`);
    return c.body(groupsCsv(org, groups));
  })
  .get("/public/groups.sjis.csv", async (c) => {
    const org = await findHomeOrganisation(db(c), c.get("user")?.orgId);
    if (!org) return renderNotFound(c);
    const groups = await listGroups(db(c), org.id, { status: "active", publicOnly: true });
    c.header("content-type", "text/csv; charset=Shift_JIS");
    c.header("content-disposition", `attachment; filename="${org.code}_civic_groups_sjis.csv"`);
    return c.body(new Uint8Array(groupsCsvShiftJis(org, groups)));
  });
