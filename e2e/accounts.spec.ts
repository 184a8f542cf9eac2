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
  await screenshot(page, `accounts-${name}`);
}

/** Presses Tab until the focused element matches, as a keyboard user would move through the page. */
async function tabTo(page: Page, selector: string, maxPresses = 30): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function signInByKeyboard(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await tabTo(page, "#signin-email");
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(password);
  // the POST answers with the form again (errors) or a 303 to the next page: wait for whichever document ends it
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
}

describe("an administrator manages accounts in the browser", () => {
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

  it("shows a Japanese error for a wrong password, and the page stays accessible", async () => {
    await page.goto(`${server.baseUrl}/signin`);
    await assertAccessible(page, "signin");
    await signInByKeyboard(page, server.baseUrl, "admin@demo.kyodo.jp", "not-the-password");
    const alert = page.getByRole("alert");
    assert.match((await alert.textContent()) ?? "", /メールアドレスまたはパスワードが正しくありません/);
    assert.equal(await page.inputValue("#signin-email"), "admin@demo.kyodo.jp");
    await assertAccessible(page, "signin-error");
  });

  it("signs in as the administrator by keyboard and sees the admin menu and their name", async () => {
    await signInByKeyboard(page, server.baseUrl, "admin@demo.kyodo.jp", DEMO_PASSWORD);
    assert.equal(new URL(page.url()).pathname, "/");
    assert.ok(await page.getByText("協働 管理者").isVisible());
    const nav = page.getByRole("navigation", { name: "メインメニュー" });
    for (const label of ["利用者", "部署", "操作履歴"])
      assert.ok(await nav.getByRole("link", { name: label }).isVisible());
  });

  it("invites a new member of staff and gets a one-time link", async () => {
    await page.goto(`${server.baseUrl}/admin/users`);
    await assertAccessible(page, "users");
    await page.getByLabel("メールアドレス").fill("new.staff@demo.kyodo.jp");
    await page.getByLabel("氏名").fill("新任 職員");
    await page.getByLabel("役割").selectOption("department");
    await page.getByRole("checkbox", { name: /県民生活課/ }).check();
    const [response] = await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "招待する" }).press("Enter"),
    ]);
    assert.equal(response?.status(), 201);
    assert.ok(await page.getByRole("heading", { name: "招待しました" }).isVisible());
    const link = await page.getByLabel("招待リンク").inputValue();
    assert.match(link, /\/invitations\/[A-Za-z0-9_-]{43}$/);
    await assertAccessible(page, "invited");

    await page.goto(`${server.baseUrl}/admin/users`);
    assert.ok(await page.getByRole("cell", { name: "招待中（パスワード未設定）" }).first().isVisible());

    // the invitation page as the invited person sees it (in another browser context: no admin session)
    const guest = await browser.newPage({ locale: "ja-JP" });
    await guest.goto(link);
    assert.ok(await guest.getByText("新任 職員さん、Kyōdō へようこそ").isVisible());
    await assertAccessible(guest, "invitation");
    await guest.close();
  });

  it("offers the edit, department, audit and password pages without accessibility violations", async () => {
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.getByRole("link", { name: "新任 職員さんを編集" }).click();
    assert.ok(await page.getByRole("heading", { name: "新任 職員さんの編集" }).isVisible());
    await assertAccessible(page, "user-edit");

    await page.goto(`${server.baseUrl}/admin/departments`);
    assert.ok(await page.getByRole("link", { name: "県民生活課を編集" }).isVisible());
    await assertAccessible(page, "departments");
    await page.getByRole("link", { name: "県民生活課を編集" }).click();
    await assertAccessible(page, "department-edit");

    await page.goto(`${server.baseUrl}/admin/audit`);
    assert.ok(await page.getByRole("cell", { name: "利用者の招待" }).first().isVisible());
    await assertAccessible(page, "audit");

    await page.goto(`${server.baseUrl}/account/password`);
    await assertAccessible(page, "password");
  });

  it("signs out by keyboard and is back at the sign-in page", async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("button", { name: "ログアウト" }).focus();
    await Promise.all([page.waitForURL(/\/signin\?signedout=1/), page.keyboard.press("Enter")]);
    assert.ok(await page.getByText("ログアウトしました。").isVisible());
    const res = await page.goto(`${server.baseUrl}/admin/users`);
    assert.match(page.url(), /\/signin\?next=/);
    assert.equal(res?.status(), 200);
  });

  it("shows department staff a Japanese 403 page for the admin pages", async () => {
    await signInByKeyboard(page, server.baseUrl, "staff@demo.kyodo.jp", DEMO_PASSWORD);
    const res = await page.goto(`${server.baseUrl}/admin/users`);
    assert.equal(res?.status(), 403);
    assert.ok(await page.getByRole("heading", { name: "権限がありません" }).isVisible());
    await assertAccessible(page, "forbidden");
  });
});
