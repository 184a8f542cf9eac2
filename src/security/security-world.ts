import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import type { Role } from "../accounts/account.js";
import { ROLES } from "../accounts/account.js";
import {
  makeDepartment,
  makeUser,
  ORIGIN,
  postForm,
  signedInCookie,
  testApp,
} from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { seedDemo } from "../demo/seed.js";
import { rowsOf } from "../ops/table-snapshot.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { openRound } from "../progress/open-round.js";
import { remindNow } from "../progress/send-reminders.js";
import { createGroup } from "../registries/create-group.js";
import { groupInput, makeGroupUser } from "../registries/registries.factories.js";
import { saveReportLayout } from "../reports/save-report-layout.js";
import type { AppEnv } from "../web/context.js";
import { createLogger } from "../web/log.js";

/**
 * The world the security tests walk: the full demo database (three organisations, plans, indicators, budgets,
 * rounds and entries, registries with proposal calls, proposals and matching issues, plans published on the
 * portal), an import job, a round's bulk entry (a progress import job), a plan's indicator values import job, a saved report layout, and in every organisation one person per role (department
 * staff belonging to the department responsible for the entry under test; the group's person acting for the
 * registry group under test, so the own-group rule lets them in). Every route parameter resolves to a real
 * record; `resolvePath` says which organisation that record belongs to.
 */
export type Actor = {
  label: string;
  role: Role | "anonymous";
  orgCode: string | null;
  userId: string | null;
};

export type SecurityWorld = {
  app: Hono<AppEnv>;
  database: Database;
  /** param name → record id, per route prefix (see `resolvePath`) */
  ids: Record<string, string>;
  /** organisation code → id */
  orgs: Record<string, string>;
  /** organisation code → role → user id */
  people: Record<string, Record<Role, string>>;
  /** a fresh session cookie for a person (a new session per request, so sign-out and the like cannot interfere) */
  cookie(userId: string): Promise<string>;
};

const YAMAGUCHI = "350001";
const MIE = "240001";
const CITY = "479993";

async function one<T>(database: Database, query: string): Promise<T> {
  const [row] = rowsOf<T>(await database.db.execute(sql.raw(query)));
  if (!row) throw new Error(`the demo world lacks a record: ${query}`);
  return row;
}

