import { type Context, Hono } from "hono";
import { todayInJapan } from "../japanese/index.js";
import { authorize, requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderForbidden, renderNotFound } from "../web/error-pages.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { type Change, type CurrentUser, diffFields, type FieldErrors, STATUS_OF } from "./account.js";
import { addDepartment } from "./add-department.js";
import {
  type Department,
  departmentTree,
  descendantIds,
  flattenTree,
  isActiveOn,
  nameAt,
} from "./department.js";
import { listDepartments } from "./department.repository.js";
import { mergeDepartment } from "./merge-department.js";
import { DepartmentEditPage, DepartmentsPage, stateLabel } from "./pages/DepartmentsPage.js";
import { renameDepartment } from "./rename-department.js";

const t = m.accounts.departments;
// biome-ignore lint/suspicious/noExplicitAny: any route path
type Ctx = Context<AppEnv, any>;
type Status = 200 | 401 | 403 | 404 | 409 | 422 | 429;

function s(v: unknown): string {
  return typeof v === "string" ? v : "";
}

async function loadOrg(c: Ctx, orgId: string) {
  const today = todayInJapan(new Date());
  const all = await listDepartments(c.get("deps").database.db, orgId);
  const names = new Map(all.map((d) => [d.id, nameAt(d.names, today) ?? d.name]));
  return { all, names, today };
}

async function listPage(
  c: Ctx,
  actor: CurrentUser,
  extra: { values?: Record<string, string>; errors?: FieldErrors; notice?: string | null; status?: Status },
) {
  const { all, names, today } = await loadOrg(c, actor.orgId);
  const rows = flattenTree(departmentTree(all)).map(({ department, depth }) => ({
    department,
    depth,
    currentName: names.get(department.id)!,
  }));
  const parents = flattenTree(departmentTree(all.filter((d) => isActiveOn(d, today)))).map(
    ({ department, depth }) => ({
      value: department.id,
      label: `${"　".repeat(depth)}${names.get(department.id)}`,
    }),
  );
  return renderPage(c, {
    title: t.title,
    status: extra.status,
    body: (
      <DepartmentsPage
        rows={rows}
        parents={parents}
        names={names}
        values={extra.values ?? { validFrom: today }}
        errors={extra.errors}
        notice={extra.notice}
      />
    ),
  });
}

async function editPage(
  c: Ctx,
  dept: Department,
  extra: {
    rename?: { values?: Record<string, string>; errors?: FieldErrors };
    merge?: { values?: Record<string, string>; errors?: FieldErrors };
    conflict?: Change[];
    status?: Status;
  },
) {
  const { all, names, today } = await loadOrg(c, dept.orgId);
  const excluded = descendantIds(all, dept.id);
  const targets = flattenTree(departmentTree(all.filter((d) => isActiveOn(d, today))))
    .filter(({ department }) => !excluded.has(department.id))
    .map(({ department, depth }) => ({
      value: department.id,
      label: `${"　".repeat(depth)}${names.get(department.id)}`,
    }));
  const currentName = names.get(dept.id) ?? dept.name;
  return renderPage(c, {
    title: t.editTitle(currentName),
    status: extra.status,
    body: (
      <DepartmentEditPage
        department={dept}
        currentName={currentName}
        names={names}
        targets={targets}
        rename={extra.rename}
        merge={extra.merge}
        conflict={extra.conflict}
        defaultDate={today}
      />
    ),
  });
}

/** What a stale rename or merge would have done beside what is stored now (name and state). */
function departmentChanges(
  yours: { name?: string; state?: string },
  now: Department,
  names: Map<string, string>,
): Change[] {
  const theirs = { [t.name]: names.get(now.id) ?? now.name, [t.state]: stateLabel(now, names) };
  return diffFields({ [t.name]: yours.name ?? theirs[t.name]!, [t.state]: yours.state ?? t.current }, theirs);
}

/** The notice after a redirect: `?done=added|renamed|merged&id=…`, naming the department by today's name. */
async function doneNotice(c: Ctx, actor: CurrentUser): Promise<string | null> {
  const done = c.req.query("done");
  const id = c.req.query("id");
  if (!done || !id) return null;
  const { all, names } = await loadOrg(c, actor.orgId);
  const d = all.find((x) => x.id === id);
  if (!d) return null;
  if (done === "added") return t.added(names.get(d.id)!);
  if (done === "renamed") return t.renamed(d.name);
  if (done === "merged" && d.mergedIntoId) return t.merged(names.get(d.id)!, names.get(d.mergedIntoId) ?? "");
  return null;
}

