import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Hono } from "hono";
import type { CurrentUser } from "../accounts/account.js";
import { loadConfig } from "../config.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import type { AppEnv } from "../web/context.js";
import { createLogger } from "../web/log.js";
import { cityGuidelineDocument } from "./fixtures/city-guideline.js";
import { prefBasicPlanDocument } from "./fixtures/pref-basic-plan.js";
import { importPlanDocument } from "./import-plan-document.js";
import { createOrg, person } from "./plan.factories.js";
import { findNodes, findPlan } from "./plan.repository.js";
import { planRoutes } from "./plan.routes.js";
import { SYSTEM_ACTOR } from "./plan-use-case.js";

let database: Database;
let orgId: string;
let cityPlanId: string;
let basicPlanId: string;
let deptId: string;

before(async () => {
  database = await createTestDatabase();
  const org = await createOrg(database.db, { name: "協働市", departments: ["環境生活部 県民生活課"] });
  orgId = org.orgId;
  deptId = org.departmentIds["環境生活部 県民生活課"]!;
  const city = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, orgId, cityGuidelineDocument);
  const basic = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, orgId, prefBasicPlanDocument);
  assert.ok(city.ok && basic.ok);
  cityPlanId = city.planId;
  basicPlanId = basic.planId;
});
after(() => database.close());

function appFor(user: CurrentUser | null) {
  const cfg = loadConfig({ NODE_ENV: "test" });
  if (!cfg.ok) throw new Error(cfg.message);
  const deps = { database, config: cfg.config, log: createLogger("error") };
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set("deps", deps);
      c.set("requestId", "test");
      c.set("user", user);
      await next();
    })
    .route("/", planRoutes);
}

const post = (app: ReturnType<typeof appFor>, path: string, fields: Record<string, string>) =>
  app.request(path, { method: "POST", body: new URLSearchParams(fields) });

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("plan pages", () => {
  it("asks a visitor who is not signed in to sign in (401, in Japanese)", async () => {
    const res = await appFor(null).request("/plans");
    assert.equal(res.status, 401);
    assert.match(await res.text(), /ログインしてください/);
  });

  it("lists the organisation's plans with kind, term, period in 和暦 and status", async () => {
    const res = await appFor(person(orgId, "viewer")).request("/plans");
    assert.equal(res.status, 200);
    const body = text(await res.text());
    assert.match(body, /第1期指針 具体施策の進捗状況一覧 指針 第1期 — 推進中/);
    assert.match(body, /山口県県民活動促進基本計画 基本計画 第2次改定版 平成25年度〜平成29年度/);
  });

  it("shows the city guideline as the document does: categories, numbers, tiers, statuses, 2期案 and the tally", async () => {
    const res = await appFor(person(orgId, "viewer")).request(`/plans/${cityPlanId}`);
    assert.equal(res.status, 200);
    const body = text(await res.text());
    assert.match(body, /（1） 活動の場の提供に関すること/);
    assert.match(
      body,
      /1 民間施設等の活用に向けた協力体制の構築 【Ⅰ】&lt;重点施策&gt; 済・継 ホームページにて民間打合せスペースmapの作成及び公開 Ⅱ-イ/,
    );
    assert.match(body, /23 協働事業の評価・検証に関する仕組みづくり 【Ⅱ-イ】 未 Ⅱ-ア/);
    assert.match(body, /取組 23件/);
    assert.match(body, /4\/6：済 1\/6：着手中 1\/6：未 5\/6：済 1\/6：未 資料の記載と異なります/);
    assert.match(body, /2\/2：未 2\/2：未 一致/);
    assert.doesNotMatch(body, /項目を追加|操作/, "a viewer sees no editing controls");
  });

  it("shows the basic plan's revision history, chapters with their table, and the 再掲 mark", async () => {
    const html = await (await appFor(person(orgId, "viewer")).request(`/plans/${basicPlanId}`)).text();
    const body = text(html);
    assert.match(body, /平成15年3月 基本計画策定 策定 計画期間：平成15～19年度/);
    assert.match(body, /平成23年3月 基本計画延長 延長/);
    assert.match(body, /NPO法人数 330 354 376 386/);
    assert.match(body, /県の広報媒体や県政出前講座を活用した普及啓発 （再掲）/);
  });

  it("highlights the items of the department the person belongs to", async () => {
    const html = await (
      await appFor(person(orgId, "department", [deptId])).request(`/plans/${basicPlanId}`)
    ).text();
    assert.equal(html.match(/plan-row--mine/g)?.length, 3, "own item, the 全課 item and its 再掲 listing");
    const body = text(html);
    assert.match(body, /県民活動促進期間（毎年10・11月）における重点的な普及啓発活動の推進 担当/);
    assert.match(body, /（再掲） 再掲元: 県の広報媒体や県政出前講座を活用した普及啓発 担当/);
    const viewer = await (await appFor(person(orgId, "viewer")).request(`/plans/${basicPlanId}`)).text();
    assert.doesNotMatch(viewer, /plan-row--mine/);
  });

  it("refuses another organisation's plan and a department's attempt to edit", async () => {
    const other = await createOrg(database.db);
    assert.equal((await appFor(person(other.orgId, "admin")).request(`/plans/${cityPlanId}`)).status, 403);
    assert.equal(
      (await appFor(person(orgId, "department")).request(`/plans/${cityPlanId}/edit`)).status,
      403,
    );
    assert.equal((await appFor(person(orgId, "admin")).request("/plans/not-a-uuid")).status, 404);
  });
});

