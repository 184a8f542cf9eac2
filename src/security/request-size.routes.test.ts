import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { changedTables, tableChecksums } from "../ops/table-snapshot.js";
import { FORM_LIMIT, UPLOAD_LIMIT } from "./request-size.js";
import { routeKey } from "./route-access.js";
import { actorsFor, buildSecurityWorld, ORIGIN, resolvePath, type SecurityWorld } from "./security-world.js";

describe("request size and upload type limits", () => {
  let database: Database;
  let world: SecurityWorld;
  let posts: string[];
  before(async () => {
    database = await createTestDatabase();
    world = await buildSecurityWorld(database);
    posts = [
      ...new Set(world.app.routes.filter((r) => r.method === "POST").map((r) => routeKey(r.method, r.path))),
    ].map((k) => k.slice(5));
  });
  after(() => database.close());

  async function post(pattern: string, body: BodyInit, type?: string) {
    const { path, ownerCode } = resolvePath(world, pattern);
    const admin = actorsFor(world, ownerCode).own[0]!.userId!;
    const headers: Record<string, string> = { origin: ORIGIN, cookie: await world.cookie(admin) };
    if (type) headers["content-type"] = type;
    return world.app.request(path, { method: "POST", headers, body });
  }

  it("refuses a form body over 2 MB on every mutating route with a Japanese 413, changing nothing", async () => {
    const before = await tableChecksums(database.db, ["sessions", "sign_in_attempts"]);
    const big = `title=${"あ".repeat(Math.ceil(FORM_LIMIT / 3) + 10)}`;
    for (const pattern of posts) {
      const res = await post(pattern, big, "application/x-www-form-urlencoded");
      assert.equal(res.status, 413, pattern);
      assert.match(await res.text(), /大きすぎます/, pattern);
    }
    assert.deepEqual(
      changedTables(before, await tableChecksums(database.db, ["sessions", "sign_in_attempts"])),
      [],
    );
  });

  it("refuses an upload over 22 MB on every route, the group import included", async () => {
    for (const pattern of ["/imports", "/registries/groups/import", "/registries/groups"]) {
      const form = new FormData();
      form.append("file", new File([new Uint8Array(UPLOAD_LIMIT + 1024)], "big.xlsx"));
      const res = await post(pattern, form);
      assert.equal(res.status, 413, pattern);
    }
  });

  it("refuses a file that is not a spreadsheet in the group import, with a message", async () => {
    const form = new FormData();
    form.append("file", new File([new TextEncoder().encode("MZ\u0090\u0000 not a workbook")], "tool.exe"));
    const res = await post("/registries/groups/import", form);
    assert.equal(res.status, 422);
    assert.match(await res.text(), /ファイル/);
  });
});