export async function buildSecurityWorld(database: Database): Promise<SecurityWorld> {
  await seedDemo(
    database.db,
    createLogger("error", () => {}),
  );
  const app = testApp(database);
  const orgRows = rowsOf<{ id: string; code: string }>(
    await database.db.execute(sql`select id, code from organisations`),
  );
  const orgs = Object.fromEntries(orgRows.map((r) => [r.code, r.id]));

  // 三重県's policy overview has nodes, indicators, budget lines and a progress round: the plan and progress routes
  // act on it. Its entries name departments by text only, so one entry gets a department its staff belong to.
  const plan = await one<{ id: string }>(
    database,
    `select p.id from plans p where p.org_id = '${orgs[MIE]}'`,
  );
  const node = await one<{ id: string }>(
    database,
    `select id from plan_nodes where plan_id = '${plan.id}' and kind = 'item' order by id limit 1`,
  );
  const indicator = await one<{ id: string }>(
    database,
    `select id from indicators where plan_id = '${plan.id}' limit 1`,
  );
  const line = await one<{ id: string }>(
    database,
    `select id from budget_lines where plan_id = '${plan.id}' limit 1`,
  );
  // the demo's round of the plan is imported and published: a reporting round is opened on it, as its
  // administrator would, so that its entries are open to the departments (and to their bulk entry)
  const opened = await openRound({ db: database.db }, SYSTEM_ACTOR, {
    planId: plan.id,
    fiscalYear: 2011,
    fieldsAsked: ["status", "result", "indicatorActuals"],
    entryMode: "per-department",
  });
  if (!opened.ok) throw new Error(`could not open a round: ${JSON.stringify(opened)}`);
  const round = opened.round;
  const entry = await one<{ id: string }>(
    database,
    `select id from progress_entries where round_id = '${round.id}' order by id limit 1`,
  );
  // 山口県 holds the registries: the group under test is the one the demo's calls, proposals and offers name
  const group = await one<{ id: string }>(
    database,
    `select id from registry_groups where org_id = '${orgs[YAMAGUCHI]}' and name like '%やまぐち子ども応援ネット%'`,
  );
  const people: Record<string, Record<Role, string>> = {};
  for (const code of [YAMAGUCHI, MIE, CITY]) {
    const orgId = orgs[code]!;
    // the group's person of every organisation acts for a group of it (made through the registry if it has none)
    let groupOfOrg = code === YAMAGUCHI ? group.id : null;
    if (!groupOfOrg) {
      const made = await createGroup({ db: database.db }, SYSTEM_ACTOR, orgId, groupInput());
      if (!made.ok) throw new Error(`could not make a registry group: ${JSON.stringify(made.errors)}`);
      groupOfOrg = made.group.id;
    }
    const dept = await makeDepartment(database.db, orgId, `セキュリティ試験課${code}`);
    if (code === MIE)
      await database.db.execute(
        sql`update progress_entries set department_id = ${dept} where id = ${entry.id}`,
      );
    const byRole = {} as Record<Role, string>;
    for (const role of ROLES) {
      const u =
        role === "group"
          ? await makeGroupUser(database.db, orgId, groupOfOrg)
          : await makeUser(database.db, orgId, role, {
              departmentIds: role === "department" ? [dept] : [],
            });
      byRole[role] = u.id;
    }
    people[code] = byRole;
  }
  // the plan owner's reminder to the departments with unfinished entries: a notice to the department person
  const reminded = await remindNow(
    { db: database.db, mailer: null, baseUrl: ORIGIN },
    SYSTEM_ACTOR,
    round.id,
    { version: round.version },
  );
  if (!reminded.ok) throw new Error(`could not remind the departments: ${JSON.stringify(reminded)}`);
  const notice = await one<{ id: string }>(
    database,
    `select id from notices where user_id = '${people[MIE]!.department}' limit 1`,
  );
  // 山口県 holds the registries and the accounts records the admin routes act on
  const target = await makeUser(database.db, orgs[YAMAGUCHI]!, "viewer", { displayName: "対象 利用者" });
  const department = await makeDepartment(database.db, orgs[YAMAGUCHI]!, "対象課");
  const project = await one<{ id: string }>(
    database,
    `select id from registry_projects where org_id = '${orgs[YAMAGUCHI]}' limit 1`,
  );

  // 協働事業提案制度: the open テーマ設定型 call, and the group's proposal to it (submitted: scored and decided on)
  const call = await one<{ id: string }>(
    database,
    `select id from registry_calls where org_id = '${orgs[YAMAGUCHI]}' and kind = 'theme' limit 1`,
  );
  const proposal = await one<{ id: string }>(
    database,
    `select id from registry_proposals where call_id = '${call.id}' and group_id = '${group.id}' limit 1`,
  );
  const issue = await one<{ id: string }>(
    database,
    `select id from registry_matching_issues where org_id = '${orgs[YAMAGUCHI]}' and status = 'open' limit 1`,
  );
  // the plan is published on the portal by the demo; its items are public pages
  await one(
    database,
    `select plan_id from plan_publications where plan_id = '${plan.id}' and published_at is not null`,
  );
  // a report layout of the plan, saved as its administrator would
  const layout = await saveReportLayout({ db: database.db }, SYSTEM_ACTOR, plan.id, {
    layoutId: null,
    version: 0,
    layout: { kind: "custom", name: "評価シート", columns: ["label", "title", "plan", "do", "check", "act"] },
  });
  if (!layout.ok) throw new Error(`could not save a report layout: ${JSON.stringify(layout)}`);

  const cookie = (userId: string) => signedInCookie(database.db, userId);
  // an import job of 三重県, made as its administrator would
  const res = await app.request(
    "/imports",
    postForm({ paste: "No\t内容\n1\t試験" }, { cookie: await cookie(people[MIE]!.admin) }),
  );
  const jobPath = res.headers.get("location") ?? "";
  const job = /^\/imports\/([0-9a-f-]{36})$/.exec(jobPath)?.[1];
  if (!job) throw new Error(`could not start an import job: ${res.status} ${await res.text()}`);

  // a round's bulk entry by the department staff answering for the entry: its own template pasted back
  const deptCookie = { cookie: await cookie(people[MIE]!.department) };
  const template = await app.request(`/imports/rounds/${round.id}/template.csv`, { headers: deptCookie });
  const upload = new FormData();
  upload.set("file", new File([await template.arrayBuffer()], "progress.csv", { type: "text/csv" }));
  const pasted = await app.request(`/imports/rounds/${round.id}`, {
    method: "POST",
    headers: { ...deptCookie, origin: ORIGIN },
    body: upload,
  });
  const progressJob = /\/jobs\/([0-9a-f-]{36})$/.exec(pasted.headers.get("location") ?? "")?.[1];
  if (!progressJob)
    throw new Error(
      `could not start a round's bulk entry: ${pasted.status} ${(await pasted.text()).replace(/[\s\S]*<main/, "").slice(0, 1500)}`,
    );

  // the plan's indicator values from a bulk entry by its administrator: its own template uploaded back
  const adminCookie = { cookie: await cookie(people[MIE]!.admin) };
  const valuesTemplate = await app.request(`/imports/plans/${plan.id}/indicators/template.csv`, {
    headers: adminCookie,
  });
  const valuesUpload = new FormData();
  valuesUpload.set(
    "file",
    new File([await valuesTemplate.arrayBuffer()], "indicators.csv", { type: "text/csv" }),
  );
  const valuesPosted = await app.request(`/imports/plans/${plan.id}/indicators`, {
    method: "POST",
    headers: { ...adminCookie, origin: ORIGIN },
    body: valuesUpload,
  });
  const valuesJob = /\/jobs\/([0-9a-f-]{36})$/.exec(valuesPosted.headers.get("location") ?? "")?.[1];
  if (!valuesJob)
    throw new Error(
      `could not start a plan's values import: ${valuesPosted.status} ${(await valuesPosted.text()).replace(/[\s\S]*<main/, "").slice(0, 1500)}`,
    );

  return {
    app,
    database,
    orgs,
    people,
    cookie,
    ids: {
      planId: plan.id,
      nodeId: node.id,
      indicatorId: indicator.id,
      lineId: line.id,
      roundId: round.id,
      entryId: entry.id,
      importId: job,
      progressImportId: progressJob,
      noticeId: notice.id,
      valuesImportId: valuesJob,
      target: "indicators",
      userId: target.id,
      departmentId: department,
      groupId: group.id,
      projectId: project.id,
      callId: call.id,
      proposalId: proposal.id,
      issueId: issue.id,
      layoutId: layout.row.id,
      // the print HTML of the layout (its downloads are the same model: .xlsx, .csv, .sjis.csv, .pdf)
      file: layout.row.id,
      nodeRef: node.id,
    },
  };
}

