import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { makeUser, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { commentOnEntry } from "../progress/comment-on-entry.js";
import { openRound } from "../progress/open-round.js";
import { progressWorld } from "../progress/progress.factories.js";
import { findEntries } from "../progress/progress.repository.js";
import { findPublication } from "./portal.repository.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let planId: string;
let hiddenPlanId: string;
let nodeIds: Map<string, string>;
let adminCookie: string;

/** Texts that exist in the database but must never reach a public page. */
const SECRETS = [
  "下書きの秘密メモ",
  "内部コメントの秘密",
  "審議会だけの指摘",
  "非公開計画ゼット",
  "公開前ドラフト課題",
];

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  const w = await progressWorld(database.db, "公開テスト協働推進計画");
  planId = w.planId;
  nodeIds = w.nodeIdByKey;
  const admin = await makeUser(database.db, w.orgId, "admin", { displayName: "公開 担当" });
  const staff = await makeUser(database.db, w.orgId, "department", {
    departmentIds: [w.departmentIds.sangyo],
  });
  adminCookie = await signedInCookie(database.db, admin.id);
  const staffCookie = await signedInCookie(database.db, staff.id);

  // published through the internal page, as the owner does
  const res = await app.request(
    `/plans/${planId}/publication`,
    postForm({ version: "0", action: "publish" }, { cookie: adminCookie }),
  );
  assert.equal(res.status, 303);

  // an open (unpublished) round with a department's draft
  const opened = await openRound({ db: database.db, today: () => "2024-11-01" }, admin, {
    planId,
    fiscalYear: 2024,
    deadline: "2099-03-31",
    fieldsAsked: ["status", "result", "issuesText"],
    entryMode: "per-department",
  });
  assert.ok(opened.ok);
  const entries = await findEntries(database.db, [opened.round.id]);
  const draft = entries.find((e) => e.nodeId === nodeIds.get("b"))!;
  const saved = await app.request(
    `/progress/entries/${draft.id}`,
    postForm(
      { version: "1", statusLabel: "着手中", result: SECRETS[0]!, issuesText: SECRETS[4]!, action: "save" },
      { cookie: staffCookie },
    ),
  );
  assert.equal(saved.status, 303);
  // comments on a draft and on a published entry
  const committee = await makeUser(database.db, w.orgId, "committee");
  assert.ok((await commentOnEntry({ db: database.db }, admin, draft.id, { body: SECRETS[1]! })).ok);
  const publishedRounds = await database.db.query.progressRounds.findMany({
    where: (r, { eq, and }) => and(eq(r.planId, planId), eq(r.state, "published")),
  });
  const publishedEntries = await findEntries(
    database.db,
    publishedRounds.map((r) => r.id),
  );
  assert.ok(publishedEntries.length > 0);
  assert.ok(
    (await commentOnEntry({ db: database.db }, committee, publishedEntries[0]!.id, { body: SECRETS[2]! })).ok,
  );

  // a plan that was never published
  const hidden = await progressWorld(database.db, SECRETS[3]!);
  hiddenPlanId = hidden.planId;
});
after(() => database.close());

async function get(path: string, init?: RequestInit) {
  const started = performance.now();
  const res = await app.request(path, init);
  const text = await res.text();
  return { res, text, ms: performance.now() - started };
}

/** Every public route of the test plan: pages, item pages (HTML, JSON, feed), open data, feeds, search. */
function publicRoutes(): string[] {
  const base = `/public/plans/${planId}`;
  const items = [...nodeIds.values()].flatMap((id) => [
    `${base}/items/${id}`,
    `${base}/items/${id}.json`,
    `${base}/items/${id}/feed.atom`,
  ]);
  const searches = ["秘密", "下書き", "内部コメント", "指摘", "非公開計画", "ドラフト", "協働", "拠点"].map(
    (q) => `/public/search?q=${encodeURIComponent(q)}`,
  );
  return [
    "/public",
    base,
    ...items,
    `${base}/feed.atom`,
    `${base}/data.csv`,
    `${base}/indicators.csv`,
    `${base}/data.json`,
    `${base}/data-definitions`,
    ...["", ".csv", ".sjis.csv", ".xlsx"].flatMap((ext) =>
      ["builtin-progress-list", "builtin-basic-plan", "builtin-policy-overview"].map(
        (l) => `${base}/reports/${l}${ext}`,
      ),
    ),
    "/public/open-data",
    "/public/catalog.json",
    "/public/accessibility",
    ...searches,
  ];
}

