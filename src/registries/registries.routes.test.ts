import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count, eq } from "drizzle-orm";
import { makeOrg, makeUser, ORIGIN, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { createGroup } from "./create-group.js";
import { groupInput } from "./registries.factories.js";
import { findGroup, listGroups } from "./registries.repository.js";
import { registryGroups } from "./registries.table.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let orgId: string;
let staffCookie: string;
let viewerCookie: string;
let outsiderCookie: string;

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const form = (over: Record<string, string | string[]> = {}) => ({
  name: "うべ環境クラブ",
  nameKana: "ウベカンキョウクラブ",
  legalForm: "任意団体",
  fields: ["7"],
  registeredOn: "令和6年4月1日",
  phone: "0836-22-1234",
  representative: "宇部 太郎",
  ...over,
});

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  orgId = (await makeOrg(database.db, "山口県")).id; // the first organisation: the public site's home
  const other = (await makeOrg(database.db, "三重県")).id;
  staffCookie = await signedInCookie(database.db, (await makeUser(database.db, orgId, "registry")).id);
  viewerCookie = await signedInCookie(database.db, (await makeUser(database.db, orgId, "viewer")).id);
  outsiderCookie = await signedInCookie(database.db, (await makeUser(database.db, other, "admin")).id);
  const hidden = await createGroup(
    { db: database.db },
    SYSTEM_ACTOR,
    orgId,
    groupInput({ name: "=HYPERLINK(1)", nameKana: "イコール", isPublic: true, publicFields: ["area"] }),
  );
  assert.ok(hidden.ok);
});
after(() => database.close());

const groups = async () =>
  (await database.db.select({ n: count() }).from(registryGroups).where(eq(registryGroups.orgId, orgId)))[0]!
    .n;

describe("registry staff register a group in the browser form", () => {
  it("sends a visitor who is not signed in to the sign-in page", async () => {
    const res = await app.request("/registries/groups");
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /^\/signin/);
  });

  it("adds a group and shows it in the list", async () => {
    const res = await app.request("/registries/groups", postForm(form(), { cookie: staffCookie }));
    assert.equal(res.status, 303);
    const list = text(
      await (await app.request("/registries/groups?q=うべ", { headers: { cookie: staffCookie } })).text(),
    );
    assert.match(list, /うべ環境クラブ ウベカンキョウクラブ 任意団体 環境の保全を図る活動/);
  });

  it("answers bad input with Japanese field messages (422) and writes nothing", async () => {
    const n = await groups();
    const res = await app.request(
      "/registries/groups",
      postForm(form({ name: "別の会", nameKana: "べつのかい", phone: "12-34", postalCode: "7550001" }), {
        cookie: staffCookie,
      }),
    );
    assert.equal(res.status, 422);
    const body = text(await res.text());
    assert.match(body, /フリガナは全角カタカナで入力してください/);
    assert.match(body, /電話番号は 083-933-2573 や 090-1234-5678 の形で入力してください/);
    assert.match(body, /郵便番号は 123-4567 の形で入力してください/);
    assert.equal(await groups(), n);
  });

  it("names the existing group when the same group is added again", async () => {
    const res = await app.request(
      "/registries/groups",
      postForm(form({ name: "うべ 環境クラブ", nameKana: "ベツ" }), { cookie: staffCookie }),
    );
    assert.equal(res.status, 422);
    assert.match(
      text(await res.text()),
      /同じ名称の団体「うべ環境クラブ」（ウベカンキョウクラブ）がすでに登録されています/,
    );
  });

  it("lets a viewer read the list but not add a group", async () => {
    assert.equal(
      (await app.request("/registries/groups", { headers: { cookie: viewerCookie } })).status,
      200,
    );
    const res = await app.request(
      "/registries/groups",
      postForm(form({ name: "見る人の会", nameKana: "ミルヒトノカイ" }), { cookie: viewerCookie }),
    );
    assert.equal(res.status, 403);
  });

  it("refuses a person of another organisation the group's page and its edit", async () => {
    const g = (await listGroups(database.db, orgId, { q: "うべ" }))[0]!;
    assert.equal(
      (await app.request(`/registries/groups/${g.id}`, { headers: { cookie: outsiderCookie } })).status,
      403,
    );
    const res = await app.request(
      `/registries/groups/${g.id}/edit`,
      postForm({ ...form({ area: "津市" }), version: String(g.version) }, { cookie: outsiderCookie }),
    );
    assert.equal(res.status, 403);
    assert.equal((await findGroup(database.db, g.id))?.area, null);
  });

  it("shows a stale edit as a 409 with what the other person changed", async () => {
    const g = (await listGroups(database.db, orgId, { q: "うべ" }))[0]!;
    const ok = await app.request(
      `/registries/groups/${g.id}/edit`,
      postForm({ ...form({ area: "宇部市" }), version: String(g.version) }, { cookie: staffCookie }),
    );
    assert.equal(ok.status, 303);
    const stale = await app.request(
      `/registries/groups/${g.id}/edit`,
      postForm({ ...form({ area: "山陽小野田市" }), version: String(g.version) }, { cookie: staffCookie }),
    );
    assert.equal(stale.status, 409);
    assert.match(text(await stale.text()), /活動地域 宇部市 山陽小野田市/);
    const detail = text(
      await (await app.request(`/registries/groups/${g.id}`, { headers: { cookie: staffCookie } })).text(),
    );
    assert.match(detail, /変更履歴/);
    assert.match(detail, /活動地域: — → 宇部市/);
  });
});