describe("editing plans through the forms", () => {
  it("creates a plan with its vocabularies and shows it", async () => {
    const app = appFor(person(orgId));
    const res = await post(app, "/plans", {
      title: "第2次協働推進計画",
      kind: "推進計画",
      termLabel: "第2期",
      firstYear: "２０２４",
      lastYear: "2028",
      status: "draft",
      levelNames: "基本目標\n施策\n事業",
      tiers: "Ⅰ｜【Ⅰ】<重点>｜優先度が高く、短期的（1～2年）に実施していくもの\nⅡ｜【Ⅱ】｜",
      statusVocabulary: "済｜完了\n済・継｜完了\n未｜未着手",
      gradeVocabulary: "A｜十分\nB｜概ね",
      revisions: "策定｜2024-03｜令和6年3月 策定｜",
    });
    assert.equal(res.status, 303);
    const id = res.headers.get("location")!.split("/").pop()!;
    const plan = (await findPlan(database.db, id))!;
    assert.equal(plan.firstYear, 2024);
    assert.deepEqual(
      plan.statusVocabulary.map((s) => s.canonical),
      ["done", "done", "not_started"],
    );
    assert.equal(plan.tiers[0]!.definition, "優先度が高く、短期的（1～2年）に実施していくもの");
  });

  it("re-renders the form with field messages (422) and saves nothing when the input is wrong", async () => {
    const app = appFor(person(orgId));
    const res = await post(app, "/plans", {
      title: "",
      kind: "指針",
      firstYear: "2028",
      lastYear: "2024",
      status: "draft",
      levelNames: "",
      statusVocabulary: "済｜終わった",
    });
    assert.equal(res.status, 422);
    const body = await res.text();
    assert.match(body, /1行目: 区分は 完了・一部完了・着手中・未着手・中止 のいずれかです/);
    const res2 = await post(app, "/plans", {
      title: "",
      kind: "指針",
      firstYear: "2028",
      lastYear: "2024",
      status: "draft",
      levelNames: "",
    });
    assert.equal(res2.status, 422);
    const body2 = await res2.text();
    assert.match(body2, /計画名を入力してください/);
    assert.match(body2, /終了年度は開始年度以降にしてください/);
    assert.match(body2, /階層の名前を1つ以上入力してください/);
    assert.match(body2, /aria-invalid="true"/);
  });

  it("adds an item, refusing first a tier the plan does not have and a duplicate number", async () => {
    const app = appFor(person(orgId));
    const nodes = await findNodes(database.db, cityPlanId);
    const parent = nodes.find((n) => n.key === "c1-1")!;
    const bad = await post(app, `/plans/${cityPlanId}/nodes`, {
      parentId: parent.id,
      kind: "item",
      label: "1",
      title: "新しい取組",
      tierCode: "Ⅳ",
    });
    assert.equal(bad.status, 422);
    const body = await bad.text();
    assert.match(body, /番号「1」は同じ階層にすでにあります/);
    assert.match(body, /優先度「Ⅳ」はこの計画の優先度/);
    assert.equal((await findNodes(database.db, cityPlanId)).length, nodes.length);
    const ok = await post(app, `/plans/${cityPlanId}/nodes`, {
      parentId: parent.id,
      kind: "item",
      label: "24",
      title: "新しい取組",
      tierCode: "Ⅲ",
      departments: "協働推進課、全課",
    });
    assert.equal(ok.status, 303);
    const added = (await findNodes(database.db, cityPlanId)).find((n) => n.title === "新しい取組")!;
    assert.deepEqual(
      added.departments.map((d) => d.name),
      ["協働推進課", "全課"],
    );
  });

  it("answers an edit of an outdated version with 409 and what changed", async () => {
    const app = appFor(person(orgId));
    const node = (await findNodes(database.db, cityPlanId)).find((n) => n.key === "item-2")!;
    const fields = {
      kind: "item",
      label: "2",
      title: "公共施設の有効利用（改）",
      tierCode: "Ⅰ",
      version: String(node.version),
    };
    assert.equal((await post(app, `/plans/${cityPlanId}/nodes/${node.id}/edit`, fields)).status, 303);
    const stale = await post(app, `/plans/${cityPlanId}/nodes/${node.id}/edit`, {
      ...fields,
      title: "別の名前",
    });
    assert.equal(stale.status, 409);
    const body = text(await stale.text());
    assert.match(body, /ほかの人が先に更新しました/);
    assert.match(body, /公共施設の有効利用（改） 別の名前/);
  });

  it("asks for confirmation before deleting, then deletes", async () => {
    const app = appFor(person(orgId));
    const node = (await findNodes(database.db, cityPlanId)).find((n) => n.key === "item-17")!;
    const page = await app.request(`/plans/${cityPlanId}/nodes/${node.id}/delete`);
    assert.match(await page.text(), /よろしいですか/);
    const unconfirmed = await post(app, `/plans/${cityPlanId}/nodes/${node.id}/delete`, {
      version: String(node.version),
    });
    assert.equal(unconfirmed.status, 422);
    assert.ok((await findNodes(database.db, cityPlanId)).some((n) => n.id === node.id));
    const done = await post(app, `/plans/${cityPlanId}/nodes/${node.id}/delete`, {
      version: String(node.version),
      confirmed: "on",
    });
    assert.equal(done.status, 303);
    assert.ok(!(await findNodes(database.db, cityPlanId)).some((n) => n.id === node.id));
  });

  it("moves an item down among its siblings and refuses a move under itself", async () => {
    const app = appFor(person(orgId));
    const nodes = await findNodes(database.db, cityPlanId);
    const first = nodes.find((n) => n.key === "item-6")!;
    assert.equal(
      (await post(app, `/plans/${cityPlanId}/nodes/${first.id}/reorder`, { direction: "down" })).status,
      303,
    );
    const after = (await findNodes(database.db, cityPlanId)).find((n) => n.key === "item-6")!;
    assert.equal(after.position, first.position + 1);
    const cat = nodes.find((n) => n.key === "c3")!;
    const child = nodes.find((n) => n.key === "c3-1")!;
    const cycle = await post(app, `/plans/${cityPlanId}/nodes/${cat.id}/move`, {
      version: String(cat.version),
      parentId: child.id,
    });
    assert.equal(cycle.status, 422);
    assert.match(await cycle.text(), /その下の項目の下には移動できません/);
  });
});
