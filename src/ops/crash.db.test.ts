import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, openDatabase } from "../db/client.js";
import { formBody, formsOf } from "../security/html-forms.js";
import { rowsOf } from "./table-snapshot.js";

/**
 * Crash safety: the real server (`node --import tsx src/main.ts`) is killed with SIGKILL while plan edits, entry
 * saves and import commits are in flight. It must start again on the same data, and every change must be all or
 * nothing: the plan's title is the one its last audited edit wrote, every entry equals its last recorded version,
 * every imported plan has all of its items. On PGlite (a data directory), or on DATABASE_URL's server.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const GUIDELINE = readFileSync(path.join(ROOT, "src/demo/documents/city-guideline-progress-list.txt"));
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

type Server = { proc: ChildProcess; base: string; exited: Promise<number | null> };

const running = new Set<ChildProcess>();

function startServer(env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DEMO: "1",
      LOG_LEVEL: "error",
      NODE_ENV: "test",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(proc);
  const exited = new Promise<number | null>((r) =>
    proc.once("exit", (code) => {
      running.delete(proc);
      r(code);
    }),
  );
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const port = /http:\/\/localhost:(\d+)/.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ proc, base: `http://127.0.0.1:${port}`, exited });
      }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    void exited.then((code) => reject(new Error(`the server exited (${code}): ${out}`)));
  });
}

async function signIn(s: Server, email: string): Promise<string> {
  const res = await fetch(`${s.base}/signin`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: s.base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "kyodo-demo-2026", next: "/" }).toString(),
  });
  // the answer may clear an old cookie before it sets the new one: take the one with a value
  const cookie = res.headers.getSetCookie().find((c) => /^kyodo_session=[^;]+/.test(c));
  assert.ok(cookie, `signed in as ${email} (${res.status})`);
  return cookie.split(";")[0]!;
}

async function get(s: Server, cookie: string, p: string): Promise<string> {
  return (await fetch(`${s.base}${p}`, { headers: { cookie } })).text();
}

async function postBody(s: Server, cookie: string, p: string, body: string | FormData): Promise<Response> {
  const headers: Record<string, string> = { cookie, origin: s.base };
  if (typeof body === "string") headers["content-type"] = "application/x-www-form-urlencoded";
  return fetch(`${s.base}${p}`, { method: "POST", redirect: "manual", headers, body });
}

/** Work that keeps the database busy until the server dies: every request may fail once it is killed. */
async function keepBusy(s: Server, cookie: string, planId: string, entries: string[], stop: () => boolean) {
  const acknowledged = { edits: 0, saves: 0, commits: 0 };
  const edits = (async () => {
    for (let n = 0; !stop(); n++) {
      const html = await get(s, cookie, `/plans/${planId}/edit`);
      const form = formsOf(html).find((f) => f.action === `/plans/${planId}/edit`);
      if (!form) continue;
      const res = await postBody(
        s,
        cookie,
        form.action,
        formBody(form, { title: `県民活動促進基本計画 編集${n}` }),
      );
      if (res.status === 303) acknowledged.edits += 1;
    }
  })();
  const saves = entries.map(async (entryId, i) => {
    for (let n = 0; !stop(); n++) {
      const html = await get(s, cookie, `/progress/entries/${entryId}`);
      const form = formsOf(html).find((f) => f.action === `/progress/entries/${entryId}`);
      if (!form) continue;
      const res = await postBody(
        s,
        cookie,
        form.action,
        formBody(form, { result: `実績 ${i}-${n}`, action: "save" }),
      );
      if (res.status === 303) acknowledged.saves += 1;
    }
  });
  const imports = (async () => {
    while (!stop()) {
      const upload = new FormData();
      upload.append("file", new File([GUIDELINE], "guideline.txt"));
      const started = await postBody(s, cookie, "/imports", upload);
      const job = started.headers.get("location");
      if (!job) continue;
      const res = await postBody(s, cookie, `${job}/commit`, "");
      if (res.status === 303) acknowledged.commits += 1;
    }
  })();
  await Promise.allSettled([edits, ...saves, imports]);
  return acknowledged;
}

