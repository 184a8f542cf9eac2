import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { makeUser, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { findNode } from "../plans/plan.repository.js";
import { nodeToForm } from "../plans/plan-forms.js";
import { progressWorld } from "../progress/progress.factories.js";

/** Tables that never reach a public page: writing them leaves the public page cache as it is. */
const INTERNAL = [
  "audit_events",
  "import_jobs",
  "import_mappings",
  "invitations",
  "notices",
  "progress_reminders",
  "public_changes",
  "public_generation",
  "public_page_cache",
  "sessions",
  "sign_in_attempts",
  "user_departments",
  "users",
];

let database: Database;
let app: ReturnType<typeof testApp>;
let planId: string;
let nodeId: string;
let adminCookie: string;

type Row = Record<string, unknown>;
async function rows(q: ReturnType<typeof sql>): Promise<Row[]> {
  return ((await database.db.execute(q)) as unknown as { rows: Row[] }).rows;
}
const generation = async () => Number((await rows(sql`select n from public_generation where id = 1`))[0]!.n);
const cachedKeys = async () =>
  (await rows(sql`select key from public_page_cache order by key`)).map((r) => String(r.key));

/**
 * Counts what reaches the database from now on: every exchange with PGlite (queries, transactions, LISTEN), every
 * query given to the PostgreSQL pool.
 */
function countDatabaseCalls(): { readonly n: number; stop(): void } {
  let n = 0;
  const client = (database.db as unknown as { $client: Record<string, unknown> }).$client;
  const name = database.kind === "pglite" ? "execProtocolRaw" : "query";
  const original = client[name] as (...args: unknown[]) => unknown;
  client[name] = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  return {
    get n() {
      return n;
    },
    stop() {
      client[name] = original;
    },
  };
}

/** Requests `url` a few times (the memory layer starts with the first request, then fills) and returns the body. */
async function warm(url: string): Promise<string> {
  let body = "";
  for (let i = 0; i < 3; i++) {
    const res = await app.request(url);
    assert.equal(res.status, 200, url);
    body = await res.text();
  }
  return body;
}

/** The number of database calls `n` requests of `url` make, all 200 with `body`. */
async function callsFor(url: string, body: string, n = 5): Promise<number> {
  const calls = countDatabaseCalls();
  try {
    for (let i = 0; i < n; i++) {
      const res = await app.request(url);
      assert.equal(res.status, 200, url);
      assert.equal(await res.text(), body);
    }
    return calls.n;
  } finally {
    calls.stop();
  }
}

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  const w = await progressWorld(database.db, "キャッシュ試験計画");
  planId = w.planId;
  nodeId = w.nodeIdByKey.get("b")!;
  const admin = await makeUser(database.db, w.orgId, "admin");
  adminCookie = await signedInCookie(database.db, admin.id);
  const res = await app.request(
    `/plans/${planId}/publication`,
    postForm({ version: "0", action: "publish" }, { cookie: adminCookie }),
  );
  assert.equal(res.status, 303);
});
after(() => database.close());