/**
 * A route pattern with real ids in place of its parameters, and the organisation owning those records
 * (null for routes without a record: lists and forms act on the signed-in person's own organisation).
 */
export function resolvePath(
  world: SecurityWorld,
  pattern: string,
): { path: string; ownerCode: string | null } {
  const { ids } = world;
  // `:id` names a different record under each prefix
  // (a notice is a person's, not an organisation's: marking it read is bound to the signed-in person)
  const idFor: [RegExp, string, string | null][] = [
    [/^\/notices\//, ids.noticeId!, null],
    [/^\/admin\/users\//, ids.userId!, YAMAGUCHI],
    [/^\/admin\/departments\//, ids.departmentId!, YAMAGUCHI],
    [/^\/plans\//, ids.planId!, MIE],
    [/^\/imports\/rounds\//, ids.progressImportId!, MIE],
    [/^\/imports\/plans\//, ids.valuesImportId!, MIE],
    [/^\/imports\//, ids.importId!, MIE],
    [/^\/registries\/groups\//, ids.groupId!, YAMAGUCHI],
    [/^\/registries\/projects\//, ids.projectId!, YAMAGUCHI],
    [/^\/registries\/matching\//, ids.issueId!, YAMAGUCHI],
    [/^\/progress\/rounds\//, ids.roundId!, MIE],
    [/^\/progress\/entries\//, ids.entryId!, MIE],
  ];
  // the organisation owning the record another parameter names (the portal's public paths have no owner)
  const ownerOfParam: Record<string, string> = {
    planId: MIE,
    roundId: MIE,
    callId: YAMAGUCHI,
    proposalId: YAMAGUCHI,
  };
  let owner: string | null = null;
  const path = pattern
    .replace(/:(\w+)(\{[^}]*\}\}?)?/g, (_m, name: string) => {
      if (name === "id") {
        const hit = idFor.find(([re]) => re.test(pattern));
        if (!hit) return "00000000-0000-4000-8000-000000000000";
        owner = hit[2];
        return hit[1];
      }
      if (name === "name") return "app.css";
      if (name === "token") return "no-such-invitation-token";
      const id = ids[name];
      if (!id)
        throw new Error(`the security world has no record for the route parameter :${name} in ${pattern}`);
      if (!pattern.startsWith("/public/")) owner ??= ownerOfParam[name] ?? null;
      return id;
    })
    .replace(/\{[^}]*\}/g, "");
  return { path, ownerCode: owner };
}

/** The actors: anonymous, then every role in the record's organisation and in another one. */
export function actorsFor(
  world: SecurityWorld,
  ownerCode: string | null,
): { own: Actor[]; other: Actor[]; anonymous: Actor } {
  const ownCode = ownerCode ?? YAMAGUCHI;
  const otherCode = ownCode === YAMAGUCHI ? MIE : YAMAGUCHI;
  const mk = (code: string, role: Role): Actor => ({
    label: `${role}@${code}`,
    role,
    orgCode: code,
    userId: world.people[code]![role],
  });
  return {
    own: ROLES.map((r) => mk(ownCode, r)),
    other: ROLES.map((r) => mk(otherCode, r)),
    anonymous: { label: "anonymous", role: "anonymous", orgCode: null, userId: null },
  };
}

export { ORIGIN };
