import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../src/demo/seed.js";
import { DEMO_DOCUMENT_DIR } from "../src/demo/seed-plans.js";
import { startTestServer, type TestServer } from "./support/app-server.js";
import { axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { screenshot } from "./support/screenshots.js";

async function assertAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
  await screenshot(page, `imports-${name}`);
}

describe("a plan owner imports the city guideline's progress list into a new plan", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("signs in through the sign-in page and finds 取り込み in the menu", async () => {
    await page.goto(`${server.baseUrl}/signin`);
    await page.getByLabel("メールアドレス").fill("admin@demo.kyodo.jp");
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByLabel("パスワード").press("Enter"),
    ]);
    const nav = page.getByRole("navigation", { name: "メインメニュー" });
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      nav.getByRole("link", { name: "取り込み" }).click(),
    ]);
    assert.equal(new URL(page.url()).pathname, "/imports");
    assert.ok(await page.getByRole("heading", { level: 1, name: "計画の取り込み" }).isVisible());
    assert.ok(await page.getByText("20.0MBまで").isVisible());
    await assertAccessible(page, "upload");
  });

  it("uploads the text file, sees 23 items without problems in the preview, and the stated tallies", async () => {
    await page
      .getByLabel("ファイル", { exact: true })
      .setInputFiles(path.join(DEMO_DOCUMENT_DIR, "city-guideline-progress-list.txt"));
    await page.getByLabel("進捗状況の年度（西暦・任意）").fill("令和5年度");
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "読み込んで内容を確認する" }).click(),
    ]);
    assert.match(new URL(page.url()).pathname, /^\/imports\/[0-9a-f-]{36}$/);
    assert.ok(await page.getByText("問題は見つかりませんでした。").isVisible());
    assert.ok(await page.getByText(/取組 23件/).isVisible());
    assert.equal(await page.locator("table.import-preview tbody tr.import-row--item").count(), 23);
    assert.ok(await page.getByRole("cell", { name: "5/6：済 1/6：未" }).isVisible());
    const select = page.getByLabel("D列「施策の実施」の取り込む項目");
    assert.equal(await select.inputValue(), "status");
    await assertAccessible(page, "preview");
  });

  it("commits, sees that the plan was created, and lands on the plan", async () => {
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "計画に反映する" }).click(),
    ]);
    assert.ok(await page.getByRole("heading", { level: 1, name: "計画を作成しました" }).isVisible());
    await assertAccessible(page, "result");
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("link", { name: "計画を開く" }).click(),
    ]);
    assert.match(new URL(page.url()).pathname, /^\/plans\/[0-9a-f-]{36}$/);
    assert.ok(
      await page.getByRole("heading", { level: 1, name: "第1期指針 具体施策の進捗状況一覧" }).isVisible(),
    );
    assert.equal(await page.locator("table.plan-tree tbody tr.plan-row--item").count(), 23);
    await screenshot(page, "imports-plan");
  });

  it("shows a clear message for a file it cannot read", async () => {
    await page.goto(`${server.baseUrl}/imports`);
    await page.getByLabel("ファイル", { exact: true }).setInputFiles({
      name: "壊れた.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from("これはExcelファイルではありません"),
    });
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "読み込んで内容を確認する" }).click(),
    ]);
    const alert = page.getByRole("alert");
    assert.ok(await alert.isVisible());
    await assertAccessible(page, "error");
  });
});
