import type { Role } from "../accounts/account.js";

/**
 * Who may use each route: the declared side of the role × route × organisation matrix
 * (route-matrix.routes.test.ts walks every route Hono knows and compares). It restates permissions.ts per
 * route, so a route that forgets to call `authorize` is caught.
 *
 * - "public": anyone, signed in or not (the portal, sign-in, static files).
 * - "signed-in": every signed-in person, whatever the role.
 * - a list of roles: only those roles; everyone else is refused (401/403/404 or the sign-in page).
 * A route with a record in its path (`:id`, `:planId`, `:roundId`, `:callId`…) belongs to that record's organisation:
 * people of every other organisation are refused whatever their role. A route without one acts on the person's
 * own organisation. The `group` role (a civic group's person) is checked acting for the registry group of the
 * records under test (the own-group rule lets them in); another group's records are refused to them, which the
 * registries' own route tests check (group-users.routes.test.ts).
 *
 * A route missing here fails the matrix test: declare it (default deny is the only safe guess).
 */
export type Access = "public" | "signed-in" | readonly Role[];

/** A form body that gets past input checks to the permission check (routes that read the body first). */
export type Probe = { access: Access; body?: Record<string, string> };

const ADMIN = ["admin"] as const;
const REGISTRY = ["admin", "registry"] as const;
const ENTRY_VIEW = ["admin", "department", "committee", "viewer"] as const;
/** plan.view: every staff role of the organisation; a civic group's person is not staff */
const STAFF = ["admin", "department", "committee", "registry", "viewer"] as const;
/** call.manage, group.invite: registry staff and administrators */
const CALLS = REGISTRY;

