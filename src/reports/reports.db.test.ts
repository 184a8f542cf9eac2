/**
 * The three built-in layouts render each reference document (../shared/reference-docs, imported at first start
 * through the importers) fact by fact and in the document's order, in HTML, CSV and xlsx alike; the public sees
 * only published rounds; missing data gives a note, never an error.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parse as parseCsv } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { organisations } from "../accounts/accounts.table.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import {
  assertInOrder,
  CITY_FACTS,
  OVERVIEW_FACTS,
  OVERVIEW_INDICATOR_FACTS,
  pageText,
} from "../demo/reference-facts.js";
import { seedDemo } from "../demo/seed.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { planNodes, plans } from "../plans/plan.table.js";
import { emptyPlanDocument } from "../plans/plan-document.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { openRound } from "../progress/open-round.js";
import { progressWorld } from "../progress/progress.factories.js";
import { findEntries } from "../progress/progress.repository.js";
import { saveEntry } from "../progress/save-entry.js";
import { createLogger } from "../web/log.js";
import { listReportLayouts, type ReportFormat, renderReport } from "./index.js";
import { saveReportLayout } from "./save-report-layout.js";

/** The overview's progress and direction paragraphs and its projects, after the indicator facts. */
const OVERVIEW_REPORT_FACTS = [
  ...OVERVIEW_FACTS,
  "(対象)",
  "NPOが",
  "(意図)",
  "ネットワークを形成し、他の主体とも協働しながら地域づくり活動を行っている",
  // the document prints the years' header above the indicator's name
  "平成18年度",
  "平成22年度",
  ...OVERVIEW_INDICATOR_FACTS.slice(0, 13).filter((f) => !/^平成/.test(f)),
  "進捗状況(現状と課題)",
  "市町や社会福祉協議会等と連携し、市民活動団体情報の定期更新・共有化に取り組んでいます。",
  "平成22年度の取組方向",
  "NPOの持続可能な事業モデルづくりや中間支援機能の強化をはかります。",
  "主な事業",
  ...OVERVIEW_INDICATOR_FACTS.slice(13),
];

/** The basic plan in the document's own order: cover, chapters 1–6, the tree in 第5章 施策の展開方向. */
const BASIC_PLAN_REPORT_FACTS = [
  "山口県県民活動促進基本計画",
  "第2次改定版",
  "平成25年度",
  "平成29年度",
  "平成25年3月",
  "山口県",
  "平成14年3月",
  "条例制定",
  "平成23年3月",
  "延長",
  "第1章",
  "基本計画改定の背景と趣旨",
  "平成13年に開催した「山口きらら博」",
  "基本計画の期間は、平成25年度から平成29年度までの5年間とします。",
  "第2章",
  "コミュニティ活動",
  "第3章",
  "県・市町活動支援センター登録団体数",
  "2,097",
  "2,132",
  "2,112",
  "2,211",
  "NPO法人数",
  "330",
  "386",
  "第4章",
  "基本目標",
  "県民誰もが県民活動に参加し、一人ひとりが生き生きと輝き、ともに支え合う、元気で魅力あふれる地域づくり",
  "施策の基本方針",
  "県民活動への理解と参加の促進",
  "第5章",
  "施策の展開方向",
  "情報発信と普及啓発",
  "県民活動促進期間（毎年10・11月）における重点的な普及啓発活動の推進",
  "(シニア世代) 県生涯現役推進センター等と連携した情報提供や仲間づくり、リーダー養成等の支援の充実",
  "県民活動団体の自立・持続的発展に向けた環境づくり",
  "NPO法人に対する県税（県民税、不動産取得税、自動車取得税）の課税免除",
  "マルチステークホルダー・プロセス（※）による協働の仕組みづくり",
  "県民一斉環境美化活動促進期間の設定と自主的な環境美化活動への支援の強化",
  "第6章",
  "基本計画の推進",
  "毎年度、計画の進捗状況を把握し、進行管理及び評価を行うほか",
];

let database: Database;
before(async () => {
  database = await createTestDatabase();
  await seedDemo(
    database.db,
    createLogger("error", () => {}),
  );
});
after(() => database.close());

async function planOf(orgCode: string): Promise<string> {
  const [org] = await database.db.select().from(organisations).where(eq(organisations.code, orgCode));
  assert.ok(org);
  const [plan] = await database.db.select().from(plans).where(eq(plans.orgId, org.id));
  assert.ok(plan);
  return plan.id;
}