describe("the public portal shows only published content", () => {
  it("answers every public route without a session, and none of them shows a draft, comment or hidden plan", async () => {
    const routes = publicRoutes();
    assert.ok(routes.length > 25);
    for (const path of routes) {
      const { res, text } = await get(path);
      assert.equal(res.status, 200, path);
      for (const secret of SECRETS) assert.ok(!text.includes(secret), `${path} leaks «${secret}»`);
      assert.ok(!text.includes(hiddenPlanId), `${path} names the unpublished plan`);
    }
  });

  it("shows the published round's approved report on the item page, and the item in the tree", async () => {
    const plan = await get(`/public/plans/${planId}`);
    assert.match(plan.text, /活動拠点の確保/);
    assert.match(plan.text, /公開テスト協働推進計画/);
    // the published reports are linked, and print the published round only
    assert.match(plan.text, new RegExp(`/public/plans/${planId}/reports/builtin-progress-list\\.xlsx`));
    const report = await get(`/public/plans/${planId}/reports/builtin-progress-list`);
    assert.equal(report.res.status, 200);
    assert.match(report.text, /活動拠点の確保/);
    assert.equal((await get(`/public/plans/${planId}/reports/no-such-layout`)).res.status, 404);
    const item = await get(`/public/plans/${planId}/items/${nodeIds.get("a")}`);
    assert.match(item.text, /拠点を1か所開設した。<br\/?>利用団体は12団体。/);
    assert.match(item.text, /令和5年度/);
    assert.match(item.res.headers.get("content-type") ?? "", /text\/html/);
    const json = JSON.parse((await get(`/public/plans/${planId}/items/${nodeIds.get("a")}.json`)).text);
    assert.equal(json.item.id, nodeIds.get("a"));
    assert.deepEqual(
      json.progress.map((p: { fiscalYear: number; statusLabel: string }) => [p.fiscalYear, p.statusLabel]),
      [[2023, "着手中"]],
    );
    assert.equal(json.licence.shortName, "CC BY 4.0");
  });

  it("answers 404 for every route of an unpublished plan, and after publication is stopped", async () => {
    for (const suffix of [
      "",
      "/feed.atom",
      "/data.csv",
      "/data.json",
      "/indicators.csv",
      "/data-definitions",
      "/reports/builtin-progress-list",
      "/reports/builtin-progress-list.csv",
    ]) {
      const { res } = await get(`/public/plans/${hiddenPlanId}${suffix}`);
      assert.equal(res.status, 404, suffix);
    }
    const w = await progressWorld(database.db, "一時公開計画");
    const owner = await makeUser(database.db, w.orgId, "admin");
    const cookie = await signedInCookie(database.db, owner.id);
    await app.request(
      `/plans/${w.planId}/publication`,
      postForm({ version: "0", action: "publish" }, { cookie }),
    );
    assert.equal((await get(`/public/plans/${w.planId}`)).res.status, 200);
    const stop = await app.request(
      `/plans/${w.planId}/publication`,
      postForm({ version: "1", action: "unpublish" }, { cookie }),
    );
    assert.equal(stop.status, 303);
    assert.equal((await get(`/public/plans/${w.planId}`)).res.status, 404);
    const item = w.nodeIdByKey.get("a")!;
    assert.equal((await get(`/public/plans/${w.planId}/items/${item}`)).res.status, 404);
    assert.equal((await get(`/public/plans/${w.planId}/items/${item}.json`)).res.status, 404);
    assert.ok(!(await get("/public")).text.includes(w.planId));
    assert.ok(!(await get("/public/catalog.json")).text.includes(w.planId));
  });
});

describe("publication", () => {
  it("is changed only by the owner (plan.publish), with the version seen, and audited", async () => {
    const w = await progressWorld(database.db, "権限テスト計画");
    const viewer = await makeUser(database.db, w.orgId, "viewer");
    const viewerCookie = await signedInCookie(database.db, viewer.id);
    const refused = await app.request(
      `/plans/${w.planId}/publication`,
      postForm({ version: "0", action: "publish" }, { cookie: viewerCookie }),
    );
    assert.equal(refused.status, 403);
    assert.equal(await findPublication(database.db, w.planId), null);
    const page = await get(`/plans/${w.planId}/publication`, { headers: { cookie: viewerCookie } });
    assert.equal(page.res.status, 200);
    assert.doesNotMatch(page.text, /公開する<\/button>/);
    // another organisation's owner may not publish it either
    const other = await progressWorld(database.db, "他団体の計画");
    const otherAdmin = await makeUser(database.db, other.orgId, "admin");
    const otherCookie = await signedInCookie(database.db, otherAdmin.id);
    const foreign = await app.request(
      `/plans/${w.planId}/publication`,
      postForm({ version: "0", action: "publish" }, { cookie: otherCookie }),
    );
    assert.equal(foreign.status, 403);
    // anonymous visitors are sent to sign in
    const anonymous = await app.request(
      `/plans/${w.planId}/publication`,
      postForm({ version: "0", action: "publish" }),
    );
    assert.equal(anonymous.status, 303);
    const owner = await makeUser(database.db, w.orgId, "admin");
    const cookie = await signedInCookie(database.db, owner.id);
    assert.equal(
      (
        await app.request(
          `/plans/${w.planId}/publication`,
          postForm({ version: "0", action: "publish" }, { cookie }),
        )
      ).status,
      303,
    );
    // a stale version is a conflict, not a second publication
    const stale = await app.request(
      `/plans/${w.planId}/publication`,
      postForm({ version: "0", action: "unpublish" }, { cookie }),
    );
    assert.equal(stale.status, 409);
    const audit = await database.db.query.auditEvents.findMany({
      where: (a, { eq }) => eq(a.entityId, w.planId),
    });
    assert.deepEqual(
      audit.filter((a) => a.action.includes("publish")).map((a) => a.action),
      ["plan.publish"],
    );
    const internal = await get(`/plans/${w.planId}`, { headers: { cookie } });
    assert.match(internal.text, new RegExp(`/plans/${w.planId}/publication`));
  });
});

