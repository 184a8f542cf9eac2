import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { makeUser, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { progressWorld } from "../progress/progress.factories.js";

/** Tables that never reach a public page: writing them leaves the public page cache as it is. */
const INTERNAL = [
  "audit_events",
  "import_jobs",
  "import_mappings",
  "invitations",
  "notices",
  "progress_reminders",
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
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`update plan_nodes set title = title where plan_id = ${planId}`);
        throw new Error("rolled back");
      }),
    );
    assert.equal(await generation(), g0 + 1);
    await database.db.execute(sql`update sessions set expires_at = expires_at`);
    assert.equal(await generation(), g0 + 1);
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

  it("never serves a cached page once publication stops", async () => {
    const url = `/public/plans/${planId}/items/${nodeId}`;
    assert.equal((await app.request(url)).status, 200);
    assert.equal((await app.request(`/public/plans/${planId}`)).status, 200);
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
