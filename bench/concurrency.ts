/**
 * 50 people saving and submitting progress entries at once: zero lost updates (every conflicting save is
 * answered 409 and shown), zero 5xx.
 *   npm run bench:concurrency                  # 50 users, 60 s, PGlite in a temporary data directory
 *   USERS=20 DURATION=10 npm run bench:concurrency
 *   npm run bench:concurrency -- --pg          # a throwaway PostgreSQL cluster (bench/support.ts startPostgres)
 *   DATABASE_URL=postgres://… npm run bench:concurrency   # that PostgreSQL database (migrated, then seeded)
 *
 * The server is the real app in its own process (`node --import tsx src/main.ts`, as bench/support.ts
 * startServer spawns it) answering over HTTP. The world is seeded in this process first; on PGlite the data
 * directory is closed before the server opens it and reopened after the server stopped (PGlite allows one
 * process). Each simulated person loops: open one of their department's entries (GET), think 0–300 ms, save it
 * (POST with the version read) with a unique text, sometimes submit it; a plan owner returns submitted entries
 * so that work goes on.
 * Afterwards the database is read:
 *  - every acknowledged save (303) is in the history as the version after the one it was based on, with its
 *    text, and no two acknowledged saves share a base version;
 *  - every acknowledged save's text is the entry's final value, or a later acknowledged save of the same entry
 *    (a higher base version) exists;
 *  - every refused save (409) was really stale: the history holds a version after the one it was based on;
 *  - each entry's current value equals its latest history version.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { makeUser, signedInCookie } from "../src/accounts/test-factories.js";
import { type Database, migrateDatabase, openDatabase } from "../src/db/client.js";
import { rowsOf } from "../src/ops/table-snapshot.js";
import { importPlanDocument } from "../src/plans/import-plan-document.js";
import { createOrg } from "../src/plans/plan.factories.js";
import { SYSTEM_ACTOR } from "../src/plans/plan-use-case.js";
import { openRound } from "../src/progress/open-round.js";
import { smallPlanDocument } from "../src/progress/progress.factories.js";
import { findEntries } from "../src/progress/progress.repository.js";
import { formsOf } from "../src/security/html-forms.js";
import { startPostgres, startServer } from "./support.js";

const USERS = Number(process.env.USERS ?? 50);
const DURATION = Number(process.env.DURATION ?? 60);
const DEPARTMENTS = 5;
const ITEMS = Number(process.env.ITEMS ?? 25);

const onPostgres = process.argv.includes("--pg") || Boolean(process.env.DATABASE_URL);
let pgStop = () => {};
let serverEnv: Record<string, string>;
let reopen: () => Promise<Database>;
let tmpDir: string | null = null;
if (onPostgres) {
  const pg = await startPostgres();
  if ("error" in pg) throw new Error(pg.error);
  pgStop = pg.stop;
  serverEnv = { DATABASE_URL: pg.url };
  reopen = () => openDatabase({ url: pg.url });
} else {
  tmpDir = mkdtempSync(path.join(tmpdir(), "kyodo-concurrency-"));
  const dataDir = tmpDir;
  serverEnv = { DATA_DIR: dataDir };
  reopen = () => openDatabase({ dataDir: path.join(dataDir, "pglite") });
}
let database = await reopen();
await migrateDatabase(database);
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
const roundId = opened.round.id;
await database.close();

// development mode: the plain session cookie name signedInCookie writes, no Secure flag over plain HTTP
const server = await startServer({ ...serverEnv, NODE_ENV: "development", REMINDER_INTERVAL_MINUTES: "0" });
const base = server.url;

type Save = { entryId: string; base: number; text: string; action: "save" | "submit"; at: number };
const accepted: Save[] = [];
const refused: { entryId: string; base: number }[] = [];
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
      accepted.push({ entryId, base: version, text, action, at: Date.now() });
      if (action === "submit") counts.submits += 1;
      else counts.saves += 1;
    } else if (res.status === 409) {
      counts.conflicts += 1;
      refused.push({ entryId, base: version });
    } else if (res.status === 422) counts.refusedState += 1;
    else if (res.status < 500) counts.other4xx += 1;
  }
}

async function planOwner() {
  while (Date.now() < stopAt) {
    await sleep(500);
    // the database belongs to the server process: the owner looks at every entry page, as a person would
    for (const { id } of entries) {
      if (Date.now() >= stopAt) break;
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
await server.stop();
database = await reopen();

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
// an acknowledged save that is not the final value must have been superseded by a later acknowledged one
const latestBase = new Map<string, number>();
for (const s of accepted) latestBase.set(s.entryId, Math.max(latestBase.get(s.entryId) ?? -1, s.base));
const finals = new Map(
  rowsOf<{ id: string; result: string | null }>(
    await database.db.execute(sql`select id, result from progress_entries where round_id = ${roundId}`),
  ).map((r) => [r.id, r.result]),
);
for (const s of accepted) {
  if (finals.get(s.entryId) === s.text) continue;
  if ((latestBase.get(s.entryId) ?? -1) > s.base) continue;
  lost.push(
    `${s.entryId}@${s.base}: neither the final value nor superseded (final ${finals.get(s.entryId)})`,
  );
}
// every 409 was a stale save: someone had written the version after the one it was based on
const staleMissing: string[] = [];
for (const r of refused) {
  const [row] = rowsOf<{ n: number }>(
    await database.db.execute(
      sql`select count(*)::int as n from progress_entry_versions where entry_id = ${r.entryId} and version > ${r.base}`,
    ),
  );
  if (!row?.n) staleMissing.push(`${r.entryId}@${r.base}: refused 409 but no later version exists`);
}
const [final] = rowsOf<{ n: number }>(
  await database.db.execute(
    sql`select count(*)::int as n from progress_entries e where e.round_id = ${roundId}
        and e.result is distinct from (select v.fields->>'result' from progress_entry_versions v
          where v.entry_id = e.id order by v.version desc limit 1)`,
  ),
);
await database.close();
pgStop();
if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
const figure = {
  database: onPostgres ? "postgres" : "pglite",
  server: "separate process over HTTP",
  users: USERS,
  entries: entries.length,
  seconds: Math.round(seconds),
  ...counts,
  requestsPerSecond: Math.round(counts.requests / seconds),
  statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
  acknowledgedSaves: accepted.length,
  refusedStaleChecked: refused.length,
  lostUpdates: lost.length,
  conflictsNotStale: staleMissing.length,
  entriesDifferingFromLastVersion: final?.n ?? -1,
};
console.log(JSON.stringify(figure, null, 1));
for (const l of lost.slice(0, 20)) console.log(`LOST ${l}`);
for (const l of staleMissing.slice(0, 20)) console.log(`NOT STALE ${l}`);
process.exit(
  lost.length || staleMissing.length || counts.errors5xx || figure.entriesDifferingFromLastVersion ? 1 : 0,
);
