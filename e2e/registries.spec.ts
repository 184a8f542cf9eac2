import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../src/demo/seed.js";
import { startTestServer, type TestServer } from "./support/app-server.js";
import { axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { screenshot } from "./support/screenshots.js";

async function assertAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
  await screenshot(page, `registries-${name}`);
}

async function submit(page: Page, button: string): Promise<number | undefined> {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: button }).click(),
  ]);
  return response?.status();
}

describe("registry staff keep the list of civic groups in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "ja-JP" });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("signs in as registry staff through the sign-in page and opens 団体・協働事業", async () => {
    await page.goto(`${server.baseUrl}/signin`);
    await page.getByLabel("メールアドレス").fill("registry@demo.kyodo.jp");
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
    await page
      .getByRole("navigation", { name: "メインメニュー" })
      .getByRole("link", { name: "団体・協働事業" })
      .click();
    await page.waitForLoadState("load");
    assert.equal(new URL(page.url()).pathname, "/registries/groups");
    assert.ok(await page.getByRole("link", { name: "周南里山の会" }).isVisible());
    await assertAccessible(page, "list");
  });

  it("is told in Japanese what to fix when the reading is in hiragana", async () => {
    await page.getByRole("link", { name: "団体を登録する" }).click();
    await page.waitForLoadState("load");
    await assertAccessible(page, "new");
    await page.getByRole("textbox", { name: "団体名（必須）" }).fill("下関ビーチクリーン隊");
    await page.getByRole("textbox", { name: /団体名のフリガナ/ }).fill("しものせきびーちくりーんたい");
    await page.getByRole("checkbox", { name: /環境の保全を図る活動/ }).check();
    await page.getByRole("textbox", { name: "電話番号" }).fill("083-123");
    await page.getByRole("textbox", { name: /^登録日/ }).fill("令和6年4月1日");
    assert.equal(await submit(page, "保存する"), 422);
    assert.match(
      (await page.getByRole("alert").textContent()) ?? "",
      /フリガナは全角カタカナで入力してください/,
    );
    assert.match((await page.getByRole("alert").textContent()) ?? "", /電話番号は/);
    await assertAccessible(page, "new-errors");
  });

  it("adds the group and finds it in the list by its reading", async () => {
    await page.getByRole("textbox", { name: /団体名のフリガナ/ }).fill("シモノセキビーチクリーンタイ");
    await page.getByRole("textbox", { name: "電話番号" }).fill("083-231-0000");
    await page.getByRole("textbox", { name: "代表者名" }).fill("関門 一郎");
    assert.equal(await submit(page, "保存する"), 200);
    assert.ok(await page.getByRole("heading", { name: "下関ビーチクリーン隊" }).isVisible());
    await assertAccessible(page, "detail");
    await page.goto(`${server.baseUrl}/registries/groups`);
    await page.getByLabel("名称・フリガナ").fill("しものせき");
    await submit(page, "絞り込む");
    assert.ok(await page.getByRole("link", { name: "下関ビーチクリーン隊" }).isVisible());
    assert.equal(await page.getByRole("link", { name: "周南里山の会" }).count(), 0);
  });

  it("shows the group in the public directory only after it is marked public, without the representative", async () => {
    const anonymous = await browser.newPage({ locale: "ja-JP" });
    await anonymous.goto(`${server.baseUrl}/public/groups`);
    assert.equal(await anonymous.getByRole("heading", { name: "下関ビーチクリーン隊" }).count(), 0);
    await page.getByRole("link", { name: "下関ビーチクリーン隊" }).click();
    await page.waitForLoadState("load");
    await page.getByRole("link", { name: "編集する" }).click();
    await page.waitForLoadState("load");
    await page.getByRole("checkbox", { name: "はい" }).check();
    await page.getByRole("textbox", { name: "活動地域" }).fill("下関市");
    await page
      .getByRole("group", { name: "あわせて公開する項目" })
      .getByRole("checkbox", { name: "活動地域" })
      .check();
    assert.equal(await submit(page, "保存する"), 200);
    await anonymous.reload();
    assert.ok(await anonymous.getByRole("heading", { name: "下関ビーチクリーン隊" }).isVisible());
    const body = (await anonymous.textContent("main")) ?? "";
    assert.match(body, /下関市/);
    assert.doesNotMatch(body, /関門 一郎|083-231-0000/);
    const violations = await axeViolations(anonymous);
    assert.equal(violations.length, 0, describeViolations(violations));
    await screenshot(anonymous, "registries-public");
    await anonymous.close();
  });

  it("opens a collaboration project with its review meeting and its years", async () => {
    await page.goto(`${server.baseUrl}/registries/projects`);
    await assertAccessible(page, "projects");
    await page.getByRole("link", { name: "子どもの居場所づくり協働事業" }).first().click();
    await page.waitForLoadState("load");
    assert.ok(await page.getByText("役割分担を最初に文書で確認したことで、運営が円滑になった。").isVisible());
    await assertAccessible(page, "project");
  });
});
