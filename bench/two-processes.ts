/**
 * Two app processes behind one PostgreSQL serve the same data with no in-memory state between requests:
 *   1. a person signs in on process A; the session cookie works on process B (sessions live in the database);
 *   2. a draft saved on A is read back on B at once (no cache in either process);
 *   3. the same entry edited at the same time on A and on B from the same version: exactly one save wins, the
 *      other gets 409 (optimistic locking in the database, not a lock in memory), and the winner's text is kept;
 *   4. signing out on B ends the session on A;
 *   5. wrong passwords counted on A and B together reach the sign-in throttle (attempts stored in the database);
 *   6. a public item page served (and cached) by A disappears from A at once when B stops the plan's publication,
 *      and comes back when B publishes again (the page cache and its generation live in the database).
 * Exits non-zero on the first failure.
 *
 *   npm run bench:two-processes          (DATABASE_URL, else a throwaway cluster as .ci/run makes one)
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EMAIL_FAILURE_LIMIT } from "../src/accounts/sign-in-throttle.js";
import { BENCH_PASSWORD, loadInto } from "./load.js";
import { type Server, startPostgres, startServer } from "./support.js";

async function main(): Promise<number> {
  const pg = await startPostgres();
  if ("error" in pg) {
    console.error(`two-processes: ${pg.error}`);
    return 2;
  }
  const manifestDir = mkdtempSync(path.join(tmpdir(), "kyodo-two-"));
  const servers: Server[] = [];
  try {
    const m = await loadInto("city", { dataDir: manifestDir, url: pg.url });
    const env = { DATABASE_URL: pg.url, NODE_ENV: "development" };
    const a = await startServer(env);
    servers.push(a);
    const b = await startServer(env);
    servers.push(b);
    console.log(`two-processes: A ${a.url} (pid ${a.pid}), B ${b.url} (pid ${b.pid}), ${pg.note}`);

    const post = (server: Server, p: string, body: Record<string, string>, cookie?: string) =>
      fetch(`${server.url}${p}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: server.url,
          ...(cookie ? { cookie } : {}),
        },
        body: new URLSearchParams(body).toString(),
      });
    const get = (server: Server, p: string, cookie?: string) =>
      fetch(`${server.url}${p}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

    // 1. sign in on A, use the session on B
    const signIn = await post(a, "/signin", {
      email: m.departmentEmail,
      password: BENCH_PASSWORD,
      next: "/progress",
    });
    assert.equal(signIn.status, 303, "sign-in on A redirects");
    const set = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith("kyodo_session=") && !c.startsWith("kyodo_session=;"));
    assert.ok(set, "sign-in on A sets a session cookie");
    const cookie = set.split(";")[0]!;
    const onB = await get(b, "/progress", cookie);
    assert.equal(onB.status, 200, "the session made on A is valid on B");
    assert.equal((await get(b, "/progress")).status !== 200, true, "without the cookie B refuses");
    console.log("  ok 1: signed in on A, served on B");

    // 2. write on A, read on B
    const entryPath = `/progress/entries/${m.entryId}`;
    const version = async (server: Server) => {
      const html = await (await get(server, entryPath, cookie)).text();
      const v = /name="version" value="(\d+)"/.exec(html)?.[1];
      assert.ok(v, "the entry form carries its version");
      return v;
    };
    const marker = `プロセスAで保存-${Date.now()}`;
    const saved = await post(
      a,
      entryPath,
      { version: await version(a), statusLabel: "着手中", result: marker },
      cookie,
    );
    assert.equal(saved.status, 303, `save on A: ${saved.status}`);
    const readB = await (await get(b, entryPath, cookie)).text();
    assert.ok(readB.includes(marker), "B shows at once what A saved");
    console.log("  ok 2: saved on A, read back on B");

    // 3. concurrent edits on A and B from the same version: one wins, the other is told of the conflict
    const v = await version(b);
    const [ra, rb] = await Promise.all([
      post(a, entryPath, { version: v, statusLabel: "着手中", result: "Aの編集" }, cookie),
      post(b, entryPath, { version: v, statusLabel: "着手中", result: "Bの編集" }, cookie),
    ]);
    const statuses = [ra.status, rb.status].sort();
    assert.deepEqual(statuses, [303, 409], `one save wins and one conflicts, got ${statuses.join(", ")}`);
    const winner = ra.status === 303 ? "Aの編集" : "Bの編集";
    const loser = winner === "Aの編集" ? "Bの編集" : "Aの編集";
    for (const server of [a, b]) {
      const html = await (await get(server, entryPath, cookie)).text();
      const stored = /<textarea[^>]*name="result"[^>]*>([^<]*)</.exec(html)?.[1];
      assert.equal(stored, winner, "both processes show the winning text");
    }
    assert.equal(Number(await version(a)), Number(v) + 1, "exactly one new version was written");
    console.log(
      `  ok 3: concurrent saves on A and B → 303 + 409; "${winner}" kept, "${loser}" refused, nothing lost`,
    );

    // 4. sign out on B ends the session on A
    const out = await post(b, "/signout", {}, cookie);
    assert.equal(out.status, 303);
    assert.notEqual((await get(a, "/progress", cookie)).status, 200, "the session ended on B is gone on A");
    console.log("  ok 4: signed out on B, refused on A");

    // 5. the sign-in throttle counts attempts on both processes together
    // EMAIL_FAILURE_LIMIT is 5: were the count kept per process, alternating would allow 10 failures
    const codes: number[] = [];
    for (let i = 0; i <= EMAIL_FAILURE_LIMIT; i++) {
      const r = await post(i % 2 ? a : b, "/signin", { email: m.adminEmail, password: "wrong password" });
      await r.arrayBuffer();
      codes.push(r.status);
    }
    assert.equal(
      codes.at(-1),
      429,
      `attempt ${EMAIL_FAILURE_LIMIT + 1} alternating A/B is throttled: ${codes.join(", ")}`,
    );
    console.log("  ok 5: the sign-in throttle counts attempts made on A and B together");

    // 6. the public page cache is shared, and a write on B invalidates it for A
    const itemPath = `/public/plans/${m.planId}/items/${m.nodeId}`;
    for (let i = 0; i < 2; i++)
      assert.equal((await get(a, itemPath)).status, 200, "A serves the public item page");
    const publication = async (server: Server, action: "publish" | "withdraw") => {
      const form = await (await get(server, `/plans/${m.planId}/publication`, m.adminCookie)).text();
      const v = /name="version" value="(\d+)"/.exec(form)?.[1];
      assert.ok(v, "the publication form carries its version");
      const r = await post(server, `/plans/${m.planId}/publication`, { version: v, action }, m.adminCookie);
      assert.equal(r.status, 303, `${action} on ${server.url}: ${r.status}`);
    };
    await publication(b, "withdraw");
    assert.equal((await get(a, itemPath)).status, 404, "withdrawn on B: A no longer serves the cached page");
    await publication(b, "publish");
    const back = await get(a, itemPath);
    assert.equal(back.status, 200, "published again on B: A serves the page again");
    console.log(
      "  ok 6: public page cached by A, publication withdrawn on B → 404 on A at once, republished → 200",
    );
    console.log("two-processes: all passed");
    return 0;
  } catch (err) {
    console.error(`two-processes: FAILED: ${(err as Error).message}`);
    return 1;
  } finally {
    for (const s of servers) await s.stop();
    pg.stop();
    rmSync(manifestDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
