import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startTestServer, type TestServer } from "./support/app-server.js";
import { axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { screenshot } from "./support/screenshots.js";

describe("a visitor opens the home page", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const requestedHosts = new Set<string>();

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "ja-JP" });
    page.on("request", (req) => requestedHosts.add(new URL(req.url()).host));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the Japanese home page with the organisation's name", async () => {
    const res = await page.goto(`${server.baseUrl}/`);
    assert.equal(res?.status(), 200);
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    assert.match(await page.title(), /ホーム/);
    assert.ok(await page.getByRole("navigation", { name: "メインメニュー" }).isVisible());
    assert.ok((await page.locator(".site-title__org").textContent())?.match(/県/));
  });

  it("can be used by keyboard: the first Tab reaches the skip link, which moves focus to the content", async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, "本文へ移動");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => document.activeElement?.tagName);
    assert.ok(next, "focus moves on into the page");
  });

  it("has no axe-core violation at WCAG 2.1 AA", async () => {
    await page.goto(`${server.baseUrl}/`);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
  });

  it("is captured in a screenshot", async () => {
    await page.goto(`${server.baseUrl}/`);
    const file = await screenshot(page, "home");
    assert.ok(statSync(file).size > 5000);
  });

  it("shows a Japanese 404 page for an unknown address", async () => {
    const res = await page.goto(`${server.baseUrl}/no-such-page`);
    assert.equal(res?.status(), 404);
    assert.ok(await page.getByRole("heading", { name: "ページが見つかりません" }).isVisible());
  });

  it("asks no host but the server itself", () => {
    assert.deepEqual([...requestedHosts], [new URL(server.baseUrl).host]);
  });
});