/** The text of a rendered report in reading order, whatever its format. */
async function textOf(
  planId: string,
  layoutId: string,
  format: ReportFormat,
  roundId?: string,
): Promise<string> {
  const r = await renderReport(database.db, {
    planId,
    layoutId,
    format,
    audience: "internal",
    ...(roundId ? { roundId } : {}),
  });
  assert.ok(r.ok, JSON.stringify(r));
  if (format === "html") return pageText(r.body as string);
  if (format === "csv") {
    assert.ok((r.body as string).startsWith("\uFEFF"), "UTF-8 CSV starts with a BOM");
    return (r.body as string).replace(/"/g, "").replace(/\s+/g, "");
  }
  if (format === "csv-sjis")
    return new TextDecoder("shift_jis")
      .decode(r.body as Uint8Array)
      .replace(/"/g, "")
      .replace(/\s+/g, "");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(r.body as Uint8Array) as unknown as ArrayBuffer);
  const parts: string[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      parts.push(String(cell.value ?? ""));
    });
  });
  return parts.join("").replace(/\s+/g, "");
}

const FORMATS: ReportFormat[] = ["html", "csv", "csv-sjis", "xlsx"];

describe("the built-in layouts reproduce the reference documents", () => {
  for (const format of FORMATS) {
    it(`prints the city's guideline progress list fact by fact, in order (${format})`, async () => {
      assertInOrder(
        await textOf(await planOf("479993"), "builtin-progress-list", format),
        CITY_FACTS,
        format,
      );
    });
    it(`prints the fiscal-2010 policy overview fact by fact, in order (${format})`, async () => {
      const text = (await textOf(await planOf("240001"), "builtin-policy-overview", format))
        .replace(/（/g, "(")
        .replace(/）/g, ")");
      assertInOrder(
        text,
        OVERVIEW_REPORT_FACTS.map((f) => f.replace(/（/g, "(").replace(/）/g, ")")),
        format,
      );
    });
    it(`prints the 2013 basic plan fact by fact, in the document's order (${format})`, async () => {
      assertInOrder(
        await textOf(await planOf("350001"), "builtin-basic-plan", format),
        BASIC_PLAN_REPORT_FACTS,
        format,
      );
    });
  }

  it("counts the city's tiers from its items and marks where the printed tally differs", async () => {
    const text = await textOf(await planOf("479993"), "builtin-progress-list", "html");
    // DOMAIN.md "A real tally error": counted from its own items (済・継 counted as 済)
    assertInOrder(
      text,
      [
        "【Ⅰ】<重点>",
        "4/6：済・継1/6：着手中1/6：未",
        "5/6：済1/6：未",
        "※差異あり",
        "【Ⅱ-ア】",
        "1/6：済・継2/6：一部済1/6：着手中2/6：未",
        "※差異あり",
        "【Ⅱ-イ】",
        "6/9：済・継1/9：一部済2/9：未",
        "5/8：済1/6：一部済2/6：未",
        "※差異あり",
        "【Ⅲ】",
        "2/2：未",
        "2/2：未",
        "一致",
        "合計",
        "23件",
      ],
      "tier summary",
    );
  });

  it("writes a real spreadsheet: Japanese sheet name, A4 landscape, repeating header rows, page numbers", async () => {
    const r = await renderReport(database.db, {
      planId: await planOf("479993"),
      layoutId: "builtin-progress-list",
      format: "xlsx",
      audience: "internal",
    });
    assert.ok(r.ok);
    assert.match(r.filename, /\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.body as Uint8Array) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.name, "具体施策の進捗状況一覧");
    assert.equal(ws.pageSetup.orientation, "landscape");
    assert.equal(ws.pageSetup.paperSize, 9);
    assert.match(String(ws.pageSetup.printTitlesRow), /^\d+:\d+$/);
    assert.match(String(ws.headerFooter.oddFooter), /&P/);
    const header = ws.getRow(Number(String(ws.pageSetup.printTitlesRow).split(":")[0]));
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((c) => header.getCell(c).value),
      ["No", "内容", "重点", "施策の実施", "実績", "2期案", "理由"],
    );
    assert.ok((ws.getColumn(2).width ?? 0) > (ws.getColumn(1).width ?? 0), "内容 is wider than No");
  });

  it("ends every CSV and xlsx table with an ID column: the node's UUID on item rows, empty elsewhere; not in HTML", async () => {
    const planId = await planOf("479993");
    const nodeIds = new Set(
      (
        await database.db.select({ id: planNodes.id }).from(planNodes).where(eq(planNodes.planId, planId))
      ).map((n) => n.id),
    );
    const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const render = (format: ReportFormat) =>
      renderReport(database.db, { planId, layoutId: "builtin-progress-list", format, audience: "internal" });
    const csv = await render("csv");
    assert.ok(csv.ok);
    const lines = parseCsv((csv.body as string).slice(1), { relax_column_count: true }) as string[][];
    const headerAt = lines.findIndex((l) => l[0] === "No");
    assert.ok(headerAt >= 0);
    const width = lines[headerAt]!.length;
    assert.equal(lines[headerAt]![width - 1], "ID");
    const body = lines.slice(
      headerAt + 1,
      lines.findIndex((l, i) => i > headerAt && l.length <= 1 && !l[0]),
    );
    const ids = body.map((l) => l[width - 1] ?? "").filter(Boolean);
    assert.ok(ids.length > 10, "item rows carry their ID");
    for (const id of ids) assert.ok(UUID_RE.test(id) && nodeIds.has(id), `${id} is a node of the plan`);
    assert.equal(new Set(ids).size, ids.length, "one row per item");
    for (const l of body) if (l.length === width && !l[width - 1]) assert.ok(!UUID_RE.test(l[0] ?? ""));
    const sjis = await render("csv-sjis");
    assert.ok(sjis.ok);
    const sjisLines = parseCsv(new TextDecoder("shift_jis").decode(sjis.body as Uint8Array), {
      relax_column_count: true,
    }) as string[][];
    assert.deepEqual(
      sjisLines.map((l) => l.at(-1)).filter((v) => v && UUID_RE.test(v)),
      ids,
      "Shift_JIS carries the same IDs",
    );

    const xlsx = await render("xlsx");
    assert.ok(xlsx.ok);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.body as Uint8Array) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headRow = Number(String(ws.pageSetup.printTitlesRow).split(":")[0]);
    assert.equal(ws.getRow(headRow).getCell(8).value, "ID");
    const xlsxIds: string[] = [];
    ws.eachRow((row, n) => {
      const v = row.getCell(8).value;
      if (n > headRow && typeof v === "string" && UUID_RE.test(v)) xlsxIds.push(v);
    });
    assert.deepEqual(xlsxIds, ids, "the xlsx carries the same IDs in the same rows");

    const html = await render("html");
    assert.ok(html.ok);
    for (const id of ids.slice(0, 5)) assert.ok(!(html.body as string).includes(id), "no ID in the HTML");
  });

  it("lists the built-in layouts for every plan", async () => {
    const layouts = await listReportLayouts(database.db, await planOf("479993"));
    assert.deepEqual(
      layouts.map((l) => l.id),
      ["builtin-progress-list", "builtin-policy-overview", "builtin-basic-plan"],
    );
  });
});

