import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  makeDepartment,
  makeOrg,
  makeUser,
  postForm,
  signedInCookie,
  testApp,
} from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { prefPolicyOverviewDocument } from "../plans/fixtures/pref-policy-overview.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { findIndicator, findPlanBudgetLines, findPlanIndicators } from "./indicator.repository.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let planId: string;
let admin: string;
let staff: string;
let outsider: string;

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  const org = await makeOrg(database.db, "三重県");
  const dept = await makeDepartment(database.db, org.id, "生活・文化部");
  const r = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, org.id, prefPolicyOverviewDocument);
  assert.ok(r.ok);
  planId = r.planId;
  admin = await signedInCookie(database.db, (await makeUser(database.db, org.id, "admin")).id);
  staff = await signedInCookie(
    database.db,
    (await makeUser(database.db, org.id, "department", { departmentIds: [dept] })).id,
  );
  const other = await makeOrg(database.db, "ほか県");
  outsider = await signedInCookie(database.db, (await makeUser(database.db, other.id, "admin")).id);
});
after(() => database.close());

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });

async function npo() {
  return (await findPlanIndicators(database.db, planId))[0]!;
}

function editForm(x: Awaited<ReturnType<typeof npo>>, over: Record<string, string> = {}) {
  return {
    version: String(x.version),
    nodeId: x.nodeId ?? "",
    role: x.role,
    name: x.name,
    unit: x.unit ?? "",
    definition: x.definition ?? "",
    direction: x.direction ?? "",
    baselineYear: "H18年度",
    sourceNote: "",
    "values.0.year": "H18年度",
    "values.0.actual": "1,522団体",
    "values.1.year": "H19年度",
    "values.1.target": "1,600",
    "values.1.actual": "1576",
    "values.2.year": "H20年度",
    "values.2.target": "1,700団体",
    "values.2.actual": "１９３１",
    "values.3.year": "H21年度",
    "values.3.target": "2,040",
    "values.4.year": "H22年度",
    "values.4.target": "2,140",
    ...over,
  };
}

describe("the indicators page", () => {
  it("sends a visitor who is not signed in to the sign-in page", async () => {
    const res = await get(`/plans/${planId}/indicators`);
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /^\/signin\?next=/);
  });

  it("refuses a person of another organisation", async () => {
    assert.equal((await get(`/plans/${planId}/indicators`, outsider)).status, 403);
  });

  it("shows targets, actuals and computed achievement by fiscal year with the rule, the chart and the budgets", async () => {
    const res = await get(`/plans/${planId}/indicators`, staff);
    assert.equal(res.status, 200);
    const html = await res.text();
    const body = text(html);
    assert.match(body, /平成18年度 平成19年度 平成20年度 平成21年度 平成22年度/);
    assert.match(body, /目標値 - 1,600団体 1,700団体 2,040団体 2,140団体/);
    assert.match(body, /実績値 1,522団体 1,576団体 1,931団体 - -/);
    assert.match(body, /達成率 - 98\.5% 113\.6% - -/);
    assert.match(body, /達成率 ＝ 実績値 ÷ 目標値 × 100/);
    assert.match(body, /県が、地域の市民活動センターとも連携して把握している県内のNPOの数/);
    assert.match(body, /基準年度からの進捗: 66\.2%/);
    assert.match(
      html,
      /<svg role="img" aria-label="NPO\(ボランティア団体・市民活動団体等\)の数の目標値と実績値の推移/,
    );
    for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? [])
      assert.doesNotMatch(svg, /style=|<style/, "no inline style inside the charts");
    assert.match(body, /「新しい時代の公」協働推進事業 .*52101 NPOと行政との協働の推進 3,011 2,612 5,623/);
    assert.match(body, /NPO活動支援ふるさと雇用再生事業 .* - 50,381 50,381/);
    assert.match(body, /合計 74,975 155,568 230,543/);
    assert.doesNotMatch(body, /指標を追加/, "department staff cannot edit");
  });
});

describe("the plan page", () => {
  it("links to the indicators page and shows each item's indicators in one line", async () => {
    const res = await get(`/plans/${planId}`, staff);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, new RegExp(`href="/plans/${planId}/indicators"`));
    assert.match(
      text(html),
      /主指標 NPO\(ボランティア団体・市民活動団体等\)の数: 平成20年度 実績値 1,931団体／目標値 1,700団体（達成率 113\.6%）/,
    );
  });
});

