import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { changedTables, tableChecksums } from "../ops/table-snapshot.js";
import { ROUTE_ACCESS, routeKey } from "./route-access.js";
import {
  type Actor,
  actorsFor,
  buildSecurityWorld,
  ORIGIN,
  resolvePath,
  type SecurityWorld,
} from "./security-world.js";

/**
 * The role × route × organisation matrix, CSRF on every mutating route and security headers on every answer.
 * Routes come from Hono's own table (app.routes), so a route added by any capability is walked here after a merge.
 */
type Route = { method: string; path: string; key: string };

const refused = (res: Response) =>
  [401, 403, 404].includes(res.status) ||
  ((res.status === 302 || res.status === 303) && (res.headers.get("location") ?? "").startsWith("/signin"));

// sessions are minted per request by the test itself; nothing else may change on a refusal
const VOLATILE = ["sessions", "sign_in_attempts"];

describe("who may use which route (role × route × organisation)", () => {
  let database: Database;
  let world: SecurityWorld;
  let routes: Route[];
  before(async () => {
    database = await createTestDatabase();
    world = await buildSecurityWorld(database);
    const seen = new Set<string>();
    routes = [];
    for (const r of world.app.routes) {
      if (r.method === "ALL") continue;
      const key = routeKey(r.method, r.path);
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({ method: r.method, path: r.path, key });
    }
  });
  after(() => database.close());

  async function send(route: Route, actor: Actor, opts: { origin?: string } = {}): Promise<Response> {
    const { path } = resolvePath(world, route.path);
    const headers: Record<string, string> = { origin: opts.origin ?? ORIGIN };
    if (actor.userId) headers.cookie = await world.cookie(actor.userId);
    if (route.method === "GET") return world.app.request(path, { headers });
    const body = new URLSearchParams(ROUTE_ACCESS[route.key]?.body ?? {}).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
    return world.app.request(path, { method: route.method, headers, body });
  }

  it("knows every route of the application (declare a new route in src/security/route-access.ts)", () => {
    const undeclared = routes.filter((r) => !ROUTE_ACCESS[r.key]).map((r) => r.key);
    assert.deepEqual(
      undeclared,
      [],
      `these routes have no access declaration: add them to ROUTE_ACCESS in src/security/route-access.ts ` +
        `("public", "signed-in" or the roles allowed), so that the matrix can check them`,
    );
    const gone = Object.keys(ROUTE_ACCESS).filter((k) => !routes.some((r) => r.key === k));
    assert.deepEqual(gone, [], "declared routes that no longer exist: remove them from ROUTE_ACCESS");
  });

  it("refuses everyone not allowed, changing nothing, and lets the allowed through without a server error", async () => {
    const problems: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const probe = ROUTE_ACCESS[route.key];
      if (!probe) continue; // reported by the test above
      const { ownerCode } = resolvePath(world, route.path);
      const { own, other, anonymous } = actorsFor(world, ownerCode);
      const allowedRole = (a: Actor) =>
        probe.access === "public" ||
        (a.role !== "anonymous" && (probe.access === "signed-in" || probe.access.includes(a.role)));
      const expectations: [Actor, boolean][] = [
        [anonymous, probe.access === "public"],
        ...own.map((a): [Actor, boolean] => [a, allowedRole(a)]),
        // another organisation's people: refused on a record that is not theirs, whatever their role
        ...other.map((a): [Actor, boolean] => [
          a,
          ownerCode === null ? allowedRole(a) : probe.access === "public",
        ]),
      ];
      // refusals first (they must leave the database as it was), then the permitted
      const denied = expectations.filter(([, ok]) => !ok).map(([a]) => a);
      const permitted = expectations.filter(([, ok]) => ok).map(([a]) => a);
      const before = route.method === "GET" ? null : await tableChecksums(database.db, VOLATILE);
      for (const actor of denied) {
        const res = await send(route, actor);
        requests += 1;
        if (!refused(res))
          problems.push(`${route.key} as ${actor.label}: expected a refusal, got ${res.status}`);
      }
      if (before) {
        const changed = changedTables(before, await tableChecksums(database.db, VOLATILE));
        if (changed.length) problems.push(`${route.key}: refused requests changed ${changed.join(", ")}`);
      }
      for (const actor of permitted) {
        const res = await send(route, actor);
        requests += 1;
        if (res.status >= 500) problems.push(`${route.key} as ${actor.label}: server error ${res.status}`);
        else if (probe.access !== "public" && refused(res))
          problems.push(`${route.key} as ${actor.label}: expected access, got ${res.status}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(requests > routes.length * 10, `${requests} requests over ${routes.length} routes`);
  });

  it("refuses a form posted from another site on every mutating route (CSRF), changing nothing", async () => {
    const mutating = routes.filter((r) => r.method !== "GET");
    assert.ok(mutating.length > 30);
    const { own } = actorsFor(world, null);
    const admin = own.find((a) => a.role === "admin")!;
    const before = await tableChecksums(database.db, VOLATILE);
    for (const route of mutating) {
      for (const origin of ["https://evil.example", "null"]) {
        const res = await send(route, admin, { origin });
        assert.equal(res.status, 403, `${route.key} from ${origin}`);
        assert.match(await res.text(), /別のサイト|送信元|不正|403/, `${route.key}: a Japanese explanation`);
      }
    }
    assert.deepEqual(changedTables(before, await tableChecksums(database.db, VOLATILE)), []);
  });

  it("sends the security headers with every answer, pages and downloads alike", async () => {
    const { own } = actorsFor(world, null);
    const admin = own.find((a) => a.role === "admin")!;
    for (const route of routes.filter((r) => r.method === "GET")) {
      const res = await send(route, admin);
      const where = `${route.key} (${res.status})`;
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", where);
      assert.match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/, where);
      assert.equal(res.headers.get("x-frame-options"), "SAMEORIGIN", where);
      assert.ok(res.headers.get("referrer-policy"), where);
    }
  });

  it("never shows another organisation's plans in a signed-in list", async () => {
    const { other } = actorsFor(world, "240001"); // people of 山口県 looking at their lists
    for (const actor of other) {
      for (const path of ["/plans", "/progress"]) {
        const res = await world.app.request(path, { headers: { cookie: await world.cookie(actor.userId!) } });
        // a civic group's person is not staff: the organisation's plan lists are refused to them outright
        assert.equal(res.status, actor.role === "group" ? 403 : 200, `${path} as ${actor.label}`);
        assert.doesNotMatch(await res.text(), /施策別概要/, `${path} as ${actor.label}`);
      }
    }
  });
});
