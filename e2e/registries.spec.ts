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

async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
}

describe("the review panel scores proposals and groups answer the matching sheet", () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a committee member scores a proposal per criterion, is told when a score is off the scale, then saves", async () => {
    const page = await browser.newPage({ locale: "ja-JP" });
    await signIn(page, server.baseUrl, "committee@demo.kyodo.jp");
    await page.goto(`${server.baseUrl}/registries/proposals`);
    await assertAccessible(page, "proposal-calls");
    await page.getByRole("link", { name: "令和9年度 協働事業提案（テーマ設定型）" }).click();
    await page.waitForLoadState("load");
    assert.ok(await page.getByRole("table", { name: "審査基準（公表）" }).isVisible());
    await assertAccessible(page, "proposal-call");
    await page.getByRole("link", { name: "中山間地の安否確認ネットワーク" }).click();
    await page.waitForLoadState("load");
    const criterion = (name: string) => page.getByRole("group", { name });
    await criterion("公益性（×2）").getByRole("spinbutton").fill("9");
    await criterion("公益性（×2）").getByRole("textbox", { name: "理由" }).fill("地域の要望が強い");
    await criterion("実現性（×1）").getByRole("spinbutton").fill("3");
    await criterion("協働の効果（×2）").getByRole("spinbutton").fill("4");
    await criterion("協働の効果（×2）").getByRole("textbox", { name: "理由" }).fill("消防団との連携");
    assert.equal(await submit(page, "採点を保存する"), 422);
    const alert = (await page.getByRole("alert").textContent()) ?? "";
    assert.match(alert, /公益性 点数: 0〜5点の整数で採点してください/);
    assert.match(alert, /実現性 理由: 採点の理由を入力してください/);
    await assertAccessible(page, "proposal-scoring-errors");
    await criterion("公益性（×2）").getByRole("spinbutton").fill("4");
    await criterion("実現性（×1）").getByRole("textbox", { name: "理由" }).fill("集落の協力が得られている");
    assert.equal(await submit(page, "採点を保存する"), 200);
    assert.ok(await page.getByRole("heading", { name: "審査結果" }).isVisible());
    assert.match((await page.textContent("main")) ?? "", /平均点（重み付き）: 19点 \/ 25点/);
    await assertAccessible(page, "proposal-scoring");
    await page.close();
  });

  it("a group's person opens the matching sheet, is told the group has already offered, and sees its entry", async () => {
    const page = await browser.newPage({ locale: "ja-JP" });
    await signIn(page, server.baseUrl, "group@demo.kyodo.jp");
    const nav = page.getByRole("navigation", { name: "メインメニュー" });
    await nav.getByRole("link", { name: "マッチングシート" }).click();
    await page.waitForLoadState("load");
    await assertAccessible(page, "matching");
    await page.getByRole("link", { name: "若者の県民活動への参加を増やしたい" }).click();
    await page.waitForLoadState("load");
    await page.getByRole("textbox", { name: "提案の内容・できること" }).fill("学生向けの体験会を開けます。");
    assert.equal(await submit(page, "申し出る"), 422);
    assert.match((await page.getByRole("alert").textContent()) ?? "", /すでに申し出ています/);
    await assertAccessible(page, "matching-issue");
    await nav.getByRole("link", { name: "自団体の登録内容" }).click();
    await page.waitForLoadState("load");
    assert.ok(await page.getByRole("heading", { name: "NPO法人 やまぐち子ども応援ネット" }).isVisible());
    assert.match((await page.textContent("main")) ?? "", /083-900-0001/);
    await page.close();
  });

  it("publishes the matching sheet and the adopted proposals to everyone", async () => {
    const page = await browser.newPage({ locale: "ja-JP" });
    await page.goto(`${server.baseUrl}/public/matching`);
    assert.match((await page.textContent("main")) ?? "", /やさしい日本語の防災ハンドブック/);
    await assertAccessible(page, "public-matching");
    await page.goto(`${server.baseUrl}/public/proposals`);
    assert.match((await page.textContent("main")) ?? "", /放課後の子どもの居場所ネットワーク事業/);
    assert.doesNotMatch((await page.textContent("main")) ?? "", /里山の竹林整備/);
    await assertAccessible(page, "public-proposals");
    await page.close();
  });
});