describe("the public directory", () => {
  it("lists a group only after it is marked public, never showing the representative's contact unless chosen", async () => {
    const before = text(await (await app.request("/public/groups")).text());
    assert.doesNotMatch(before, /うべ環境クラブ/);
    const g = (await listGroups(database.db, orgId, { q: "うべ" }))[0]!;
    const res = await app.request(
      `/registries/groups/${g.id}/edit`,
      postForm(
        { ...form({ area: "宇部市" }), version: String(g.version), isPublic: "1", publicFields: ["area"] },
        { cookie: staffCookie },
      ),
    );
    assert.equal(res.status, 303);
    const html = await (await app.request("/public/groups")).text();
    assert.match(text(html), /うべ環境クラブ/);
    assert.match(text(html), /宇部市/);
    assert.doesNotMatch(html, /宇部 太郎|0836-22-1234/);
  });

  it("publishes open data as UTF-8 CSV with BOM, standard columns, and neutralised formulas", async () => {
    const res = await app.request("/public/groups.csv");
    assert.equal(res.status, 200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    assert.match(csv, /^\uFEFF全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,法人番号,/);
    assert.match(csv, /'=HYPERLINK\(1\)/);
    assert.doesNotMatch(csv, /宇部 太郎|0836-22-1234|山田 花子/);
  });
});

describe("importing a list of groups", () => {
  const upload = (csv: string, cookie: string) => {
    const fd = new FormData();
    fd.append("file", new File([csv], "groups.csv", { type: "text/csv" }));
    return app.request("/registries/groups/import", {
      method: "POST",
      body: fd,
      headers: { cookie, origin: ORIGIN },
    });
  };

  it("shows every problem with its row and column, including duplicates, and registers nothing", async () => {
    const n = await groups();
    const res = await upload(
      "団体名,フリガナ,法人格,活動分野,電話番号,登録日\nみどりの会,ミドリノカイ,任意団体,7,083-933-2573,2024-04-01\nうべ環境クラブ,ウベ,任意団体,7,,2024-04-01\nあおぞら,あおぞら,任意団体,13,12,2024-04-01\nみどりの会,ミドリ,任意団体,7,,2024-04-01\n",
      staffCookie,
    );
    assert.equal(res.status, 422);
    const body = text(await res.text());
    assert.match(body, /3 A 同じ名称の団体「うべ環境クラブ」/);
    assert.match(body, /4 B フリガナは全角カタカナで入力してください/);
    assert.match(body, /4 E 電話番号は/);
    assert.match(body, /5 A 2行目と同じ団体です（みどりの会）/);
    assert.equal(await groups(), n);
  });

  it("previews a clean list, then registers all of it", async () => {
    const n = await groups();
    const res = await upload(
      "名称,名称_カナ,法人格,活動分野,登録日\nみどりの会,ミドリノカイ,NPO法人,環境の保全を図る活動,2024-04-01\nひかり文庫,ヒカリブンコ,任意団体,2、13,2023/5/1\n",
      staffCookie,
    );
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.equal(await groups(), n);
    const payload = /name="payload" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(payload);
    const commit = await app.request(
      "/registries/groups/import/commit",
      postForm({ payload }, { cookie: staffCookie }),
    );
    assert.equal(commit.status, 200);
    assert.match(text(await commit.text()), /2団体を登録しました/);
    assert.equal(await groups(), n + 2);
    assert.deepEqual((await listGroups(database.db, orgId, { q: "ひかり" }))[0]?.fields, [2, 13]);
  });
});

describe("collaboration projects", () => {
  it("records a project with a partner, a review meeting, and shows them on its page", async () => {
    const g = (await listGroups(database.db, orgId, { q: "うべ" }))[0]!;
    const res = await app.request(
      "/registries/projects",
      postForm(
        {
          title: "海岸清掃協働事業",
          form: "共催",
          fiscalYear: "２０２４",
          budget: "1,200",
          partnerGroupIds: [g.id],
        },
        { cookie: staffCookie },
      ),
    );
    assert.equal(res.status, 303);
    const url = res.headers.get("location")!;
    const bad = await app.request(`${url}/reviews`, postForm({ heldOn: "いつか" }, { cookie: staffCookie }));
    assert.equal(bad.status, 422);
    assert.match(text(await bad.text()), /開催日は 2024-04-01 や 令和6年4月1日 の形で入力してください/);
    const ok = await app.request(
      `${url}/reviews`,
      postForm(
        { heldOn: "2025-02-01", coordinator: "支援センター 山本", findings: "参加者が増えた" },
        { cookie: staffCookie },
      ),
    );
    assert.equal(ok.status, 303);
    const page = text(await (await app.request(url, { headers: { cookie: staffCookie } })).text());
    assert.match(page, /海岸清掃協働事業/);
    assert.match(page, /うべ環境クラブ/);
    assert.match(page, /1,200千円/);
    assert.match(page, /参加者が増えた/);
  });
});