describe("a server killed in the middle of work (SIGKILL)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kyodo-crash-"));
  const env: Record<string, string> = {};
  let dropDatabase: (() => Promise<void>) | null = null;
  before(async () => {
    const url = process.env.DATABASE_URL;
    if (url) {
      const name = `kyodo_crash_${process.pid}_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(url);
      u.pathname = `/${name}`;
      env.DATABASE_URL = u.toString();
      dropDatabase = async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      env.DATABASE_URL = "";
      env.DATA_DIR = dir;
    }
  });
  after(async () => {
    for (const proc of running) proc.kill("SIGKILL"); // a failed assertion must not leave a server behind
    await dropDatabase?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (): Promise<Database> =>
    openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: path.join(dir, "pglite") });

  it("starts again on the same data, every edit, save and import whole or absent", async () => {
    // first start: demo data; a reporting round on 山口県's plan to save entries in
    const step = (s: string) => process.env.CRASH_DEBUG && console.error(`[crash] ${s}`);
    let server = await startServer(env);
    step("started");
    const cookie = await signIn(server, "admin@demo.kyodo.jp");
    const plansPage = await get(server, cookie, "/plans");
    const planId = new RegExp(`/plans/(${UUID})`).exec(plansPage)?.[1];
    assert.ok(planId, `the demo plan of 山口県: ${plansPage.slice(0, 600)}`);
    const newRound = formsOf(await get(server, cookie, "/progress/rounds/new")).find(
      (f) => f.action === "/progress/rounds",
    );
    assert.ok(newRound);
    const opened = await postBody(
      server,
      cookie,
      "/progress/rounds",
      `${formBody(newRound, { planId, fiscalYear: "2026", deadline: "2099-03-31", entryMode: "per-department" })}&fieldsAsked=status&fieldsAsked=result`,
    );
    assert.equal(opened.status, 303, await opened.text());
    const roundPage = await get(server, cookie, opened.headers.get("location")!);
    const entries = [
      ...new Set([...roundPage.matchAll(new RegExp(`/progress/entries/(${UUID})`, "g"))].map((m) => m[1]!)),
    ].slice(0, 4);
    assert.ok(entries.length >= 2, "entries to save");

    step(`entries ${entries.length}`);
    let killed = false;
    const busy = keepBusy(server, cookie, planId, entries, () => killed);
    await new Promise((r) => setTimeout(r, 2500 + Math.random() * 2000));
    server.proc.kill("SIGKILL");
    killed = true;
    await server.exited;
    step("killed");
    const acknowledged = await busy;
    step(JSON.stringify(acknowledged));
    assert.ok(
      acknowledged.edits + acknowledged.saves >= 1,
      `work was done before the kill: ${JSON.stringify(acknowledged)}`,
    );

    // second start: the database opens and answers
    server = await startServer(env);
    const health = await fetch(`${server.base}/healthz`);
    assert.equal(health.status, 200);
    server.proc.kill("SIGTERM");
    await server.exited;

    const database = await open();
    try {
      const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(query));
      // the plan: its title is the one its last audited edit wrote (row and audit event in one transaction)
      const [plan] = await q<{ title: string; version: number }>(
        sql`select title, version from plans where id = ${planId}`,
      );
      const audits = await q<{ title: string | null }>(
        sql`select after->>'title' as title from audit_events where entity_id = ${planId} and action = 'plan.update' order by id`,
      );
      assert.ok(audits.length >= acknowledged.edits, "every acknowledged edit is there");
      if (audits.length) assert.equal(plan!.title, audits.at(-1)!.title);
      // the entries: each equals its last recorded version, and the version numbers agree
      const torn = await q<{ id: string }>(sql`
        select e.id from progress_entries e
        join lateral (select v.version, v.fields from progress_entry_versions v where v.entry_id = e.id
                      order by v.version desc limit 1) last on true
        where e.version <> last.version or e.result is distinct from last.fields->>'result'`);
      assert.deepEqual(torn, []);
      // the imports: every plan imported from the guideline has all its 23 items
      const counts = await q<{ id: string; items: number }>(sql`
        select p.id, (select count(*)::int from plan_nodes n where n.plan_id = p.id and n.kind = 'item') as items
        from plans p join organisations o on o.id = p.org_id
        where o.code = '350001' and p.id <> ${planId}`);
      assert.ok(counts.length >= acknowledged.commits, "every acknowledged import is there");
      for (const c of counts) assert.equal(c.items, 23, `imported plan ${c.id} is whole`);
    } finally {
      await database.close();
    }
  });
});