describe("editing an indicator", () => {
  it("saves the yearly values a clerk types (1,931団体 and １９３１ alike)", async () => {
    const x = await npo();
    const res = await app.request(
      `/plans/${planId}/indicators/${x.id}/edit`,
      postForm(editForm(x, { "values.3.actual": "2,050団体", "values.3.note": "速報値" }), { cookie: admin }),
    );
    assert.equal(res.status, 303);
    const after = (await findIndicator(database.db, x.id))!;
    assert.deepEqual(after.values[2], { fiscalYear: 2008, target: 1700, actual: 1931, note: null });
    assert.deepEqual(after.values[3], { fiscalYear: 2009, target: 2040, actual: 2050, note: "速報値" });
  });

  it("answers 422 with the field's message in Japanese for a bad value, and saves nothing", async () => {
    const x = await npo();
    for (const [field, value, message] of [
      ["values.2.actual", "たくさん", /数値として読めません/],
      ["values.2.actual", "-3", /マイナス/],
      ["values.2.actual", "1931人", /単位が違います/],
      ["values.4.year", "H24年度", /期間/],
    ] as const) {
      const res = await app.request(
        `/plans/${planId}/indicators/${x.id}/edit`,
        postForm(editForm(x, { [field]: value }), { cookie: admin }),
      );
      assert.equal(res.status, 422, `${field}=${value}`);
      const html = await res.text();
      assert.match(text(html), message);
      assert.match(html, new RegExp(`id="f-${field.replace(/\./g, "\\.")}"[^>]*aria-invalid="true"`));
      assert.deepEqual(await findIndicator(database.db, x.id), x);
    }
  });

  it("answers 409 with what changed when someone saved first, and writes nothing", async () => {
    const x = await npo();
    const first = await app.request(
      `/plans/${planId}/indicators/${x.id}/edit`,
      postForm(editForm(x, { definition: "先に保存した説明" }), { cookie: admin }),
    );
    assert.equal(first.status, 303);
    const stale = await app.request(
      `/plans/${planId}/indicators/${x.id}/edit`,
      postForm(editForm(x, { definition: "あとから保存した説明" }), { cookie: admin }),
    );
    assert.equal(stale.status, 409);
    assert.match(text(await stale.text()), /先に保存した説明 あとから保存した説明/);
    assert.equal((await findIndicator(database.db, x.id))!.definition, "先に保存した説明");
  });

  it("refuses department staff (403) and another organisation's administrator (403)", async () => {
    const x = await npo();
    for (const cookie of [staff, outsider]) {
      const res = await app.request(
        `/plans/${planId}/indicators/${x.id}/edit`,
        postForm(editForm(x, { name: "乗っ取り" }), { cookie }),
      );
      assert.equal(res.status, 403);
    }
    assert.equal((await findIndicator(database.db, x.id))!.name, x.name);
  });

  it("adds a statistic without targets, and refuses a target on it", async () => {
    const base = {
      version: "0",
      nodeId: "",
      role: "statistic",
      name: "NPO法人数",
      unit: "法人",
      definition: "",
      direction: "",
      baselineYear: "",
      sourceNote: "(県民生活課資料) (年度末)",
      "values.0.year": "H20",
      "values.0.actual": "330",
    };
    const bad = await app.request(
      `/plans/${planId}/indicators`,
      postForm({ ...base, "values.0.target": "400" }, { cookie: admin }),
    );
    assert.equal(bad.status, 422);
    assert.match(text(await bad.text()), /統計には目標値を入力できません/);
    const ok = await app.request(`/plans/${planId}/indicators`, postForm(base, { cookie: admin }));
    assert.equal(ok.status, 303);
    const stat = (await findPlanIndicators(database.db, planId)).find((i) => i.name === "NPO法人数")!;
    assert.deepEqual(stat.values, [{ fiscalYear: 2008, target: null, actual: 330, note: null }]);
  });
});

describe("editing a project's budget", () => {
  it("shows the form with the years, and saves amounts in thousand yen", async () => {
    const [line] = await findPlanBudgetLines(database.db, planId);
    const page = await get(`/plans/${planId}/budgets/${line!.id}/edit`, admin);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /value="3,011"/);
    const res = await app.request(
      `/plans/${planId}/budgets/${line!.id}/edit`,
      postForm(
        {
          version: String(line!.version),
          nodeId: line!.nodeId!,
          name: line!.name,
          servesLabel: line!.servesLabel!,
          summary: line!.summary!,
          "amounts.0.year": "(21)",
          "amounts.0.amount": "3,011",
        },
        { cookie: admin },
      ),
    );
    assert.equal(res.status, 422, "a bare (21) needs an era");
    const ok = await app.request(
      `/plans/${planId}/budgets/${line!.id}/edit`,
      postForm(
        {
          version: String(line!.version),
          nodeId: line!.nodeId!,
          name: line!.name,
          servesLabel: line!.servesLabel!,
          summary: line!.summary!,
          "amounts.0.year": "H21",
          "amounts.0.amount": "3,011千円",
          "amounts.1.year": "平成22年度",
          "amounts.1.amount": "2,700",
        },
        { cookie: admin },
      ),
    );
    assert.equal(ok.status, 303);
    assert.deepEqual((await findPlanBudgetLines(database.db, planId))[0]!.amounts, [
      { fiscalYear: 2009, amount: 3011 },
      { fiscalYear: 2010, amount: 2700 },
    ]);
  });
});