describe("public page cache", () => {
  it("watches every table but the internal ones: a new table must be watched or listed here", async () => {
    const tables = (await rows(sql`select tablename from pg_tables where schemaname = current_schema()`)).map(
      (r) => String(r.tablename),
    );
    const watched = new Set(
      (
        await rows(sql`select c.relname from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where t.tgname = 'kyodo_public_changed'`)
      ).map((r) => String(r.relname)),
    );
    const unwatched = tables.filter((t) => !watched.has(t) && !INTERNAL.includes(t)).sort();
    assert.deepEqual(unwatched, [], "tables written without invalidating public pages");
    assert.ok(watched.has("plan_nodes") && watched.has("progress_entries") && watched.has("registry_groups"));
    for (const t of INTERNAL) assert.ok(!watched.has(t), `${t} is internal yet watched`);
  });

  it("raises the generation once per committed transaction, not for a rolled-back one or an internal table", async () => {
    const g0 = await generation();
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`update plan_nodes set title = title where plan_id = ${planId}`);
      await tx.execute(sql`update plans set title = title where id = ${planId}`);
    });
    assert.equal(await generation(), g0 + 1);
    // the mark of a running transaction is gone with its commit
    assert.deepEqual(await rows(sql`select tx from public_changes`), []);
    // a mark rolled back with a savepoint is made again by the next write, and still counts once
    await database.db.transaction(async (tx) => {
      await assert.rejects(
        tx.transaction(async (sp) => {
          await sp.execute(sql`update plans set title = title where id = ${planId}`);
          throw new Error("savepoint rolled back");
        }),
      );
      await tx.execute(sql`update plan_nodes set title = title where plan_id = ${planId}`);
    });
    assert.equal(await generation(), g0 + 2);
    assert.deepEqual(await rows(sql`select tx from public_changes`), []);
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`update plan_nodes set title = title where plan_id = ${planId}`);
        throw new Error("rolled back");
      }),
    );
    assert.equal(await generation(), g0 + 2);
    await database.db.execute(sql`update sessions set expires_at = expires_at`);
    assert.equal(await generation(), g0 + 2);
  });

  it("serves the item page and its JSON from the cache until public content changes", async () => {
    const url = `/public/plans/${planId}/items/${nodeId}`;
    const first = await app.request(url);
    assert.equal(first.status, 200);
    const html = await first.text();
    assert.ok((await cachedKeys()).includes(url));
    const second = await app.request(url);
    assert.equal(second.status, 200);
    assert.equal(await second.text(), html);
    assert.equal(second.headers.get("etag"), first.headers.get("etag"));
    assert.equal(second.headers.get("content-type"), first.headers.get("content-type"));
    // a conditional request is answered 304 from the cache as well
    const cond = await app.request(url, { headers: { "if-none-match": first.headers.get("etag")! } });
    assert.equal(cond.status, 304);

    const json = await app.request(`${url}.json`);
    assert.equal(json.status, 200);
    assert.match(json.headers.get("content-type") ?? "", /application\/json/);
    assert.equal((await app.request(`${url}.json`)).headers.get("etag"), json.headers.get("etag"));

    // served without a query on PGlite (from memory), one query a request on PostgreSQL (no process state)
    const expected = database.kind === "pglite" ? 0 : 1;
    const html2 = await warm(url);
    const json2 = await warm(`${url}.json`);
    assert.equal(await callsFor(url, html2), 5 * expected);
    assert.equal(await callsFor(`${url}.json`, json2), 5 * expected);

    // any write to the plan, by whatever path, shows at once
    await database.db.execute(
      sql`update plan_nodes set title = 'キャッシュ後の新しい題名' where id = ${nodeId}`,
    );
    const after = await app.request(url);
    assert.equal(after.status, 200);
    assert.match(await after.text(), /キャッシュ後の新しい題名/);
    assert.notEqual(after.headers.get("etag"), first.headers.get("etag"));
    const afterJson = (await (await app.request(`${url}.json`)).json()) as { item: { title: string } };
    assert.equal(afterJson.item.title, "キャッシュ後の新しい題名");
  });

  it("shows an edit of a published item (the edit form's route) at once, from memory or not", async () => {
    const url = `/public/plans/${planId}/items/${nodeId}`;
    const html = await warm(url);
    const json = await warm(`${url}.json`);
    assert.equal(await callsFor(url, html), database.kind === "pglite" ? 0 : 5);
    assert.equal(await callsFor(`${url}.json`, json), database.kind === "pglite" ? 0 : 5);
    const node = (await findNode(database.db, nodeId))!;
    const edit = await app.request(
      `/plans/${planId}/nodes/${nodeId}/edit`,
      postForm({ ...nodeToForm(node), title: "二度目の新しい題名" }, { cookie: adminCookie }),
    );
    assert.equal(edit.status, 303);
    // the very next request, with nothing awaited in between
    const after = await app.request(url);
    assert.match(await after.text(), /二度目の新しい題名/);
    const afterJson = await app.request(`${url}.json`);
    const j = (await afterJson.json()) as { item: { title: string } };
    assert.equal(j.item.title, "二度目の新しい題名");
    assert.notEqual(JSON.stringify(j), json);
  });

  it("tells the app of a commit before the commit returns to the writer (PGlite), and nothing on PostgreSQL", async (t) => {
    if (database.kind !== "pglite") {
      // PostgreSQL: the pooled app sessions never LISTEN, so the trigger sends nothing (behaviour as before)
      const pool = (database.db as unknown as { $client: import("pg").Pool }).$client;
      const listener = await pool.connect();
      const got: string[] = [];
      listener.on("notification", (msg) => got.push(String(msg.payload)));
      try {
        await listener.query("LISTEN kyodo_public");
        await database.db.execute(sql`update plan_nodes set title = title where id = ${nodeId}`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.deepEqual(got, []);
      } finally {
        await listener.query("UNLISTEN *");
        listener.release();
      }
      t.diagnostic("PostgreSQL: no notification sent by a session that does not listen");
      return;
    }
    const { PUBLIC_CHANNEL } = await import("./page-cache.memory.js");
    const client = (database.db as unknown as { $client: import("@electric-sql/pglite").PGlite }).$client;
    const got: number[] = [];
    const unlisten = await client.listen(PUBLIC_CHANNEL, (p) => got.push(Number(p)));
    try {
      // a drizzle transaction (as the use cases write)
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`update plan_nodes set title = title where id = ${nodeId}`);
      });
      const afterTx = [...got]; // read synchronously after the await: no other turn has run
      const g1 = await generation();
      assert.deepEqual(afterTx, [g1]);
      // a single statement outside a transaction
      await database.db.execute(sql`update plans set title = title where id = ${planId}`);
      const afterStatement = [...got];
      assert.deepEqual(afterStatement, [g1, g1 + 1]);
      // nested transaction (savepoint), and a rolled-back one which sends nothing
      await database.db.transaction(async (tx) => {
        await tx.transaction(async (inner) => {
          await inner.execute(sql`update plan_nodes set title = title where id = ${nodeId}`);
        });
      });
      const afterNested = [...got];
      assert.deepEqual(afterNested, [g1, g1 + 1, g1 + 2]);
      await assert.rejects(
        database.db.transaction(async (tx) => {
          await tx.execute(sql`update plan_nodes set title = title where id = ${nodeId}`);
          throw new Error("rolled back");
        }),
      );
      assert.deepEqual(got, [g1, g1 + 1, g1 + 2]);
      // an internal table raises nothing, so tells nothing
      await database.db.execute(sql`update sessions set expires_at = expires_at`);
      assert.deepEqual(got, [g1, g1 + 1, g1 + 2]);
    } finally {
      await unlisten();
    }
  });

  it("never serves a cached page once publication stops", async () => {
    const url = `/public/plans/${planId}/items/${nodeId}`;
    const html = await warm(url);
    const json = await warm(`${url}.json`);
    const planPage = await warm(`/public/plans/${planId}`);
    if (database.kind === "pglite") {
      // all three answered from memory
      assert.equal(await callsFor(url, html), 0);
      assert.equal(await callsFor(`${url}.json`, json), 0);
      assert.equal(await callsFor(`/public/plans/${planId}`, planPage), 0);
    }
    const pub = (await rows(sql`select version from plan_publications where plan_id = ${planId}`))[0]!;
    const res = await app.request(
      `/plans/${planId}/publication`,
      postForm({ version: String(pub.version), action: "withdraw" }, { cookie: adminCookie }),
    );
    assert.equal(res.status, 303);
    assert.equal((await app.request(url)).status, 404);
    assert.equal((await app.request(`${url}.json`)).status, 404);
    assert.equal((await app.request(`/public/plans/${planId}`)).status, 404);
  });

  it("keeps no answer but 200s, and never a stale one over a newer one", async () => {
    const before = await cachedKeys();
    assert.equal((await app.request(`/public/plans/${planId}/items/not-a-uuid`)).status, 404);
    assert.deepEqual(await cachedKeys(), before);
    const key = "/public/test-key";
    await database.db.execute(sql`insert into public_page_cache (key, generation, etag, content_type, body)
      values (${key}, 1000000, '"new"', 'text/plain', 'new')`);
    const { storeCachedPage } = await import("./page-cache.repository.js");
    await storeCachedPage(database.db, key, 5, { etag: '"old"', contentType: "text/plain", body: "old" });
    assert.equal(
      String((await rows(sql`select body from public_page_cache where key = ${key}`))[0]!.body),
      "new",
    );
  });
});
