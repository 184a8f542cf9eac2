/**
 * 50 people saving and submitting progress entries at once: zero lost updates (every conflicting save is
 * answered 409 and shown), zero 5xx.
 *   npm run bench:concurrency                  # 50 users, 60 s, PGlite in memory
 *   USERS=20 DURATION=10 npm run bench:concurrency
 *   DATABASE_URL=postgres://… npm run bench:concurrency   # a throwaway database on that server
 *
 * The server is the real app on a real socket (in this process; PGlite allows one process). Each simulated
 * person loops: open one of their department's entries (GET), think 0–300 ms, save it (POST with the version
 * read) with a unique text, sometimes submit it; a plan owner returns submitted entries so that work goes on.
 * Afterwards every accepted save is looked up in the entry's version history: the version it was based on + 1
 * must hold exactly its text. Two accepted saves on the same base version, or an accepted save missing from the
 * history, is a lost update.
 */
import { serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { makeUser, signedInCookie, testApp } from "../src/accounts/test-factories.js";
import { createTestDatabase } from "../src/db/test-db.js";
import { rowsOf } from "../src/ops/table-snapshot.js";
import { importPlanDocument } from "../src/plans/import-plan-document.js";
import { createOrg } from "../src/plans/plan.factories.js";
import { SYSTEM_ACTOR } from "../src/plans/plan-use-case.js";
import { openRound } from "../src/progress/open-round.js";
import { smallPlanDocument } from "../src/progress/progress.factories.js";
import { findEntries } from "../src/progress/progress.repository.js";
import { formsOf } from "../src/security/html-forms.js";

const USERS = Number(process.env.USERS ?? 50);
const DURATION = Number(process.env.DURATION ?? 60);
const DEPARTMENTS = 5;
const ITEMS = Number(process.env.ITEMS ?? 25);

const database = await createTestDatabase();
const deptNames = Array.from({ length: DEPARTMENTS }, (_, i) => `第${i + 1}課`);
const { orgId, departmentIds } = await createOrg(database.db, { departments: deptNames });
const doc = smallPlanDocument("同時編集試験計画");
const top = doc.nodes[0]!;
top.children = Array.from({ length: ITEMS }, (_, i) => ({
  ...top.children[0]!,
  key: `i${i}`,
  label: String(i + 1),
  title: `取組 ${i + 1}`,
  departments: [deptNames[i % DEPARTMENTS]!],
}));
doc.departments = deptNames;
doc.rounds = [];
const imported = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, orgId, doc);
if (!imported.ok) throw new Error(JSON.stringify(imported));
const admin = await makeUser(database.db, orgId, "admin");
const opened = await openRound({ db: database.db }, admin, {
  planId: imported.planId,
  fiscalYear: 2026,
  deadline: "2099-03-31",
  fieldsAsked: ["status", "result"],
  entryMode: "per-department",
});
if (!opened.ok) throw new Error(JSON.stringify(opened));
const entries = await findEntries(database.db, [opened.round.id]);
const people: { cookie: string; entries: string[] }[] = [];
for (let u = 0; u < USERS; u++) {
  const dept = departmentIds[deptNames[u % DEPARTMENTS]!]!;
  const user = await makeUser(database.db, orgId, "department", { departmentIds: [dept] });
  people.push({
    cookie: await signedInCookie(database.db, user.id),
    entries: entries.filter((e) => e.departmentId === dept).map((e) => e.id),
  });
}
const adminCookie = await signedInCookie(database.db, admin.id);

const app = testApp(database);
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((r) => server.once("listening", r));
// longer than any think time, so that the server does not close a keep-alive socket the client is about to reuse
(server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 65_000;
const port = (server.address() as { port: number }).port;
const base = `http://127.0.0.1:${port}`;

type Save = { entryId: string; base: number; text: string; action: "save" | "submit" };
const accepted: Save[] = [];
const counts = {
  transportErrors: 0,
  requests: 0,
  saves: 0,
  submits: 0,
  conflicts: 0,
  refusedState: 0,
  other4xx: 0,
  errors5xx: 0,
  returns: 0,
};
const statuses = new Map<number, number>();
const stopAt = Date.now() + DURATION * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function request(path: string, cookie: string, body?: Record<string, string>): Promise<Response> {
  const res = await send(path, cookie, body);
  counts.requests += 1;
  if (res.status === 599) return res; // no answer at all: counted as a transport error, not as a status
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status >= 500) counts.errors5xx += 1;
  return res;
}

