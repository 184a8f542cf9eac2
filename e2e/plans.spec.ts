import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { type PlansServer, startPlansServer } from "./support/plans-server.js";
import { screenshot } from "./support/screenshots.js";

describe("a plan owner reads the city guideline's progress list", () => {
  let server: PlansServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startPlansServer();
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1400, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const row = (label: string) =>
    page
      .locator("table.plan-tree tbody tr")
      .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
  const cells = async (label: string) =>
    (await row(label).locator("td").allInnerTexts()).map((t) => t.trim().replace(/\s+/g, " "));

  it("shows every item with its number, title, tier, status, result and 2期案 in its own row", async () => {
    const res = await page.goto(`${server.baseUrl}/plans/${server.cityPlanId}`);
    assert.equal(res?.status(), 200);
    assert.ok(
      await page.getByRole("heading", { level: 1, name: "第1期指針 具体施策の進捗状況一覧" }).isVisible(),
    );
    assert.equal(await page.locator("table.plan-tree tbody tr.plan-row--item").count(), 23);
    const facts: [string, string, string, string, string][] = [
      ["1", "民間施設等の活用に向けた協力体制の構築", "【Ⅰ】<重点施策>", "済・継", "Ⅱ-イ"],
      ["3", "市民活動を支援するための基金の設置", "【Ⅰ】<重点施策>", "済", "○"],
      [
        "16",
        "市民活動団体等がもつノウハウや特性、市民等のアイデアを活かした方法で市の事業を実施する仕組みの構築",
        "【Ⅱ-ア】",
        "着手中",
        "I",
      ],
      ["18", "協働事業に関する手引き（職員向け）の作成", "【Ⅰ】<重点施策>", "済", "○→I"],
      ["23", "協働事業の評価・検証に関する仕組みづくり", "【Ⅱ-イ】", "未", "Ⅱ-ア"],
    ];
    for (const [no, title, tier, status, next] of facts) {
      const [content, tierCell, statusCell, , nextCell] = await cells(no);
      assert.ok(content?.startsWith(title), `item ${no} title: ${content}`);
      assert.equal(tierCell, tier, `item ${no} tier`);
      assert.equal(statusCell, status, `item ${no} status`);
      assert.equal(nextCell, next, `item ${no} 2期案`);
    }
  });

  it("shows the category rows above their items, in the document's order", async () => {
    const headers = await page.locator("table.plan-tree tbody tr.plan-row--category th").allInnerTexts();
    const flat = headers.map((h) => h.trim().replace(/\s+/g, " "));
    assert.equal(flat[0], "（1） 活動の場の提供に関すること");
    assert.equal(flat[1], "ア 市民活動団体等の活動拠点の確保");
    assert.ok(flat.includes("多様な中間支援組織との連携"));
    assert.equal(flat.at(-1), "エ 協働事業の評価・検証");
  });

  it("computes the tally from the items and marks where the printed one is wrong", async () => {
    const tally = page.locator("table.plan-tally tbody tr");
    const text = (await tally.allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
    assert.match(text[0]!, /4\/6：済 1\/6：着手中 1\/6：未 5\/6：済 1\/6：未 資料の記載と異なります/);
    assert.match(text[2]!, /6\/9：済 1\/9：一部済 2\/9：未/);
    assert.match(text[3]!, /2\/2：未 2\/2：未 一致/);
  });

  it("can be operated by keyboard: Tab reaches the first item's edit link", async () => {
    await page.goto(`${server.baseUrl}/plans/${server.cityPlanId}`);
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press("Tab");
      found = (await page.evaluate(() => document.activeElement?.textContent ?? "")).includes("編集: （1）");
    }
    assert.ok(found, "a focusable edit link for the first category");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/edit$/);
    assert.ok(await page.getByRole("heading", { name: "項目の編集" }).isVisible());
  });

  it("has no axe-core violation at WCAG 2.1 AA on the plan page and the item form", async () => {
    for (const path of [`/plans/${server.cityPlanId}`, `/plans/${server.cityPlanId}/nodes/new`, "/plans"]) {
      await page.goto(`${server.baseUrl}${path}`);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `${path}\n${describeViolations(violations)}`);
    }
  });

  it("is captured in a screenshot", async () => {
    await page.goto(`${server.baseUrl}/plans/${server.cityPlanId}`);
    const file = await screenshot(page, "plan-city-guideline");
    assert.ok(statSync(file).size > 20000);
  });
});