describe("bad input gets a proper 4xx, fast", () => {
  const cases: [string, number][] = [
    ["/public/plans/00000000-0000-4000-8000-000000000000", 404],
    ["/public/plans/not-a-uuid", 404],
    ["/public/plans/' OR 1=1 --/data.csv", 404],
    ["/public/plans/%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404],
    [`/public/search?q=${"協".repeat(10_000)}`, 400],
    ["/public/search?q=x&page=99999999999999999999", 400],
    ["/public/search?q=x&page=-1", 400],
    ["/public/search?q=x&page=abc", 400],
    ["/public/search?q=%00", 200],
    ["/public/search?q=%E0%A4%A&page=%FF", 400],
    ["/public/plans/%E0%A4%A/items/%00", 404],
  ];
  for (const [path, status] of cases) {
    it(`${path.slice(0, 60)} → ${status}`, async () => {
      const { res, text, ms } = await get(path);
      assert.equal(res.status, status);
      assert.match(text, /<html lang="ja">/);
      assert.ok(!text.includes("<script>alert"), "input is escaped");
      assert.ok(ms < 1000, `answered in ${ms.toFixed(0)} ms`);
    });
  }

  it("answers unknown item ids with 404 (HTML, JSON and feed), also for an item of another plan", async () => {
    const a = nodeIds.get("a")!;
    assert.equal((await get(`/public/plans/${planId}/items/${hiddenPlanId}`)).res.status, 404);
    assert.equal((await get(`/public/plans/${planId}/items/nope.json`)).res.status, 404);
    assert.equal((await get(`/public/plans/${hiddenPlanId}/items/${a}/feed.atom`)).res.status, 404);
  });

  it("treats SQL and HTML in a search as text: escaped, no error, and % _ match literally", async () => {
    for (const q of [
      "'; drop table plans; --",
      "<script>alert(1)</script>",
      "%",
      "_",
      "\\",
      "存在しない\u0000語句",
      "%E0%A4%A",
    ]) {
      const { res, text } = await get(`/public/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200, q);
      assert.ok(!text.includes("<script>alert(1)</script>"), q);
      assert.match(text, /一致する計画・取組はありませんでした/, q);
    }
    assert.equal((await get(`/public/plans/${planId}`)).res.status, 200);
  });

  it("shows a 10,000-character query as an error on the form, linked to the field", async () => {
    const { res, text } = await get(`/public/search?q=${"a".repeat(10_000)}`);
    assert.equal(res.status, 400);
    assert.match(text, /検索語は100文字以内で入力してください/);
    assert.match(text, /aria-invalid="true"/);
    assert.match(text, /aria-describedby="q-hint q-error"/);
    assert.ok(text.length < 20_000, "the query is not echoed whole");
  });
});

describe("search", () => {
  const search = async (q: string) => (await get(`/public/search?q=${encodeURIComponent(q)}`)).text;

  it("finds items by partial match in full-width, half-width, hiragana and katakana", async () => {
    assert.match(await search("拠点"), /活動拠点の確保/);
    assert.match(await search("中小企業"), /中小企業との協働/);
    // the plan title contains 協働推進計画 and items 協働事業提案制度
    assert.match(await search("提案制度"), /協働事業提案制度/);
  });

  it("normalises width and kana on both sides (NFKC, hiragana → katakana)", async () => {
    // 職員研修 has no kana; add searchable kana through the published plan's items via the demo-like import
    const w = await progressWorld(database.db, "ＮＰＯコーディネーター育成計画");
    const owner = await makeUser(database.db, w.orgId, "admin");
    const cookie = await signedInCookie(database.db, owner.id);
    await app.request(
      `/plans/${w.planId}/publication`,
      postForm({ version: "0", action: "publish" }, { cookie }),
    );
    for (const q of [
      "npo",
      "ＮＰＯ",
      "ｎｐｏ",
      "コーディネーター",
      "ｺｰﾃﾞｨﾈｰﾀｰ",
      "こーでぃねーたー",
      "育成 npo",
    ]) {
      assert.match(await search(q), /ＮＰＯコーディネーター育成計画/, q);
    }
    assert.doesNotMatch(await search("育成 存在しない語"), /ＮＰＯコーディネーター育成計画/);
  });

  it("pages through results and refuses a page past the limit", async () => {
    const first = await get("/public/search?q=協働&page=1");
    assert.equal(first.res.status, 200);
    const far = await get("/public/search?q=協働&page=200");
    assert.equal(far.res.status, 200);
    assert.match(far.text, /ありませんでした|検索結果/);
    assert.equal((await get("/public/search?q=協働&page=201")).res.status, 400);
  });
});

describe("feeds, open data and the catalogue", () => {
  it("serves well-formed Atom with ids, updated and entries of published progress only", async () => {
    for (const path of [
      `/public/plans/${planId}/feed.atom`,
      `/public/plans/${planId}/items/${nodeIds.get("a")}/feed.atom`,
    ]) {
      const { res, text } = await get(path);
      assert.match(res.headers.get("content-type") ?? "", /application\/atom\+xml/);
      assert.equal(XMLValidator.validate(text), true, path);
      const feed = new XMLParser({ ignoreAttributes: false }).parse(text).feed;
      assert.match(feed.id, /^urn:uuid:[0-9a-f-]{36}$/);
      assert.ok(!Number.isNaN(Date.parse(feed.updated)));
      const all = [feed.entry].flat().filter(Boolean);
      // the plan's feed also tells when the plan was published (not the item's)
      const events = all.filter((e: { id: string }) => e.id.startsWith("urn:kyodo:publication-event:"));
      assert.equal(events.length, path.includes("/items/") ? 0 : 1, path);
      const entries = all.filter((e: { id: string }) => !e.id.startsWith("urn:kyodo:publication-event:"));
      assert.equal(entries.length, 1, path); // the one approved report of the published round
      assert.match(entries[0].id, /^urn:uuid:/);
      assert.ok(!Number.isNaN(Date.parse(entries[0].updated)));
      assert.match(entries[0].title, /活動拠点の確保：令和5年度 着手中/);
    }
  });

  it("serves CSV in UTF-8 with a BOM, the documented header, stable ids and the 団体コード", async () => {
    const res = await app.request(`/public/plans/${planId}/data.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, ...rows] = text.trim().split("\r\n");
    assert.match(header!, /^全国地方公共団体コード,団体名,計画ID,計画名,項目ID,/);
    assert.ok(rows.some((r) => r.includes(nodeIds.get("a")!) && r.includes("着手中")));
    const defs = await get(`/public/plans/${planId}/data-definitions`);
    for (const column of header!.split(",")) assert.ok(defs.text.includes(column), column);
    const ind = new Uint8Array(
      await (await app.request(`/public/plans/${planId}/indicators.csv`)).arrayBuffer(),
    );
    assert.deepEqual([...ind.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  });

  it("lists every published plan's datasets in the catalogue, and no other", async () => {
    const catalogue = JSON.parse((await get("/public/catalog.json")).text);
    const home = (await get("/public")).text;
    const published = [...new Set([...home.matchAll(/\/public\/plans\/([0-9a-f-]{36})/g)].map((x) => x[1]))];
    const listed = catalogue.dataset.map((d: { "dct:identifier": string }) => d["dct:identifier"]);
    assert.deepEqual([...listed].sort(), [...published].sort());
    assert.ok(listed.includes(planId));
    assert.ok(!listed.includes(hiddenPlanId));
    const ours = catalogue.dataset.find((d: { "dct:identifier": string }) => d["dct:identifier"] === planId);
    assert.equal(ours["dct:license"], "https://creativecommons.org/licenses/by/4.0/deed.ja");
    assert.ok(ours.distribution.length >= 3);
    for (const d of ours.distribution) {
      const res = await app.request(new URL(d.downloadURL).pathname);
      assert.equal(res.status, 200, d.downloadURL);
    }
  });

  it("answers published pages with a strong ETag and 304 when unchanged", async () => {
    const path = `/public/plans/${planId}/items/${nodeIds.get("a")}`;
    const first = await app.request(path);
    const etag = first.headers.get("etag");
    assert.match(etag ?? "", /^"[A-Za-z0-9_-]+"$/);
    assert.match(first.headers.get("cache-control") ?? "", /public/);
    const again = await app.request(path, { headers: { "if-none-match": etag! } });
    assert.equal(again.status, 304);
    const json = await app.request(`${path}.json`);
    const jsonAgain = await app.request(`${path}.json`, {
      headers: { "if-none-match": json.headers.get("etag")! },
    });
    assert.equal(jsonAgain.status, 304);
  });
});
