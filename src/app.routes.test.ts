import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createApp } from "./app.js";
import { loadConfig } from "./config.js";
import type { Database } from "./db/client.js";
import { createTestDatabase } from "./db/test-db.js";
import { createLogger } from "./web/log.js";

describe("the application shell", () => {
  let database: Database;
  const logLines: string[] = [];
  let app: ReturnType<typeof createApp>;
  before(async () => {
    database = await createTestDatabase();
    const cfg = loadConfig({ NODE_ENV: "test" });
    assert.ok(cfg.ok);
    app = createApp({ database, config: cfg.config, log: createLogger("info", (l) => logLines.push(l)) });
  });
  after(() => database.close());

  it("answers /healthz with 200 while the database answers", async () => {
    const res = await app.request("/healthz");
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok", database: database.kind });
  });

  it("shows a Japanese 404 page for an unknown address", async () => {
    const res = await app.request("/no/such/page");
    assert.equal(res.status, 404);
    const html = await res.text();
    assert.match(html, /^<!DOCTYPE html><html lang="ja">/);
    assert.match(html, /ページが見つかりません/);
  });

  it("sends security headers with every page: a CSP without inline script, no framing", async () => {
    const res = await app.request("/");
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  });

  it("answers an unexpected error with a 500 page that gives an error number, never a stack trace", async () => {
    // A session cookie makes the request read the database; a closed database makes that read fail.
    const broken = await createTestDatabase();
    await broken.close();
    const cfg = loadConfig({ NODE_ENV: "test" });
    assert.ok(cfg.ok);
    const lines: string[] = [];
    const brokenApp = createApp({
      database: broken,
      config: cfg.config,
      log: createLogger("info", (l) => lines.push(l)),
    });
    const res = await brokenApp.request("/", {
      headers: { cookie: `kyodo_session=${"a".repeat(43)}` },
    });
    assert.equal(res.status, 500);
    const html = await res.text();
    const id = /エラー番号「([0-9a-f-]{36})」/.exec(html)?.[1];
    assert.ok(id, "the page names an error number");
    assert.doesNotMatch(html, /\bat .+\.(ts|js):\d+/, "no stack trace in the response");
    const logged = lines.map((l) => JSON.parse(l)).find((e) => e.errorId === id);
    assert.ok(logged?.err?.stack, "the stack is logged with the same error number");
  });

  it("answers /healthz with 503 when the database does not", async () => {
    const broken = await createTestDatabase();
    await broken.close();
    const cfg = loadConfig({ NODE_ENV: "test" });
    assert.ok(cfg.ok);
    const res = await createApp({
      database: broken,
      config: cfg.config,
      log: createLogger("error", () => {}),
    }).request("/healthz");
    assert.equal(res.status, 503);
  });
});
