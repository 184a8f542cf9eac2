import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { departments, users } from "../src/accounts/accounts.table.js";
import { makeUser } from "../src/accounts/test-factories.js";
import { DEMO_PASSWORD } from "../src/demo/seed.js";
import { prefPolicyOverviewDocument } from "../src/plans/fixtures/pref-policy-overview.js";
import { importPlanDocument } from "../src/plans/import-plan-document.js";
import { SYSTEM_ACTOR } from "../src/plans/plan-use-case.js";
import { openRound } from "../src/progress/open-round.js";
import { createGroup } from "../src/registries/create-group.js";
import { groupInput } from "../src/registries/registries.factories.js";
import { startTestServer, type TestServer } from "./support/app-server.js";
import { axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { screenshot } from "./support/screenshots.js";

describe("a plan owner reads the fiscal-2010 overview's indicators and budgets", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let planId: string;
  const cspErrors: string[] = [];

  before(async () => {
    server = await startTestServer();
    const [admin] = await server.database.db
      .select()
      .from(users)
      .where(eq(users.email, "admin@demo.kyodo.jp"));
    const r = await importPlanDocument(
      { db: server.database.db },
      SYSTEM_ACTOR,
      admin!.orgId,
      prefPolicyOverviewDocument,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    planId = r.planId;
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1400, height: 900 } });
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to/.test(msg.text())) cspErrors.push(msg.text());
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("signs in through the sign-in page and opens the indicators from the plan page", async () => {
    await page.goto(`${server.baseUrl}/signin?next=/plans/${planId}`);
    await page.getByLabel("メールアドレス").fill("admin@demo.kyodo.jp");
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL(new RegExp(`/plans/${planId}$`)),
      page.getByRole("button", { name: "ログイン" }).click(),
    ]);
    await Promise.all([
      page.waitForURL(/\/indicators$/),
      page.getByRole("link", { name: "指標と予算を見る" }).click(),
    ]);
    assert.ok(await page.getByRole("heading", { level: 1, name: /指標と予算/ }).isVisible());
  });

  it("shows targets, actuals and computed achievement per fiscal year, as the overview prints them", async () => {
    const table = page.getByRole("table", { name: /NPO\(ボランティア団体・市民活動団体等\)の数/ });
    const headers = (await table.locator("thead th").allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(headers, ["区分", "平成18年度", "平成19年度", "平成20年度", "平成21年度", "平成22年度"]);
    const row = async (name: string) =>
      (
        await table
          .locator("tbody tr")
          .filter({ has: page.getByRole("rowheader", { name }) })
          .locator("td")
          .allInnerTexts()
      ).map((s) => s.trim());
    assert.deepEqual(await row("目標値"), ["-", "1,600団体", "1,700団体", "2,040団体", "2,140団体"]);
    assert.deepEqual(await row("実績値"), ["1,522団体", "1,576団体", "1,931団体", "-", "-"]);
    assert.deepEqual(await row("達成率"), ["-", "98.5%", "113.6%", "-", "-"]);
    assert.ok(
      await page.getByText("県が、地域の市民活動センターとも連携して把握している県内のNPOの数").isVisible(),
    );
    assert.ok(await page.getByText(/達成率 ＝ 実績値 ÷ 目標値 × 100/).isVisible());
    assert.ok(
      await page.getByRole("heading", { name: /ふりかえり（検証）会議を行った協働事業数/ }).isVisible(),
    );
  });

  it("draws each chart as an image with a name, rendered under the app's CSP without a refused style", async () => {
    const chart = page.getByRole("img", {
      name: /NPO\(ボランティア団体・市民活動団体等\)の数の目標値と実績値の推移/,
    });
    assert.ok(await chart.isVisible());
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 150, JSON.stringify(box));
    // the axis labels are drawn at the size echarts gave them (a refused style attribute would fall back to 16px)
    const fontSize = await chart
      .locator("text")
      .first()
      .evaluate((el) => getComputedStyle(el).fontSize);
    assert.equal(fontSize, "12px");
    assert.equal(await page.getByRole("img").count(), 3);
    assert.deepEqual(cspErrors, []);
  });

  it("lists the projects with their budgets and computes the totals, 「-」 staying absent", async () => {
    const budget = page.getByRole("table", { name: /主な事業の予算額/ });
    const furusato = budget
      .locator("tbody tr")
      .filter({ has: page.getByRole("rowheader", { name: /ふるさと雇用再生事業/ }) });
    assert.deepEqual((await furusato.locator("td").allInnerTexts()).map((s) => s.trim()).slice(1), [
      "-",
      "50,381",
      "50,381",
    ]);
    const total = (await budget.locator("tfoot td").allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(total, ["74,975", "155,568", "230,543"]);
  });

  it("has no axe-core violation on the indicators page and the edit forms", async () => {
    const editHref = await page
      .getByRole("link", { name: /^編集\s*: NPO\(ボランティア/ })
      .getAttribute("href");
    const budgetHref = await page
      .getByRole("link", { name: /^編集\s*: 「新しい時代の公」/ })
      .getAttribute("href");
    for (const path of [`/plans/${planId}/indicators`, editHref!, budgetHref!, `/plans/${planId}`]) {
      await page.goto(`${server.baseUrl}${path}`);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `${path}\n${describeViolations(violations)}`);
    }
  });

  it("saves an actual typed in full-width digits from the edit form, by keyboard, and shows the new rate", async () => {
    const edit = await page.goto(`${server.baseUrl}/plans/${planId}/indicators`);
    assert.equal(edit?.status(), 200);
    await Promise.all([
      page.waitForURL(/\/edit$/),
      page.getByRole("link", { name: /^編集\s*: NPO\(ボランティア/ }).click(),
    ]);
    await page.getByLabel("平成21年度 実績値").fill("２，０５０団体");
    await Promise.all([
      page.waitForURL(/\/indicators#/),
      page.getByRole("button", { name: "保存する" }).press("Enter"),
    ]);
    const table = page.getByRole("table", { name: /NPO\(ボランティア団体・市民活動団体等\)の数/ });
    const rates = await table.locator("tbody tr").nth(2).locator("td").allInnerTexts();
    assert.equal(rates[3]?.trim(), "100.5%");
  });

  it("pastes yearly values, corrects a column the header does not name in the preview's mapping, and sees its values", async () => {
    await page.goto(`${server.baseUrl}/imports/plans/${planId}/indicators`);
    await page
      .getByLabel("Excelからコピーした表")
      .fill("指標名\t単位\tH22目標\tH22見込\nNPO(ボランティア団体・市民活動団体等)の数\t団体\t2,200\t2,150");
    await Promise.all([
      page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/),
      page.getByRole("button", { name: "内容を確認する" }).click(),
    ]);
    assert.equal(await page.getByRole("heading", { name: "列の対応", exact: true }).count(), 1);
    await page.getByLabel("D列「H22見込」の取り込む項目").selectOption("year:actual");
    await page.getByLabel("D列の年度").fill("H22");
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "この対応で確認し直す" }).click(),
    ]);
    const text = (await page.locator("main").innerText()).replace(/\s+/g, " ");
    assert.match(text, /平成22年度 実績値 - 2,150団体/);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await screenshot(page, "imports-values-mapping");
  });

  it("is captured in a screenshot", async () => {
    await page.goto(`${server.baseUrl}/plans/${planId}/indicators`);
    const file = await screenshot(page, "indicators-policy-overview");
    assert.ok(statSync(file).size > 20000);
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "indicators-policy-overview-print");
    await page.emulateMedia({ media: "screen" });
  });
});