/**
 * One HTTP exchange. A connection the machine dropped (ECONNRESET on a reused keep-alive socket) is counted and
 * answered as 599: the request was not acknowledged, so it cannot be a lost update, and the person goes on.
 */
async function send(path: string, cookie: string, body?: Record<string, string>): Promise<Response> {
  try {
    return await sendOnce(path, cookie, body);
  } catch {
    counts.transportErrors += 1;
    return new Response(null, { status: 599 });
  }
}

async function sendOnce(path: string, cookie: string, body?: Record<string, string>): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: body ? "POST" : "GET",
    redirect: "manual",
    headers: {
      cookie,
      origin: base,
      ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: body ? new URLSearchParams(body).toString() : undefined,
  });
}

async function versionOn(path: string, cookie: string, action: string): Promise<number | null> {
  const res = await request(path, cookie);
  const html = await res.text();
  const form = formsOf(html).find((f) => f.action === action && f.fields.some((x) => x.name === "version"));
  const v = form?.fields.find((x) => x.name === "version")?.value;
  return v ? Number(v) : null;
}

async function person(n: number) {
  const me = people[n]!;
  let k = 0;
  while (Date.now() < stopAt) {
    const entryId = me.entries[Math.floor(Math.random() * me.entries.length)]!;
    const path = `/progress/entries/${entryId}`;
    const version = await versionOn(path, me.cookie, path);
    await sleep(Math.random() * 300);
    if (version === null) continue; // submitted: nothing to edit until it is returned
    const text = `u${n}-${k++}-${Math.random().toString(36).slice(2, 8)}`;
    const action = Math.random() < 0.05 ? "submit" : "save";
    const res = await request(path, me.cookie, {
      version: String(version),
      statusLabel: "着手中",
      result: text,
      action,
    });
    await res.arrayBuffer();
    if (res.status === 303) {
      accepted.push({ entryId, base: version, text, action });
      if (action === "submit") counts.submits += 1;
      else counts.saves += 1;
    } else if (res.status === 409) counts.conflicts += 1;
    else if (res.status === 422) counts.refusedState += 1;
    else if (res.status < 500) counts.other4xx += 1;
  }
}

async function planOwner() {
  while (Date.now() < stopAt) {
    await sleep(500);
    const rows = rowsOf<{ id: string }>(
      await database.db.execute(
        sql`select id from progress_entries where round_id = ${opened.ok ? opened.round.id : ""} and state = 'submitted'`,
      ),
    );
    for (const { id } of rows) {
      const path = `/progress/entries/${id}`;
      const version = await versionOn(path, adminCookie, `${path}/review`);
      if (version === null) continue;
      const res = await request(`${path}/review`, adminCookie, {
        version: String(version),
        action: "return",
        comment: "再提出をお願いします。",
      });
      await res.arrayBuffer();
      if (res.status === 303) counts.returns += 1;
    }
  }
}

const started = Date.now();
await Promise.all([...people.map((_, n) => person(n)), planOwner()]);
const seconds = (Date.now() - started) / 1000;
server.close();

// every accepted save must be in the history as the version after the one it was based on, with its text
const lost: string[] = [];
const seen = new Set<string>();
for (const s of accepted) {
  const key = `${s.entryId}@${s.base}`;
  if (seen.has(key)) lost.push(`two accepted saves on ${key}`);
  seen.add(key);
  const [row] = rowsOf<{ result: string | null }>(
    await database.db.execute(
      sql`select fields->>'result' as result from progress_entry_versions where entry_id = ${s.entryId} and version = ${s.base + 1}`,
    ),
  );
  if (row?.result !== s.text) lost.push(`${key}: history holds ${JSON.stringify(row?.result)} not ${s.text}`);
}
const [final] = rowsOf<{ n: number }>(
  await database.db.execute(
    sql`select count(*)::int as n from progress_entries e where e.round_id = ${opened.round.id}
        and e.result is distinct from (select v.fields->>'result' from progress_entry_versions v
          where v.entry_id = e.id order by v.version desc limit 1)`,
  ),
);
await database.close();
const figure = {
  database: process.env.DATABASE_URL ? "postgres" : "pglite",
  users: USERS,
  entries: entries.length,
  seconds: Math.round(seconds),
  ...counts,
  requestsPerSecond: Math.round(counts.requests / seconds),
  statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
  lostUpdates: lost.length,
  entriesDifferingFromLastVersion: final?.n ?? -1,
};
console.log(JSON.stringify(figure, null, 1));
for (const l of lost.slice(0, 20)) console.log(`LOST ${l}`);
process.exit(lost.length || counts.errors5xx || figure.entriesDifferingFromLastVersion ? 1 : 0);
