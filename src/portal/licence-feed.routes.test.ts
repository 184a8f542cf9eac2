import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { makeUser, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import type { Actor } from "../plans/plan-use-case.js";
import { closeRound, publishRound } from "../progress/change-round-state.js";
import { openRound } from "../progress/open-round.js";
import { progressWorld } from "../progress/progress.factories.js";
import { findPublication } from "./portal.repository.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let planId: string;
let nodeId: string;
let admin: Actor;
let cookie: string;

const publication = (body: Record<string, string>) =>
  app.request(`/plans/${planId}/publication`, postForm(body, { cookie }));
const version = async () => String((await findPublication(database.db, planId))?.version ?? 0);

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  const w = await progressWorld(database.db, "利用条件試験計画");
  planId = w.planId;
  nodeId = w.nodeIdByKey.get("b")!;
  admin = await makeUser(database.db, w.orgId, "admin", { displayName: "公開 担当" });
  cookie = await signedInCookie(database.db, admin.id);
});
after(() => database.close());

describe("open-data licence of a published plan", () => {
  it("offers the licences on the publication page, CC BY 4.0 chosen by default", async () => {
    const html = await (await app.request(`/plans/${planId}/publication`, { headers: { cookie } })).text();
    assert.match(html, /name="licenceCode" value="cc-by-4.0" checked/);
    assert.match(html, /value="cc0-1\.0"/);
    assert.match(html, /value="custom"/);
  });

  it("refuses an unknown licence and an own licence without a proper URL, writing nothing", async () => {
    for (const [fields, message] of [
      [{ licenceCode: "gpl" }, /一覧から選んでください/],
      [
        { licenceCode: "custom", licenceName: "独自規約", licenceUrl: "javascript:alert(1)" },
        /http:\/\/ または https:\/\//,
      ],
      [{ licenceCode: "custom", licenceUrl: "https://example.jp/terms" }, /名称を入力/],
    ] as const) {
      const res = await publication({ version: await version(), action: "publish", ...fields });
      assert.equal(res.status, 422);
      assert.match(await res.text(), message);
    }
    assert.equal(await findPublication(database.db, planId), null);
  });

  it("publishes under the chosen licence and shows it in every public output", async () => {
    const res = await publication({ version: "0", action: "publish", licenceCode: "cc0-1.0" });
    assert.equal(res.status, 303);
    const cc0 = "https://creativecommons.org/publicdomain/zero/1.0/deed.ja";
    const data = (await (await app.request(`/public/plans/${planId}/data.json`)).json()) as {
      licence: { code: string; url: string };
    };
    assert.equal(data.licence.code, "cc0-1.0");
    const item = (await (await app.request(`/public/plans/${planId}/items/${nodeId}.json`)).json()) as {
      licence: { url: string };
    };
    assert.equal(item.licence.url, cc0);
    const catalogue = JSON.stringify(await (await app.request("/public/catalog.json")).json());
    assert.ok(catalogue.includes(cc0));
    assert.ok(!catalogue.includes("licenses/by/4.0"), "no dataset claims CC BY when the plan is CC0");
    for (const path of [
      `/public/plans/${planId}`,
      `/public/plans/${planId}/items/${nodeId}`,
      `/public/plans/${planId}/data-definitions`,
      "/public/open-data",
    ]) {
      assert.match(await (await app.request(path)).text(), /CC0 1\.0/, path);
    }
    assert.match(
      await (await app.request(`/public/plans/${planId}/feed.atom`)).text(),
      /<rights>[^<]*CC0 1\.0/,
    );
  });

  it("changes only the licence of a published plan, audited, and the cached pages follow at once", async () => {
    assert.match(await (await app.request(`/public/plans/${planId}/items/${nodeId}`)).text(), /CC0 1\.0/);
    const res = await publication({
      version: await version(),
      action: "licence",
      licenceCode: "custom",
      licenceName: "○○市オープンデータ利用規約",
      licenceUrl: "https://example.jp/opendata/terms",
    });
    assert.equal(res.status, 303);
    const pub = await findPublication(database.db, planId);
    assert.ok(pub?.publishedAt, "still published");
    assert.equal(pub?.licence.name, "○○市オープンデータ利用規約");
    const page = await (await app.request(`/public/plans/${planId}/items/${nodeId}`)).text();
    assert.match(page, /○○市オープンデータ利用規約/);
    assert.match(page, /href="https:\/\/example\.jp\/opendata\/terms"/);
    const audit = (await database.db.execute(
      sql`select count(*)::int as n from audit_events where action = 'plan.publication_licence' and entity_id = ${planId}`,
    )) as unknown as { rows: { n: number }[] };
    assert.equal(audit.rows[0]!.n, 1);
    // a stale form is a conflict, nothing changed
    const stale = await publication({ version: "1", action: "licence", licenceCode: "cc-by-4.0" });
    assert.equal(stale.status, 409);
    assert.equal((await findPublication(database.db, planId))?.licence.name, "○○市オープンデータ利用規約");
  });
});

describe("the plan's feed tells of publications", () => {
  it("has an entry for the plan being published and for a year's progress being published", async () => {
    let xml = await (await app.request(`/public/plans/${planId}/feed.atom`)).text();
    assert.match(xml, /<title>「利用条件試験計画[^<]*」を公開しました<\/title>/);
    const opened = await openRound({ db: database.db, today: () => "2026-04-01" }, admin, {
      planId,
      fiscalYear: 2026,
      deadline: "2099-03-31",
      fieldsAsked: ["status"],
      entryMode: "per-department",
    });
    assert.ok(opened.ok);
    const closed = await closeRound({ db: database.db }, admin, opened.round.id, {
      version: opened.round.version,
    });
    assert.ok(closed.ok, JSON.stringify(closed));
    xml = await (await app.request(`/public/plans/${planId}/feed.atom`)).text();
    assert.doesNotMatch(
      xml,
      /2026年度の進捗を公開しました|令和8年度の進捗を公開しました/,
      "a closed round is not public",
    );
    const published = await publishRound({ db: database.db }, admin, opened.round.id, {
      version: closed.round.version,
    });
    assert.ok(published.ok, JSON.stringify(published));
    xml = await (await app.request(`/public/plans/${planId}/feed.atom`)).text();
    assert.match(xml, /<title>(令和8年度|2026年度)[^<]*の進捗を公開しました<\/title>/);
    assert.doesNotMatch(xml, /公開 担当/, "who published is not told");
  });
});
