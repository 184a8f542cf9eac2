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
import { closeRound } from "../progress/change-round-state.js";
import { openRound } from "../progress/open-round.js";
import { createGroup } from "../registries/create-group.js";
import { groupInput } from "../registries/registries.factories.js";
import { findIndicator, findPlanBudgetLines, findPlanIndicators } from "./indicator.repository.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let planId: string;
let admin: string;
let staff: string;
let outsider: string;
let otherDept: string;
let orgId: string;

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  const org = await makeOrg(database.db, "三重県");
  orgId = org.id;
  const dept = await makeDepartment(database.db, org.id, "生活・文化部");
  const soumu = await makeDepartment(database.db, org.id, "総務課");
  const r = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, org.id, prefPolicyOverviewDocument);
  assert.ok(r.ok);
  planId = r.planId;
  admin = await signedInCookie(database.db, (await makeUser(database.db, org.id, "admin")).id);
  staff = await signedInCookie(
    database.db,
    (await makeUser(database.db, org.id, "department", { departmentIds: [dept] })).id,
  );
  otherDept = await signedInCookie(
    database.db,
    (await makeUser(database.db, org.id, "department", { departmentIds: [soumu] })).id,
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

/** A fresh copy of the overview (its own plan), so these tests do not change the shared one. */
async function freshPlan(): Promise<string> {
  const r = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, orgId, {
    ...prefPolicyOverviewDocument,
    title: `施策別概要 ${Math.random()}`,
    rounds: [],
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.planId;
}

async function roundOf(plan: string, fiscalYear = 2009) {
  const r = await openRound({ db: database.db }, SYSTEM_ACTOR, {
    planId: plan,
    fiscalYear,
    fieldsAsked: ["status", "result"],
    entryMode: "per-department",
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.round;
}

describe("department staff enter the year's actuals in a reporting round", () => {
  it("shows the department its items' indicators with the year's target, and saves 1,931団体 as 1931", async () => {
    const plan = await freshPlan();
    const round = await roundOf(plan);
    const page = await get(`/progress/rounds/${round.id}/actuals`, staff);
    assert.equal(page.status, 200);
    const body = text(await page.text());
    assert.match(body, /平成21年度の指標の実績値/);
    assert.match(body, /NPO\(ボランティア団体・市民活動団体等\)の数/);
    assert.match(body, /目標値 2,040団体/);
    const [x] = await findPlanIndicators(database.db, plan);
    const res = await app.request(
      `/progress/rounds/${round.id}/actuals/${x!.id}`,
      postForm(
        { version: String(x!.version), [`a-${x!.id}.actual`]: "2,050団体", [`a-${x!.id}.note`]: "速報値" },
        { cookie: staff },
      ),
    );
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location")!, new RegExp(`saved=${x!.id}`));
    const stored = (await findIndicator(database.db, x!.id))!.values.find((v) => v.fiscalYear === 2009)!;
    assert.deepEqual(stored, { fiscalYear: 2009, target: 2040, actual: 2050, note: "速報値" });
  });

  it("is reachable from the entry page and the department's to-do", async () => {
    const plan = await freshPlan();
    const round = await roundOf(plan);
    const board = await (await get(`/progress/rounds/${round.id}`, staff)).text();
    assert.ok(board.includes(`href="/progress/rounds/${round.id}/actuals"`));
    const entry = /href="(\/progress\/entries\/[0-9a-f-]+)"/.exec(board)![1]!;
    const entryPage = await (await get(entry, staff)).text();
    assert.ok(entryPage.includes(`href="/progress/rounds/${round.id}/actuals"`));
  });

  it("answers a bad value with a field message in Japanese and saves nothing", async () => {
    const plan = await freshPlan();
    const round = await roundOf(plan);
    const [x] = await findPlanIndicators(database.db, plan);
    for (const [value, message] of [
      ["たくさん", /数値として読めません/],
      ["-5", /マイナス/],
      ["2,050人", /単位が違います/],
    ] as const) {
      const res = await app.request(
        `/progress/rounds/${round.id}/actuals/${x!.id}`,
        postForm({ version: String(x!.version), [`a-${x!.id}.actual`]: value }, { cookie: staff }),
      );
      assert.equal(res.status, 422, value);
      const html = await res.text();
      assert.match(text(html), message);
      assert.ok(html.includes(`value="${value}"`), "the typed value comes back");
    }
    assert.equal((await findIndicator(database.db, x!.id))!.version, x!.version);
  });

  it("refuses another department (403), another organisation (404) and a stale version (409)", async () => {
    const plan = await freshPlan();
    const round = await roundOf(plan);
    const [x] = await findPlanIndicators(database.db, plan);
    const post = (cookie: string, version: number) =>
      app.request(
        `/progress/rounds/${round.id}/actuals/${x!.id}`,
        postForm({ version: String(version), [`a-${x!.id}.actual`]: "2050" }, { cookie }),
      );
    const otherPage = text(await (await get(`/progress/rounds/${round.id}/actuals`, otherDept)).text());
    assert.match(otherPage, /実績値を入力する指標はありません/);
    assert.equal((await post(otherDept, x!.version)).status, 403);
    assert.equal((await get(`/progress/rounds/${round.id}/actuals`, outsider)).status, 404);
    assert.equal((await post(outsider, x!.version)).status, 404);
    assert.equal((await post(staff, x!.version)).status, 303);
    const stale = await post(staff, x!.version);
    assert.equal(stale.status, 409);
    assert.match(text(await stale.text()), /ほかの人が先に更新しました/);
  });

  it("refuses entry once the round is closed, with a clear message", async () => {
    const plan = await freshPlan();
    const round = await roundOf(plan);
    const closed = await closeRound({ db: database.db }, SYSTEM_ACTOR, round.id, { version: round.version });
    assert.ok(closed.ok);
    const [x] = await findPlanIndicators(database.db, plan);
    const page = text(await (await get(`/progress/rounds/${round.id}/actuals`, staff)).text());
    assert.match(page, /締め切られているため、実績値を入力できません/);
    const res = await app.request(
      `/progress/rounds/${round.id}/actuals/${x!.id}`,
      postForm({ version: String(x!.version), [`a-${x!.id}.actual`]: "2050" }, { cookie: staff }),
    );
    assert.equal(res.status, 422);
    assert.match(text(await res.text()), /締め切られているため/);
    assert.equal(
      (await findIndicator(database.db, x!.id))!.values.find((v) => v.fiscalYear === 2009)!.actual,
      null,
    );
  });
});

describe("live indicators on the indicators page", () => {
  it("binds an indicator to the group registry, shows the count with its source, and freezes a year", async () => {
    const plan = await freshPlan();
    const groups = await createGroup(
      { db: database.db },
      SYSTEM_ACTOR,
      orgId,
      groupInput({ registeredOn: "2007-05-01" }) as never,
    );
    assert.ok(groups.ok, JSON.stringify(groups));
    const [x] = await findPlanIndicators(database.db, plan);
    const saved = await app.request(
      `/plans/${plan}/indicators/${x!.id}/edit`,
      postForm(
        {
          ...editForm(x!, { liveSource: "groups" }),
          "values.0.actual": "",
          "values.1.actual": "",
          "values.2.actual": "",
        },
        { cookie: admin },
      ),
    );
    assert.equal(saved.status, 303);
    const page = text(await (await get(`/plans/${plan}/indicators`, admin)).text());
    assert.match(page, /市民活動団体台帳より自動集計（年度末時点）/);
    assert.match(page, /集計中（未固定）/);
    assert.match(page, /平成20年度の実績値を固定する/);
    // the plan page's one-line summary takes the counted actual too
    assert.match(
      text(await (await get(`/plans/${plan}`, admin)).text()),
      /平成22年度 実績値 1団体／目標値 2,140団体/,
    );
    const live = (await findIndicator(database.db, x!.id))!;
    const denied = await app.request(
      `/plans/${plan}/indicators/${x!.id}/freeze`,
      postForm({ version: String(live.version), fiscalYear: "2008" }, { cookie: staff }),
    );
    assert.equal(denied.status, 403);
    const froze = await app.request(
      `/plans/${plan}/indicators/${x!.id}/freeze`,
      postForm({ version: String(live.version), fiscalYear: "2008" }, { cookie: admin }),
    );
    assert.equal(froze.status, 303);
    const after = (await findIndicator(database.db, x!.id))!;
    assert.deepEqual(
      after.frozen.map((f) => f.fiscalYear),
      [2008],
    );
    assert.ok((after.values.find((v) => v.fiscalYear === 2008)!.actual ?? 0) >= 1);
    assert.match(text(await (await get(`/plans/${plan}/indicators`, admin)).text()), /固定済み/);
    const audit = text(await (await get("/admin/audit", admin)).text());
    assert.match(audit, /指標の実績値の固定（自動集計）/);
    assert.match(audit, /指標の編集/);
    const stale = await app.request(
      `/plans/${plan}/indicators/${x!.id}/freeze`,
      postForm({ version: String(live.version), fiscalYear: "2009" }, { cookie: admin }),
    );
    assert.equal(stale.status, 409);
    const typed = await app.request(
      `/plans/${plan}/indicators/${x!.id}/edit`,
      postForm({ ...editForm(after, { liveSource: "groups" }), "values.3.actual": "5" }, { cookie: admin }),
    );
    assert.equal(typed.status, 422);
    assert.match(text(await typed.text()), /台帳から自動集計します/);
  });
});

describe("deleting from the indicators page", () => {
  it("deletes an indicator and a project for the plan owner only, refusing a stale version", async () => {
    const plan = await freshPlan();
    const [x] = await findPlanIndicators(database.db, plan);
    const [line] = await findPlanBudgetLines(database.db, plan);
    const edit = await (await get(`/plans/${plan}/indicators/${x!.id}/edit`, admin)).text();
    assert.match(text(edit), /この指標を削除する/);
    const del = (path: string, version: number, cookie: string) =>
      app.request(path, postForm({ version: String(version) }, { cookie }));
    assert.equal((await del(`/plans/${plan}/indicators/${x!.id}/delete`, x!.version, staff)).status, 403);
    assert.equal((await del(`/plans/${plan}/indicators/${x!.id}/delete`, x!.version, outsider)).status, 403);
    assert.equal((await del(`/plans/${plan}/indicators/${x!.id}/delete`, x!.version + 1, admin)).status, 409);
    assert.equal((await del(`/plans/${plan}/indicators/${x!.id}/delete`, x!.version, admin)).status, 303);
    assert.equal((await del(`/plans/${plan}/budgets/${line!.id}/delete`, line!.version, admin)).status, 303);
    const page = text(await (await get(`/plans/${plan}/indicators`, admin)).text());
    assert.ok(!page.includes(x!.name));
    assert.ok(!page.includes(line!.name));
    assert.equal((await get(`/plans/${plan}/indicators/${x!.id}/edit`, admin)).status, 404);
  });
});
