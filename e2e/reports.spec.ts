import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { organisations } from "../src/accounts/accounts.table.js";
import { DEMO_PASSWORD } from "../src/demo/seed.js";
import { plans } from "../src/plans/plan.table.js";
import { startTestServer, type TestServer } from "./support/app-server.js";
import { axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { screenshot } from "./support/screenshots.js";

describe("a plan owner prints the city's progress list and designs a layout of her own", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let planId: string;
  const cspErrors: string[] = [];

  before(async () => {
    server = await startTestServer();
    const [org] = await server.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.code, "479993"));
    const [plan] = await server.database.db.select().from(plans).where(eq(plans.orgId, org!.id));
    planId = plan!.id;
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

  it("opens the reports from the plan page", async () => {
    await page.goto(`${server.baseUrl}/signin?next=/plans/${planId}`);
    await page.getByLabel("メールアドレス").fill("admin@city.demo.kyodo.jp");
    await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL(new RegExp(`/plans/${planId}$`)),
      page.getByRole("button", { name: "ログイン" }).click(),
    ]);
    await Promise.all([
      page.waitForURL(/\/reports$/),
      page.getByRole("link", { name: "報告書（印刷・Excel・CSV・PDF）" }).click(),
    ]);
    assert.ok(await page.getByRole("heading", { level: 1, name: /報告書/ }).isVisible());
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await screenshot(page, "reports-list");
  });

  it("prints the progress list with the computed tally beside the printed one, on A4 landscape", async () => {
    await Promise.all([
      page.waitForURL(/\/reports\/builtin-progress-list$/),
      page.getByRole("link", { name: "具体施策の進捗状況一覧: 印刷用HTML" }).click(),
    ]);
    const summary = page.getByRole("table", { name: "【達成状況】" });
    const first = (await summary.locator("tbody tr").first().locator("td").allInnerTexts()).map((s) =>
      s.trim(),
    );
    assert.equal(first[0], "【Ⅰ】<重点>");
    assert.equal(first[2], "4/6：済・継 1/6：着手中 1/6：未");
    assert.equal(first[3], "5/6：済 1/6：未");
    assert.match(first[4]!, /^※差異あり/);
    const header = (await page.locator("table.report-main thead th").allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(header, ["No", "内容", "重点", "施策の実施", "実績", "2期案", "理由"]);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    assert.deepEqual(cspErrors, []);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".report-toolbar").isVisible(), false, "the toolbar is not printed");
    await screenshot(page, "reports-progress-list-print");
    await page.emulateMedia({ media: "screen" });
    await screenshot(page, "reports-progress-list");
  });

  it("designs a PDCA layout filtered to tier Ⅰ and reads it back", async () => {
    await page.goto(`${server.baseUrl}/plans/${planId}/reports/new`);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    await page.getByLabel("レイアウト名").fill("重点施策の進捗");
    await page.getByLabel("理由", { exact: true }).check();
    await page.getByLabel("重点", { exact: true }).first().check();
    await page.getByLabel("見出し行にする階層").selectOption({ index: 2 });
    await page.getByLabel("重点（区分）別の達成状況").check();
    await page.locator("#f-tier").selectOption("Ⅰ");
    await screenshot(page, "reports-designer");
    await Promise.all([
      page.waitForURL(/\/reports\/[0-9a-f-]{36}$/),
      page.getByRole("button", { name: "保存する" }).click(),
    ]);
    assert.ok(
      await page.getByRole("heading", { level: 1, name: "第1期指針 具体施策の進捗状況一覧" }).isVisible(),
    );
    assert.ok(await page.getByText("絞り込み：重点「Ⅰ」の項目のみを表示し、集計しています。").isVisible());
    const rows = await page.locator("table.report-main tbody tr:not(.group)").count();
    assert.equal(rows, 6, "the six tier Ⅰ items");
    const violationsAfter = await axeViolations(page);
    assert.equal(violationsAfter.length, 0, describeViolations(violationsAfter));
    await screenshot(page, "reports-custom-layout");
  });
});
