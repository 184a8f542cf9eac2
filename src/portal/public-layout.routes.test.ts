import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { progressWorld } from "../progress/progress.factories.js";

/** The registries' public pages are part of the portal: its layout, its menu, crumbs back to the portal home. */

let database: Database;
let app: ReturnType<typeof testApp>;

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  await progressWorld(database.db, "公開レイアウト協働計画");
});

after(async () => {
  await database.close();
});

const PAGES = [
  { path: "/public/groups", label: "市民活動団体" },
  { path: "/public/proposals", label: "協働事業提案の採択結果" },
  { path: "/public/matching", label: "マッチングシート" },
];

describe("registries' public pages in the portal layout", () => {
  for (const { path, label } of PAGES) {
    it(`${path} uses the portal layout, menu and crumbs`, async () => {
      const res = await app.request(path);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<body class="public">/);
      assert.match(html, /協働推進計画 公開ページ/);
      // the portal menu marks the page as current
      assert.match(html, new RegExp(`<a href="${path}" aria-current="page">${label}</a>`));
      // crumbs back to the portal home
      assert.match(html, /<nav class="breadcrumb"[^>]*>[\s\S]*<a href="\/public">公開計画の一覧<\/a>/);
      // not the internal layout: no staff navigation
      assert.doesNotMatch(html, /href="\/plans"/);
    });
  }

  it("the portal home links every public page of the registries", async () => {
    const html = await (await app.request("/public")).text();
    for (const { path, label } of PAGES) assert.ok(html.includes(`<a href="${path}">${label}</a>`), path);
  });
});