describe("audiences", () => {
  it("shows the public only published rounds, and internal readers the round being written", async () => {
    const w = await progressWorld(database.db, "公開範囲の確認計画");
    const opened = await openRound({ db: database.db, today: () => "2024-11-01" }, w.admin, {
      planId: w.planId,
      fiscalYear: "2024",
      asOfDate: "2024-12-31",
      asOfLabel: "令和6年12月末日時点",
      deadline: "2025-01-31",
      fieldsAsked: ["status", "result"],
      entryMode: "per-department",
    });
    assert.ok(opened.ok, JSON.stringify(opened));
    const entries = await findEntries(database.db, [opened.round.id]);
    const a = entries.find((e) => e.nodeId === w.nodeIdByKey.get("a"))!;
    const saved = await saveEntry({ db: database.db, today: () => "2024-12-01" }, w.kyodoStaff, a.id, {
      version: a.version,
      statusLabel: "済",
      result: "内部の下書き：拠点の候補を3か所調査",
    });
    assert.ok(saved.ok, JSON.stringify(saved));
    const render = async (audience: "internal" | "public", roundId?: string) => {
      const r = await renderReport(database.db, {
        planId: w.planId,
        layoutId: "builtin-progress-list",
        format: "html",
        audience,
        ...(roundId ? { roundId } : {}),
      });
      assert.ok(r.ok);
      return pageText(r.body as string);
    };
    const internal = await render("internal", opened.round.id);
    assert.ok(internal.includes("内部の下書き：拠点の候補を3か所調査"));
    assert.ok(internal.includes("令和6年度の進捗"));
    // by default both see the latest published round, as the plan page does
    assert.ok((await render("internal")).includes("令和5年度の進捗"));
    const pub = await render("public", opened.round.id);
    assert.ok(!pub.includes("内部の下書き"), "no unpublished entry reaches the public");
    assert.ok(pub.includes("公開されていません"));
    const pubDefault = await render("public");
    assert.ok(!pubDefault.includes("内部の下書き"));
    assert.ok(pubDefault.includes("令和5年度の進捗"));
    assert.ok(pubDefault.includes("拠点を1か所開設した。"));
  });
});

