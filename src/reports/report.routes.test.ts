import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { makeOrg, makeUser, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { cityGuidelineDocument } from "../plans/fixtures/city-guideline.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { reportLayouts } from "./report.table.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let planId: string;
let admin: string;
let viewer: string;
let outsider: string;

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  const org = await makeOrg(database.db, "サンプル市");
  const r = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, org.id, cityGuidelineDocument);
  assert.ok(r.ok);
  planId = r.planId;
  admin = await signedInCookie(database.db, (await makeUser(database.db, org.id, "admin")).id);
  viewer = await signedInCookie(database.db, (await makeUser(database.db, org.id, "viewer")).id);
  const other = await makeOrg(database.db, "ほか市");
  outsider = await signedInCookie(database.db, (await makeUser(database.db, other.id, "admin")).id);
});
after(() => database.close());

const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const DESIGN = {
  version: "0",
  name: "PDCA進捗シート",
  title: "",
  "col.label": "on",
  "order.label": "1",
  "col.title": "on",
  "order.title": "2",
  "col.schedule": "on",
  "col.plan": "on",
  "col.do": "on",
  "col.check": "on",
  "col.act": "on",
  "col.status": "on",
  "order.status": "3",
  groupLevels: "1",
  "summary.tier": "on",
  "summary.status": "on",
  tier: "Ⅰ",
  showAsOf: "on",
  showLegend: "on",
  yearStyle: "western",
};

describe("the reports pages", () => {
  it("lists the layouts with every output for a reader of the plan", async () => {
    const res = await get(`/plans/${planId}/reports`, viewer);
    assert.equal(res.status, 200);
    const body = text(await res.text());
    for (const s of [
      "具体施策の進捗状況一覧",
      "施策別概要",
      "基本計画書",
      "印刷用HTML",
      "Excel（xlsx）",
      "CSV（Shift_JIS）",
    ])
      assert.ok(body.includes(s), s);
    assert.ok(!body.includes("新しいレイアウトを作る"), "a viewer cannot design layouts");
  });

  it("serves the printable HTML with its toolbar and the stylesheet from the server (no inline style)", async () => {
    const res = await get(`/plans/${planId}/reports/builtin-progress-list`, viewer);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<link rel="stylesheet" href="\/static\/report\.css\?v=/);
    assert.ok(!html.includes("<style"));
    assert.ok(html.includes("【達成状況】"));
    assert.ok(html.includes("協働事業の評価・検証に関する仕組みづくり"));
  });

  it("downloads xlsx and both CSVs with Japanese file names", async () => {
    const x = await get(`/plans/${planId}/reports/builtin-progress-list.xlsx`, viewer);
    assert.equal(x.status, 200);
    assert.match(x.headers.get("content-type") ?? "", /spreadsheetml/);
    assert.match(x.headers.get("content-disposition") ?? "", /filename\*=UTF-8''.+\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    assert.equal(wb.worksheets[0]!.name, "具体施策の進捗状況一覧");
    const csv = await get(`/plans/${planId}/reports/builtin-progress-list.csv`, viewer);
    const utf8 = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    assert.ok(utf8.startsWith("\uFEFF"));
    const sjis = await get(`/plans/${planId}/reports/builtin-progress-list.sjis.csv`, viewer);
    assert.match(sjis.headers.get("content-type") ?? "", /Shift_JIS/);
    const decoded = new TextDecoder("shift_jis").decode(await sjis.arrayBuffer());
    assert.equal(decoded, utf8.slice(1), "the Shift_JIS CSV says exactly what the UTF-8 one says");
  });

  it("answers an unknown layout with the not-found page, and another organisation's plan with a refusal", async () => {
    assert.equal((await get(`/plans/${planId}/reports/no-such-layout`, viewer)).status, 404);
    assert.equal((await get(`/plans/${planId}/reports/builtin-progress-list`, outsider)).status, 403);
    assert.equal((await get(`/plans/${planId}/reports/builtin-progress-list`)).status, 303, "to sign-in");
  });

  it("lets the plan owner design, save and edit a layout; the saved report follows it", async () => {
    const res = await app.request(`/plans/${planId}/reports/new`, postForm(DESIGN, { cookie: admin }));
    assert.equal(res.status, 303);
    const location = res.headers.get("location") ?? "";
    assert.match(location, new RegExp(`/plans/${planId}/reports/[0-9a-f-]{36}$`));
    const report = text(await (await get(location, viewer)).text());
    assert.ok(report.includes("PDCA進捗シート"));
    assert.ok(report.includes("進捗管理（PDCA）"));
    assert.ok(report.includes("絞り込み：重点「Ⅰ」"));
    assert.ok(report.includes("民間施設等の活用に向けた協力体制の構築"), "a tier Ⅰ item");
    assert.ok(!report.includes("市民活動補償制度"), "a tier Ⅱ-イ item is filtered out");
    // xlsx: the PDCA columns sit under one merged header
    const x = await get(`${location}.xlsx`, viewer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const titles = String(ws.pageSetup.printTitlesRow).split(":").map(Number);
    assert.equal(titles[1]! - titles[0]!, 1, "two header rows repeat on every page");
    let merged = false;
    ws.getRow(titles[0]!).eachCell((cell) => {
      if (cell.value === "進捗管理（PDCA）") merged = cell.isMerged;
    });
    assert.ok(merged, "進捗管理（PDCA） is a merged header");

    const id = location.split("/").pop()!;
    const form = await get(`/plans/${planId}/reports/${id}/edit`, admin);
    assert.equal(form.status, 200);
    assert.match(await form.text(), /value="PDCA進捗シート"/);
    const edited = await app.request(
      `/plans/${planId}/reports/${id}/edit`,
      postForm({ ...DESIGN, version: "1", name: "PDCAシート" }, { cookie: admin }),
    );
    assert.equal(edited.status, 303);
    const stale = await app.request(
      `/plans/${planId}/reports/${id}/edit`,
      postForm({ ...DESIGN, version: "1", name: "古い版" }, { cookie: admin }),
    );
    assert.equal(stale.status, 409);
    assert.ok(text(await stale.text()).includes("ほかの人がこのレイアウトを先に更新しました"));
  });

  it("refuses a layout without a name with a Japanese message and writes nothing", async () => {
    const before = (await database.db.select().from(reportLayouts).where(eq(reportLayouts.planId, planId)))
      .length;
    const res = await app.request(
      `/plans/${planId}/reports/new`,
      postForm({ ...DESIGN, name: " " }, { cookie: admin }),
    );
    assert.equal(res.status, 422);
    assert.ok(text(await res.text()).includes("レイアウト名を入力してください"));
    const afterCount = (
      await database.db.select().from(reportLayouts).where(eq(reportLayouts.planId, planId))
    ).length;
    assert.equal(afterCount, before);
    const byViewer = await app.request(`/plans/${planId}/reports/new`, postForm(DESIGN, { cookie: viewer }));
    assert.equal(byViewer.status, 403);
  });

  it("prints a PDF through Chromium", async () => {
    const res = await get(`/plans/${planId}/reports/builtin-progress-list.pdf`, viewer);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/pdf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), "%PDF-");
  });
});
