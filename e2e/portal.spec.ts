/**
 * The public portal in a real browser: a resident browses the demo's published plans without an account, follows
 * an item, and the owner stops and resumes publication from the internal plan page. Nothing is fetched from
 * another host.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startTestServer, type TestServer } from "./support/app-server.js";
import { axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { screenshot } from "./support/screenshots.js";

describe("a resident reads the public portal; the owner controls publication", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const hosts = new Set<string>();

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "ja-JP" });
    page.on("request", (req) => hosts.add(new URL(req.url()).host));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lists the demo's three published plans by organisation, without signing in", async () => {
    const res = await page.goto(`${server.baseUrl}/public`);
    assert.equal(res?.status(), 200);
    const orgs = await page.locator("main h2").allTextContents();
    assert.deepEqual([...orgs].sort(), ["サンプル市", "三重県", "山口県"].sort());
    await screenshot(page, "portal-home");
  });

  it("opens a plan, its tier summary and an item with progress by year, chart and data table", async () => {
    await page.goto(`${server.baseUrl}/public`);
    await page.locator("main a", { hasText: "県民活動促進" }).first().click();
    await page.waitForLoadState("load");
    assert.match(await page.title(), /公開ページ$/);
    assert.ok(await page.getByRole("heading", { name: "施策体系" }).isVisible());
    await screenshot(page, "portal-plan");
    // an item with published progress
    const items = page.locator(".public-tree a");
    assert.ok((await items.count()) > 10);
    await items.nth(2).click();
    await page.waitForLoadState("load");
    assert.ok(await page.getByRole("heading", { name: "年度別の進捗" }).isVisible());
    assert.ok(await page.locator('link[rel="alternate"][type="application/atom+xml"]').count());
    await screenshot(page, "portal-item");
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
  });

  it("shows an item's indicator as an SVG chart with a text alternative and a data table", async () => {
    await page.goto(`${server.baseUrl}/public/search?q=${encodeURIComponent("NPO")}`);
    const links = await page
      .locator(".search-results a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    assert.ok(links.length > 0);
    let found = false;
    for (const href of links.slice(0, 30)) {
      await page.goto(`${server.baseUrl}${href}`);
      if ((await page.locator(".indicator-chart svg").count()) > 0) {
        found = true;
        break;
      }
    }
    assert.ok(found, "an item with an indicator chart");
    const svg = page.locator(".indicator-chart svg").first();
    assert.equal(await svg.getAttribute("role"), "img");
    assert.match((await svg.getAttribute("aria-label")) ?? "", /グラフ。数値は次の表のとおり/);
    assert.ok((await page.locator(".indicator table caption").count()) > 0);
    await screenshot(page, "portal-indicator");
  });

  it("lets the owner stop publication (the plan disappears) and publish again", async () => {
    await page.goto(`${server.baseUrl}/public`);
    const href = (await page.locator("main a", { hasText: "県民活動促進" }).first().getAttribute("href"))!;
    const planId = href.split("/").pop()!;
    const context = await browser.newContext({ locale: "ja-JP" });
    const staff = await context.newPage();
    await staff.goto(`${server.baseUrl}/signin`);
    await staff.fill("#signin-email", "admin@demo.kyodo.jp");
    await staff.keyboard.press("Tab");
    await staff.keyboard.type("kyodo-demo-2026");
    await Promise.all([staff.waitForNavigation(), staff.keyboard.press("Enter")]);
    await staff.goto(`${server.baseUrl}/plans/${planId}`);
    await Promise.all([
      staff.waitForNavigation(),
      staff.getByRole("link", { name: "公開ページへの掲載" }).click(),
    ]);
    assert.match((await staff.locator("main").textContent()) ?? "", /公開中/);
    await screenshot(staff, "portal-publication");
    await Promise.all([
      staff.waitForNavigation(),
      staff.getByRole("button", { name: "公開を停止する" }).click(),
    ]);
    assert.match((await staff.locator("main").textContent()) ?? "", /公開停止中/);
    assert.equal((await page.goto(`${server.baseUrl}${href}`))?.status(), 404);
    await Promise.all([staff.waitForNavigation(), staff.getByRole("button", { name: "公開する" }).click()]);
    assert.equal((await page.goto(`${server.baseUrl}${href}`))?.status(), 200);
    const violations = await axeViolations(staff);
    assert.equal(violations.length, 0, describeViolations(violations));
    await context.close();
  });

  it("loaded nothing from any other host", () => {
    assert.deepEqual([...hosts], [new URL(server.baseUrl).host]);
  });
});