describe("bad input still gives a report", () => {
  it("renders an empty plan with a clear note in every format", async () => {
    const w = await progressWorld(database.db, "空の計画の親");
    const created = await importPlanDocument(
      { db: database.db },
      SYSTEM_ACTOR,
      w.orgId,
      emptyPlanDocument({ title: "項目のない計画", kind: "指針" }),
    );
    assert.ok(created.ok, JSON.stringify(created));
    const planId = created.planId;
    for (const layoutId of ["builtin-progress-list", "builtin-policy-overview", "builtin-basic-plan"]) {
      for (const format of FORMATS) {
        const text = await textOf(planId, layoutId, format);
        assert.match(text, /まだ(項目|施策|章も施策も)/, `${layoutId} ${format}`);
      }
    }
  });

  it("names a field the plan lacks in a note, and a round that does not exist", async () => {
    const w = await progressWorld(database.db, "欄のない計画");
    const saved = await saveReportLayout({ db: database.db }, w.admin, w.planId, {
      layoutId: null,
      version: 0,
      layout: { kind: "custom", name: "評価シート", columns: ["label", "title", "attr:事業費"] },
    });
    assert.ok(saved.ok, JSON.stringify(saved));
    const text = await textOf(w.planId, saved.row.id, "html", "00000000-0000-4000-8000-000000000000");
    assert.ok(text.includes("「事業費」の欄がありません"), text.slice(0, 400));
    assert.ok(text.includes("指定された報告回は見つからない"));
    const missing = await renderReport(database.db, {
      planId: w.planId,
      layoutId: "no-such-layout",
      format: "html",
      audience: "internal",
    });
    assert.deepEqual(missing, { ok: false, reason: "not_found", message: "レイアウトが見つかりません。" });
  });

  it("saves layouts for plan owners only, and refuses a stale version", async () => {
    const w = await progressWorld(database.db, "保存の確認計画");
    const layout = {
      kind: "custom",
      name: "PDCAシート",
      columns: ["label", "title", "plan", "do", "check", "act"],
    };
    const refused = await saveReportLayout({ db: database.db }, w.kyodoStaff, w.planId, {
      layoutId: null,
      version: 0,
      layout,
    });
    assert.equal(refused.ok, false);
    const bad = await saveReportLayout({ db: database.db }, w.admin, w.planId, {
      layoutId: null,
      version: 0,
      layout: { ...layout, name: "", columns: ["nonsense"] },
    });
    assert.ok(!bad.ok && bad.reason === "invalid");
    const made = await saveReportLayout({ db: database.db }, w.admin, w.planId, {
      layoutId: null,
      version: 0,
      layout,
    });
    assert.ok(made.ok);
    const first = await saveReportLayout({ db: database.db }, w.admin, w.planId, {
      layoutId: made.row.id,
      version: made.row.version,
      layout: { ...layout, name: "PDCAシート（改）" },
    });
    assert.ok(first.ok);
    const stale = await saveReportLayout({ db: database.db }, w.admin, w.planId, {
      layoutId: made.row.id,
      version: made.row.version,
      layout,
    });
    assert.ok(!stale.ok && stale.reason === "conflict");
    const names = (await listReportLayouts(database.db, w.planId)).map((l) => l.layout.name);
    assert.ok(names.includes("PDCAシート（改）"));
  });
});