describe("a plan owner binds an indicator to the registry and a department enters the year's actuals", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let planId: string;
  let roundId: string;

  const signIn = async (email: string, next: string) => {
    await page.goto(`${server.baseUrl}/signin?next=${next}`);
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL(new RegExp(`${next}$`)),
      page.getByRole("button", { name: "ログイン" }).click(),
    ]);
  };

  before(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const [admin] = await db.select().from(users).where(eq(users.email, "admin@demo.kyodo.jp"));
    const orgId = admin!.orgId;
    const r = await importPlanDocument({ db }, SYSTEM_ACTOR, orgId, {
      ...prefPolicyOverviewDocument,
      title: "施策別概要（自動集計の例）",
      rounds: [],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    planId = r.planId;
    // groups registered in H18–H20, one left in H21: the live count moves year by year
    const groups = [
      ["みえNPOネット", "ミエエヌピーオーネット", "NPO法人", "2006-06-01", null],
      ["つどい子ども劇場", "ツドイコドモゲキジョウ", "NPO法人", "2007-09-15", null],
      ["まちづくり協議会", "マチヅクリキョウギカイ", "任意団体", "2008-04-10", "2009-11-30"],
    ] as const;
    for (const [name, nameKana, legalForm, registeredOn, leftOn] of groups) {
      const g = await createGroup(
        { db },
        SYSTEM_ACTOR,
        orgId,
        groupInput({ name, nameKana, legalForm, registeredOn, leftOn }) as never,
      );
      if (!g.ok) throw new Error(JSON.stringify(g.errors));
    }
    const [dept] = await db
      .select()
      .from(departments)
      .where(and(eq(departments.orgId, orgId), eq(departments.name, "生活・文化部")));
    await makeUser(db, orgId, "department", {
      departmentIds: [dept!.id],
      email: "seikatsu@demo.kyodo.jp",
      displayName: "生活・文化部 担当",
      password: DEMO_PASSWORD,
    });
    const round = await openRound({ db }, SYSTEM_ACTOR, {
      planId,
      fiscalYear: 2009,
      fieldsAsked: ["status", "result"],
      entryMode: "per-department",
    });
    if (!round.ok) throw new Error(JSON.stringify(round.errors));
    roundId = round.round.id;
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1400, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("chooses 登録団体数 as the live source and shows the counted actuals with their source", async () => {
    await signIn("admin@demo.kyodo.jp", `/plans/${planId}/indicators`);
    await Promise.all([
      page.waitForURL(/\/edit$/),
      page.getByRole("link", { name: /^編集\s*: NPO\(ボランティア/ }).click(),
    ]);
    await page.getByLabel("実績値の自動集計").selectOption({ label: "登録団体数（年度末時点）" });
    for (const year of ["平成18年度", "平成19年度", "平成20年度"])
      await page.getByLabel(`${year} 実績値`).fill("");
    let violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await Promise.all([
      page.waitForURL(/\/indicators#/),
      page.getByRole("button", { name: "保存する" }).click(),
    ]);
    assert.ok(await page.getByText("市民活動団体台帳より自動集計（年度末時点）").first().isVisible());
    const table = page.getByRole("table", { name: /NPO\(ボランティア団体・市民活動団体等\)の数/ });
    const actuals = await table
      .locator("tbody tr")
      .filter({ has: page.getByRole("rowheader", { name: "実績値" }) })
      .locator("td")
      .allInnerTexts();
    assert.deepEqual(
      actuals.map((s) => s.trim()),
      ["1団体", "2団体", "3団体", "2団体", "2団体"],
    );
    await Promise.all([
      page.waitForURL(/\/indicators#/),
      page.getByRole("button", { name: /平成20年度の実績値を固定する/ }).click(),
    ]);
    assert.ok(
      await page
        .getByText(/固定済み/)
        .first()
        .isVisible(),
    );
    violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await page.locator(`section.indicator`).first().scrollIntoViewIfNeeded();
    await screenshot(page, "indicators-live");
  });

  it("lets the department enter the year's actual of its items from the round, 1,931団体 read as 1931", async () => {
    await page.context().clearCookies();
    await signIn("seikatsu@demo.kyodo.jp", `/progress/rounds/${roundId}`);
    await Promise.all([
      page.waitForURL(/\/actuals$/),
      page.getByRole("link", { name: "指標の実績値を入力する" }).click(),
    ]);
    assert.ok(await page.getByRole("heading", { level: 1, name: "平成21年度の指標の実績値" }).isVisible());
    // the live indicator shows its count; the others take a typed actual
    assert.ok(
      await page
        .getByText(/市民活動団体台帳より自動集計/)
        .first()
        .isVisible(),
    );
    await page.getByLabel("平成21年度 実績値").first().fill("-3");
    await page.getByRole("button", { name: /保存する.*ふりかえり（検証）会議を行った協働事業数/ }).click();
    assert.ok(await page.getByText(/マイナスの値は入力できません/).isVisible());
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await page.getByLabel("平成21年度 実績値").first().fill("３２事業");
    await Promise.all([
      page.waitForURL(/saved=/),
      page.getByRole("button", { name: /保存する.*ふりかえり（検証）会議を行った協働事業数/ }).click(),
    ]);
    assert.ok(await page.getByText("実績値を保存しました。").isVisible());
    assert.equal(await page.getByLabel("平成21年度 実績値").first().inputValue(), "32");
    assert.equal((await axeViolations(page)).length, 0);
    await screenshot(page, "indicators-round-actuals");
  });
});