export const ROUTE_ACCESS: Record<string, Probe> = {
  // shell, sign-in, invitations, portal
  "GET /static/:name": { access: "public" },
  "GET /healthz": { access: "public" },
  "GET /": { access: "public" },
  "GET /signin": { access: "public" },
  "POST /signin": { access: "public" },
  "POST /signout": { access: "public" },
  "GET /invitations/:token": { access: "public" },
  "POST /invitations/:token": { access: "public" },
  "GET /public/groups": { access: "public" },
  "GET /public/groups.csv": { access: "public" },
  "GET /public/groups.sjis.csv": { access: "public" },
  "GET /public/proposals": { access: "public" },
  "GET /public/matching": { access: "public" },
  "GET /public": { access: "public" },
  "GET /public/plans/:planId": { access: "public" },
  "GET /public/plans/:planId/reports/:file": { access: "public" },
  "GET /public/plans/:planId/items/:nodeRef": { access: "public" },
  "GET /public/plans/:planId/items/:nodeId/feed.atom": { access: "public" },
  "GET /public/plans/:planId/feed.atom": { access: "public" },
  "GET /public/plans/:planId/data.csv": { access: "public" },
  "GET /public/plans/:planId/indicators.csv": { access: "public" },
  "GET /public/plans/:planId/data.json": { access: "public" },
  "GET /public/plans/:planId/data-definitions": { access: "public" },
  "GET /public/open-data": { access: "public" },
  "GET /public/catalog.json": { access: "public" },
  "GET /public/search": { access: "public" },
  "GET /public/accessibility": { access: "public" },
  "GET /account/password": { access: "signed-in" },
  "POST /account/password": { access: "signed-in" },
  // administration (org.manage, user.manage, department.manage, audit.view)
  "GET /admin/users": { access: ADMIN },
  "POST /admin/users": { access: ADMIN },
  "GET /admin/users/:id": { access: ADMIN },
  "POST /admin/users/:id": { access: ADMIN },
  "POST /admin/users/:id/disable": { access: ADMIN },
  "POST /admin/users/:id/invitation": { access: ADMIN },
  "GET /admin/departments": { access: ADMIN },
  "POST /admin/departments": { access: ADMIN },
  "GET /admin/departments/:id": { access: ADMIN },
  "POST /admin/departments/:id/rename": { access: ADMIN },
  "POST /admin/departments/:id/merge": { access: ADMIN },
  "GET /admin/audit": { access: ADMIN },
  // plans (plan.view for everyone signed in; editing is the administrator's)
  "GET /plans": { access: STAFF },
  "GET /plans/new": { access: ADMIN },
  "POST /plans": { access: ADMIN },
  "GET /plans/:id": { access: STAFF },
  "GET /plans/:id/edit": { access: ADMIN },
  "POST /plans/:id/edit": { access: ADMIN },
  "GET /plans/:id/next-term": { access: ADMIN },
  "POST /plans/:id/next-term": { access: ADMIN },
  "GET /plans/:id/nodes/new": { access: ADMIN },
  "POST /plans/:id/nodes": { access: ADMIN },
  "GET /plans/:id/nodes/:nodeId/edit": { access: ADMIN },
  "POST /plans/:id/nodes/:nodeId/edit": { access: ADMIN },
  "GET /plans/:id/nodes/:nodeId/move": { access: ADMIN },
  "POST /plans/:id/nodes/:nodeId/move": { access: ADMIN },
  "POST /plans/:id/nodes/:nodeId/reorder": { access: ADMIN },
  "GET /plans/:id/nodes/:nodeId/delete": { access: ADMIN },
  "POST /plans/:id/nodes/:nodeId/delete": { access: ADMIN },
  "GET /plans/:id/nodes/:nodeId/cross-reference": { access: ADMIN },
  "POST /plans/:id/nodes/:nodeId/cross-reference": { access: ADMIN },
  // indicators and budgets (indicator.edit)
  "GET /plans/:id/indicators": { access: STAFF },
  "GET /plans/:id/indicators/new": { access: ADMIN },
  "POST /plans/:id/indicators": { access: ADMIN },
  "GET /plans/:id/indicators/:indicatorId/edit": { access: ADMIN },
  "POST /plans/:id/indicators/:indicatorId/edit": { access: ADMIN },
  "GET /plans/:id/budgets/new": { access: ADMIN },
  "POST /plans/:id/budgets": { access: ADMIN },
  "GET /plans/:id/budgets/:lineId/edit": { access: ADMIN },
  "POST /plans/:id/budgets/:lineId/edit": { access: ADMIN },
  "POST /plans/:id/indicators/:indicatorId/freeze": {
    access: ADMIN,
    body: { fiscalYear: "2024", version: "999999" },
  },
  "POST /plans/:id/indicators/:indicatorId/delete": { access: ADMIN, body: { version: "999999" } },
  "POST /plans/:id/budgets/:lineId/delete": { access: ADMIN, body: { version: "999999" } },
  // actuals of a round (plan.view to read; actual.enter for the items of the person's departments)
  "GET /progress/rounds/:roundId/actuals": { access: STAFF },
  "POST /progress/rounds/:roundId/actuals/:indicatorId": { access: ADMIN, body: { version: "999999" } },
  // reports (plan.view to read and download; plan.edit for the layout designer)
  "GET /plans/:id/reports": { access: STAFF },
  "GET /plans/:id/reports/new": { access: ADMIN },
  "POST /plans/:id/reports/new": { access: ADMIN },
  "GET /plans/:id/reports/:layoutId/edit": { access: ADMIN },
  "POST /plans/:id/reports/:layoutId/edit": { access: ADMIN, body: { version: "999999" } },
  "GET /plans/:id/reports/:layoutId/delete": { access: ADMIN },
  "POST /plans/:id/reports/:layoutId/delete": { access: ADMIN, body: { version: "999999" } },
  "GET /plans/:id/reports/:file": { access: STAFF },
  // the publication switch (plan.view to see it, plan.publish to turn it)
  "GET /plans/:planId/publication": { access: STAFF },
  "POST /plans/:planId/publication": { access: ADMIN, body: { action: "publish", version: "999999" } },
  // imports (import.run)
  "GET /imports": { access: ADMIN },
  "POST /imports": { access: ADMIN },
  "GET /imports/templates/plan.xlsx": { access: ADMIN },
  "GET /imports/templates/plan.csv": { access: ADMIN },
  "GET /imports/:id": { access: ADMIN },
  "POST /imports/:id/mapping": { access: ADMIN },
  "POST /imports/:id/commit": { access: ADMIN },
  "POST /imports/:id/mappings": { access: ADMIN },
  // a plan's indicator targets/actuals and budget amounts per year (import.run; :target is indicators or budgets)
  "GET /imports/plans/:planId/:target": { access: ADMIN },
  "POST /imports/plans/:planId/:target": { access: ADMIN },
  "GET /imports/plans/:planId/:target/template.xlsx": { access: ADMIN },
  "GET /imports/plans/:planId/:target/template.csv": { access: ADMIN },
  "GET /imports/plans/:planId/:target/jobs/:id": { access: ADMIN },
  "POST /imports/plans/:planId/:target/jobs/:id/commit": { access: ADMIN },
  "POST /imports/plans/:planId/:target/jobs/:id/mapping": { access: ADMIN },
  "POST /imports/plans/:planId/:target/jobs/:id/mappings": { access: ADMIN },
  // a round's bulk entry: the people who may fill an entry of the round (entry.edit), each job its maker's
  // (and the administrator's, import.run); the world's job is the department person's
  "GET /imports/rounds/:roundId": { access: ["admin", "department"] },
  "POST /imports/rounds/:roundId": { access: ["admin", "department"] },
  "GET /imports/rounds/:roundId/template.xlsx": { access: ["admin", "department"] },
  "GET /imports/rounds/:roundId/template.csv": { access: ["admin", "department"] },
  "GET /imports/rounds/:roundId/jobs/:id": { access: ["admin", "department"] },
  "POST /imports/rounds/:roundId/jobs/:id/commit": { access: ["admin", "department"] },
  "POST /imports/rounds/:roundId/jobs/:id/mapping": { access: ["admin", "department"] },
  "POST /imports/rounds/:roundId/jobs/:id/mappings": { access: ["admin", "department"] },
  // registries (staff read, a group's person reads and edits its own group; registry.edit writes)
  "GET /registries/groups/import": { access: REGISTRY },
  "POST /registries/groups/import": { access: REGISTRY },
  "POST /registries/groups/import/commit": { access: REGISTRY },
  "GET /registries/groups": { access: STAFF },
  "GET /registries/groups/new": { access: REGISTRY },
  "POST /registries/groups": { access: REGISTRY },
  "GET /registries/groups/:id": { access: "signed-in" },
  "GET /registries/groups/:id/edit": { access: ["admin", "registry", "group"] },
  "POST /registries/groups/:id/edit": { access: ["admin", "registry", "group"] },
  "POST /registries/groups/:id/anonymise": { access: REGISTRY },
  "GET /registries/groups/:id/export.json": { access: REGISTRY },
  "GET /registries/projects": { access: STAFF },
  "GET /registries/projects/new": { access: REGISTRY },
  "POST /registries/projects": { access: REGISTRY },
  "GET /registries/projects/:id": { access: STAFF },
  "GET /registries/projects/:id/edit": { access: REGISTRY },
  "POST /registries/projects/:id/edit": { access: REGISTRY },
  "POST /registries/projects/:id/reviews": { access: REGISTRY },
  // group logins (group.invite; a group's person lands on their own group)
  "GET /registries/my": { access: ["group"] },
  "POST /registries/groups/:id/users": { access: CALLS },
  // 協働事業提案制度: staff and groups read the calls; call.manage, proposal.submit (own group), proposal.review
  "GET /registries/proposals": { access: "signed-in" },
  "GET /registries/proposals/new": { access: CALLS },
  "POST /registries/proposals": { access: CALLS },
  "GET /registries/proposals/:callId": { access: "signed-in" },
  "GET /registries/proposals/:callId/submit": { access: ["admin", "registry", "group"] },
  "POST /registries/proposals/:callId/submit": { access: ["admin", "registry", "group"] },
  "POST /registries/proposals/:callId/publish": { access: CALLS, body: { version: "999999" } },
  "GET /registries/proposals/:callId/:proposalId": { access: ["admin", "registry", "committee", "group"] },
  "POST /registries/proposals/:callId/:proposalId/score": {
    access: ["committee"],
    body: { version: "999999" },
  },
  "POST /registries/proposals/:callId/:proposalId/decide": {
    access: CALLS,
    body: { version: "999999", decision: "adopt", form: "委託" },
  },
  // マッチングシート: staff and groups read; matching.post (departments for their own), matching.propose (own group).
  // The department person under test belongs to another department than the issue's, so its outcome is refused.
  "GET /registries/matching": { access: "signed-in" },
  "GET /registries/matching/new": { access: ["admin", "registry", "department"] },
  "POST /registries/matching": { access: ["admin", "registry", "department"] },
  "GET /registries/matching/:id": { access: "signed-in" },
  "POST /registries/matching/:id/offers": { access: ["admin", "registry", "group"] },
  "POST /registries/matching/:id/outcome": { access: CALLS, body: { version: "999999", status: "open" } },
  // progress (round.manage, entry.view/edit/review/comment); the bodies carry a stale version (well formed, so that input checks pass) so that the
  // permitted people are answered 409/422 and nothing changes, while everyone else must meet the permission check
  "GET /progress": { access: STAFF },
  "GET /progress/rounds/new": { access: ADMIN },
  "POST /progress/rounds": { access: ADMIN },
  "GET /progress/rounds/:id": { access: ENTRY_VIEW },
  "POST /progress/rounds/:id/state": { access: ADMIN, body: { action: "lock", version: "999999" } },
  "GET /progress/entries/:id": { access: ENTRY_VIEW },
  "POST /progress/entries/:id": {
    access: ["admin", "department"],
    body: { action: "save", version: "999999", result: "権限試験" },
  },
  "POST /progress/entries/:id/review": {
    access: ADMIN,
    body: { action: "approve", version: "999999", comment: "権限試験" },
  },
  // reminders, carrying next-term proposals into the plan, the review chain (round.manage); lead-department contributions
  "POST /progress/rounds/:id/remind": { access: ADMIN, body: { version: "999999" } },
  "POST /progress/rounds/:id/carry-next-term": { access: ADMIN },
  "POST /progress/entries/:id/contribution": {
    access: ["admin", "department"],
    body: { version: "999999", contribution: "権限試験" },
  },
  "GET /progress/plans/:planId/chain": { access: ADMIN },
  "POST /progress/plans/:planId/chain": { access: ADMIN, body: { version: "999999" } },
  // a person's own notices: everyone signed in; marking read is bound to the person (another's notice is unchanged)
  "GET /notices": { access: "signed-in" },
  "POST /notices/read": { access: "signed-in" },
  "POST /notices/:id/read": { access: "signed-in" },
  "POST /progress/entries/:id/comments": { access: ["admin", "committee"], body: { body: "権限試験" } },
};

/** `GET /admin/users/:id{[0-9a-f-]{36}}` → `GET /admin/users/:id`: declarations name parameters without their patterns. */
export function routeKey(method: string, path: string): string {
  return `${method} ${path.replace(/(:\w+)\{(?:[^{}]|\{[^{}]*\})*\}/g, "$1")}`;
}
