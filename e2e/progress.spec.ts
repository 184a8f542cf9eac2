import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { organisations } from "../src/accounts/accounts.table.js";
import { DEMO_PASSWORD } from "../src/demo/seed.js";
import { importPlanDocument } from "../src/plans/import-plan-document.js";
import type { PlanDocument } from "../src/plans/plan-document.js";
import { SYSTEM_ACTOR } from "../src/plans/plan-use-case.js";
import { openRound } from "../src/progress/open-round.js";
import { smallPlanDocument } from "../src/progress/progress.factories.js";
import { startTestServer, type TestServer } from "./support/app-server.js";
import { axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { screenshot } from "./support/screenshots.js";

async function assertAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
  await screenshot(page, `progress-${name}`);
}

async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: "ログイン" }).click(),
  ]);
}

async function signOut(page: Page): Promise<void> {
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: "ログアウト" }).click(),
  ]);
}

describe("a department reports progress and the plan owner reviews it", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let roundId: string;

  before(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const [yamaguchi] = await db.select().from(organisations).where(eq(organisations.code, "350001"));
    // the small test plan, with the demo prefecture's departments: 県民生活課 (the demo staff's) and 人事課
    const doc = JSON.parse(
      JSON.stringify(smallPlanDocument("山口県協働推進計画"))
        .replaceAll("協働推進課", "県民生活課")
        .replaceAll("産業振興課", "人事課"),
    ) as PlanDocument;
    const imported = await importPlanDocument({ db }, SYSTEM_ACTOR, yamaguchi!.id, doc);
    assert.ok(imported.ok, JSON.stringify(imported));
    const opened = await openRound({ db }, SYSTEM_ACTOR, {
      planId: imported.planId,
      fiscalYear: 2024,
      asOfLabel: "令和6年12月末日時点",
      deadline: "2099-01-31",
      fieldsAsked: ["status", "grade", "result", "issuesText"],
      instructions: "12月末時点の進捗を入力し、提出してください。",
      entryMode: "per-department",
    });
    assert.ok(opened.ok, JSON.stringify(opened));
    roundId = opened.round.id;
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows department staff only the items of their department", async () => {
    await signIn(page, server.baseUrl, "staff@demo.kyodo.jp");
    await page
      .getByRole("navigation", { name: "メインメニュー" })
      .getByRole("link", { name: "進捗報告" })
      .click();
    await page.getByRole("link", { name: "山口県協働推進計画 令和6年度" }).click();
    assert.equal(new URL(page.url()).pathname, `/progress/rounds/${roundId}`);
    const mine = page.getByRole("region", { name: "あなたの課の取組" });
    const names = (await mine.getByRole("rowheader").allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(names, ["1 活動拠点の確保", "3 協働事業提案制度", "4 職員研修"]);
    assert.equal(await page.getByText("中小企業との協働").count(), 0);
    await assertAccessible(page, "todo");
  });

  it("saves a draft keeping line breaks, then submits it", async () => {
    await page.getByRole("link", { name: "1 活動拠点の確保" }).click();
    await page.getByLabel("進捗状況").selectOption("着手中");
    await page.getByLabel("評価").selectOption("○");
    await page.getByLabel("実績").fill("拠点を2か所に増やした。\n利用団体は20団体。");
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "下書き保存" }).click(),
    ]);
    assert.ok(await page.getByRole("status").getByText("保存しました。").isVisible());
    assert.equal(await page.getByLabel("実績").inputValue(), "拠点を2か所に増やした。\n利用団体は20団体。");
    await assertAccessible(page, "entry-draft");
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "提出する" }).click(),
    ]);
    assert.ok(await page.getByText("提出しました。").isVisible());
    assert.ok(await page.getByText("この報告は現在編集できません。").isVisible());
    await signOut(page);
  });

  it("lets the plan owner see the board and return the entry with a comment", async () => {
    await signIn(page, server.baseUrl, "admin@demo.kyodo.jp");
    await page.goto(`${server.baseUrl}/progress/rounds/${roundId}`);
    const byDept = page.getByRole("region", { name: "担当課ごとの提出状況" });
    const row = byDept.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "県民生活課" }) });
    const cells = (await row.getByRole("cell").allInnerTexts()).map((s) => s.trim());
    // not started, draft, submitted, returned, approved, total, percent submitted／approved, overdue
    assert.deepEqual(cells, ["1", "0", "1", "0", "0", "2", "提出 50%／承認 0%", "期限内"]);
    // one click reminds the departments with unfinished entries (in-app notices; no SMTP in this server)
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "未提出の課に督促する" }).click(),
    ]);
    assert.ok(
      await page
        .getByRole("status")
        .getByText(/課に督促しました。/)
        .isVisible(),
    );
    assert.match(
      await page.getByRole("region", { name: "督促・リマインダー" }).innerText(),
      /県民生活課: 手動の督促/,
    );
    await assertAccessible(page, "board");
    await page.getByRole("link", { name: /^差し戻す.*1 活動拠点の確保$/ }).click();
    await page
      .getByLabel("差し戻しの理由（担当課に表示されます）")
      .fill("利用団体の内訳も記入してください。");
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "差し戻す" }).click(),
    ]);
    assert.equal(new URL(page.url()).pathname, `/progress/rounds/${roundId}`);
    const itemRow = page
      .getByRole("region", { name: "取組ごとの報告" })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "1 活動拠点の確保" }) });
    assert.match(await itemRow.innerText(), /差し戻し/);
    await signOut(page);
  });

  it("shows the department its reminder among its notices, with the unread count in the header", async () => {
    await signIn(page, server.baseUrl, "staff@demo.kyodo.jp");
    const link = page.getByRole("link", { name: /^お知らせ/ });
    assert.match(await link.innerText(), /未読 \d+件/);
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), link.click()]);
    const reminder = page
      .getByRole("listitem")
      .filter({ hasText: "山口県協働推進計画 令和6年度の進捗報告が未提出です" });
    // the submitted item is not listed; the unfinished ones are
    assert.match(await reminder.innerText(), /・3 協働事業提案制度\n・4 職員研修/);
    assert.doesNotMatch(await reminder.innerText(), /活動拠点の確保/);
    assert.match(await reminder.innerText(), /未読/);
    await assertAccessible(page, "notices");
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "すべて既読にする" }).click(),
    ]);
    assert.doesNotMatch(await page.getByRole("link", { name: /^お知らせ/ }).innerText(), /未読/);
  });

  it("shows the department the returned entry with the reason, ready to edit again", async () => {
    await page.goto(`${server.baseUrl}/progress`);
    await page.goto(`${server.baseUrl}/progress/rounds/${roundId}`);
    await page.getByRole("link", { name: "1 活動拠点の確保" }).click();
    assert.ok(await page.getByRole("note").getByText("利用団体の内訳も記入してください。").isVisible());
    assert.equal(await page.getByLabel("実績").inputValue(), "拠点を2か所に増やした。\n利用団体は20団体。");
    await assertAccessible(page, "entry-returned");
  });
});