/** /admin/departments: the 部 → 課 list; add, rename from a date, merge into another. Administrators only. */
export const adminDepartmentRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const denied = await authorize(c, "department.manage", { orgId: actor.orgId });
    if (denied) return denied;
    return listPage(c, actor, { notice: await doneNotice(c, actor) });
  })
  .post("/", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const denied = await authorize(c, "department.manage", { orgId: actor.orgId });
    if (denied) return denied;
    const form = await c.req.parseBody();
    const outcome = await addDepartment(
      { db: c.get("deps").database.db },
      { actor, name: form.name, parentId: form.parentId, validFrom: form.validFrom },
    );
    if (outcome.ok) return c.redirect(`/admin/departments?done=added&id=${outcome.departmentId}`, 303);
    if (outcome.kind === "forbidden") return renderForbidden(c);
    const values = { name: s(form.name), parentId: s(form.parentId), validFrom: s(form.validFrom) };
    return listPage(c, actor, { values, errors: outcome.errors, status: STATUS_OF[outcome.kind] });
  })
  .get("/:id{[0-9a-f-]{36}}", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const { all } = await loadOrg(c, actor.orgId);
    const dept = all.find((d) => d.id === c.req.param("id"));
    const denied = await authorize(c, "department.manage", { orgId: actor.orgId });
    if (denied) return denied;
    // another organisation's department is not listed in this one: same answer as for a missing one
    if (!dept) return renderNotFound(c);
    return editPage(c, dept, {});
  })
  .post("/:id{[0-9a-f-]{36}}/rename", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const denied = await authorize(c, "department.manage", { orgId: actor.orgId });
    if (denied) return denied;
    const form = await c.req.parseBody();
    const id = c.req.param("id");
    const outcome = await renameDepartment(
      { db: c.get("deps").database.db },
      { actor, departmentId: id, version: form.version, name: form.name, effectiveFrom: form.effectiveFrom },
    );
    if (outcome.ok) return c.redirect(`/admin/departments?done=renamed&id=${id}`, 303);
    if (outcome.kind === "forbidden") return renderForbidden(c);
    if (outcome.kind === "not-found") return renderNotFound(c);
    const { all, names } = await loadOrg(c, actor.orgId);
    const dept = outcome.current ?? all.find((d) => d.id === id);
    if (!dept) return renderNotFound(c);
    const values = { name: s(form.name), effectiveFrom: s(form.effectiveFrom) };
    if (outcome.kind === "conflict") {
      return editPage(c, dept, {
        status: 409,
        rename: { values },
        conflict: departmentChanges({ name: values.name }, dept, names),
      });
    }
    return editPage(c, dept, { status: STATUS_OF[outcome.kind], rename: { values, errors: outcome.errors } });
  })
  .post("/:id{[0-9a-f-]{36}}/merge", async (c) => {
    const actor = requireUser(c);
    if (actor instanceof Response) return actor;
    const denied = await authorize(c, "department.manage", { orgId: actor.orgId });
    if (denied) return denied;
    const form = await c.req.parseBody();
    const id = c.req.param("id");
    const outcome = await mergeDepartment(
      { db: c.get("deps").database.db },
      {
        actor,
        departmentId: id,
        version: form.version,
        intoId: form.intoId,
        effectiveFrom: form.effectiveFrom,
      },
    );
    if (outcome.ok) return c.redirect(`/admin/departments?done=merged&id=${id}`, 303);
    if (outcome.kind === "forbidden") return renderForbidden(c);
    if (outcome.kind === "not-found") return renderNotFound(c);
    const { all, names } = await loadOrg(c, actor.orgId);
    const dept = outcome.current ?? all.find((d) => d.id === id);
    if (!dept) return renderNotFound(c);
    const values = { intoId: s(form.intoId), effectiveFrom: s(form.effectiveFrom) };
    if (outcome.kind === "conflict") {
      return editPage(c, dept, {
        status: 409,
        merge: { values },
        conflict: departmentChanges({ state: t.mergedInto(names.get(values.intoId) ?? "") }, dept, names),
      });
    }
    return editPage(c, dept, { status: STATUS_OF[outcome.kind], merge: { values, errors: outcome.errors } });
  });
