import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newNodeDef } from "../plans/plan-document.js";
import { buildReport } from "./index.js";
import { findChromium, renderPdf } from "./render-pdf.js";
import { renderReportCsv, renderReportCsvSjis, reportCsvRows, safeCell } from "./render-sheets.js";
import { layoutFromForm, layoutSchema } from "./report-layout.js";
import type { ReportSource, SourceRound, TableBlock } from "./report-model.js";

const item = (key: string, label: string, title: string, over: Partial<ReturnType<typeof newNodeDef>> = {}) =>
  newNodeDef({ key, kind: "item", level: 1, label, title, ...over });

function source(over: Partial<ReportSource> = {}): ReportSource {
  return {
    plan: {
      id: "p",
      title: "協働推進計画",
      kind: "推進計画",
      termLabel: "第1期",
      subtitle: null,
      issuedLabel: null,
      issuer: null,
      firstYear: 2022,
      lastYear: 2024,
      levelNames: ["基本方針", "具体的な取組"],
      tiers: [
        { code: "Ⅰ", label: "【Ⅰ】<重点>", definition: "短期に実施" },
        { code: "Ⅱ", label: "【Ⅱ】", definition: "中期に実施" },
      ],
      statusVocabulary: [
        { label: "済", canonical: "done" },
        { label: "済・継", canonical: "done" },
        { label: "未", canonical: "not_started" },
      ],
      gradeVocabulary: [
        { label: "◎", definition: "十分" },
        { label: "△", definition: "不十分" },
      ],
      revisions: [],
      sections: [],
      departments: ["協働推進課", "産業振興課"],
    },
    orgName: "テスト市",
    orgYearStyle: "wareki",
    nodes: [
      newNodeDef({
        key: "top",
        kind: "category",
        level: 0,
        label: "Ⅰ",
        title: "協働の基盤づくり",
        children: [
          item("a", "1", "活動拠点の確保", {
            tierCode: "Ⅰ",
            departments: ["協働推進課"],
            content: "拠点を整備する",
            schedule: { "2022": "start", "2023": "continue" },
          }),
          item("b", "2", '=HYPERLINK("http://x")', { tierCode: "Ⅱ", departments: ["産業振興課"] }),
          item("a2", "3", "活動拠点の確保", { tierCode: "Ⅰ", crossRefOf: "a" }),
        ],
      }),
    ],
    indicators: [],
    budgets: [],
    rounds: [],
    ...over,
  };
}

const round = (over: Partial<SourceRound> = {}): SourceRound => ({
  id: "r1",
  state: "published",
  fiscalYear: 2023,
  asOfLabel: null,
  asOfDate: "2024-03-31",
  entries: [
    {
      nodeKey: "a",
      department: "協働推進課",
      statusLabel: "済・継",
      grade: "◎",
      result: "2か所開設",
      doText: "拠点を開設",
      checkText: "利用が多い",
      issuesText: null,
      actText: "3か所目を検討",
      narrative: [],
    },
    {
      nodeKey: "b",
      department: "産業振興課",
      statusLabel: "未",
      grade: "△",
      result: null,
      doText: null,
      checkText: null,
      issuesText: null,
      actText: null,
      narrative: [],
    },
  ],
  statedTallies: [
    { groupBy: "tier", group: "Ⅰ", text: "2/2：済", counts: [{ statusLabel: "済", count: 2, of: 2 }] },
  ],
  ...over,
});

const layout = (over: Record<string, unknown>) =>
  layoutSchema.parse({ kind: "custom", name: "一覧", columns: ["label", "title"], ...over });
const tables = (m: ReturnType<typeof buildReport>) =>
  m.blocks.filter((b): b is TableBlock => b.type === "table");
const internal = { roundId: null, audience: "internal" as const };

describe("list reports", () => {
  it("counts an item listed again (再掲) once in the tier summary and marks the stated tally that disagrees", () => {
    const m = buildReport(source({ rounds: [round()] }), layout({ summaries: ["tier"] }), internal);
    const summary = tables(m)[0]!;
    const tierI = summary.rows[0]!;
    assert.ok(tierI.kind === "data");
    assert.equal(tierI.cells[2], "1/1：済");
    assert.equal(tierI.cells[3], "2/2：済");
    assert.ok(tierI.flagged);
    assert.match(tierI.cells[4]!, /^※差異あり/);
    const total = summary.rows.at(-1)!;
    assert.ok(total.kind === "data" && total.cells[2] === "2件");
  });

  it("counts statuses and grades per label, unreported items apart", () => {
    const m = buildReport(
      source({ rounds: [round()] }),
      layout({ summaries: ["status", "grade"] }),
      internal,
    );
    const [status, grade] = tables(m);
    const cells = (t: TableBlock) =>
      t.rows.map((r) => (r.kind === "data" ? r.cells.slice(0, 2).join(":") : ""));
    assert.deepEqual(cells(status!), ["済・継:1件", "未:1件", "合計:2件"]);
    assert.deepEqual(cells(grade!), ["◎:1件", "△:1件", "合計:2件"]);
  });

  it("prints the PDCA columns and the fiscal-year grid under merged headers, years in the chosen style", () => {
    const m = buildReport(
      source({ rounds: [round()] }),
      layout({ columns: ["label", "title", "schedule", "plan", "do", "check", "act"], yearStyle: "western" }),
      internal,
    );
    const main = tables(m).find((t) => t.main)!;
    assert.deepEqual(
      main.head[0]!.map((c) => [c.text, c.colSpan, c.rowSpan]),
      [
        ["No", 1, 2],
        ["内容", 1, 2],
        ["実施目標年度", 3, 1],
        ["進捗管理（PDCA）", 4, 1],
      ],
    );
    assert.deepEqual(
      main.head[1]!.map((c) => c.text),
      ["2022年度", "2023年度", "2024年度", "行動計画(P)", "実行(D)", "評価(C)", "改善(A)"],
    );
    const a = main.rows.find((r) => r.kind === "data" && r.cells[0] === "1")!;
    assert.ok(a.kind === "data");
    assert.deepEqual(a.cells.slice(2), [
      "○",
      "→",
      "",
      "拠点を整備する",
      "拠点を開設",
      "利用が多い",
      "3か所目を検討",
    ]);
    assert.equal(m.asOf, "2023年度の進捗（2024年3月31日時点）");
  });

  it("filters by department and says so", () => {
    const m = buildReport(
      source({ rounds: [round()] }),
      layout({ filters: { department: "産業振興課" } }),
      internal,
    );
    const rows = tables(m)[0]!.rows.filter((r) => r.kind === "data");
    assert.equal(rows.length, 1);
    assert.ok(m.notes.some((n) => n.includes("担当課「産業振興課」")));
  });

  it("renders a round with no entries, a field the plan lacks, and an empty plan with notes", () => {
    const noEntries = buildReport(
      source({ rounds: [round({ entries: [] })] }),
      layout({ columns: ["label", "attr:事業費"] }),
      internal,
    );
    assert.ok(noEntries.notes.some((n) => n.includes("まだ記入がありません")));
    assert.ok(noEntries.notes.some((n) => n.includes("「事業費」の欄がありません")));
    const empty = buildReport(source({ nodes: [] }), layout({}), internal);
    assert.ok(empty.notes.some((n) => n.includes("まだ項目がありません")));
  });

  it("shows the public only published rounds", () => {
    const open = round({
      id: "r2",
      state: "open",
      fiscalYear: 2024,
      entries: [{ ...round().entries[0]!, result: "下書き" }],
    });
    const src = source({ rounds: [round(), open] });
    const pub = buildReport(src, layout({ columns: ["title", "result"] }), {
      roundId: "r2",
      audience: "public",
    });
    assert.ok(!JSON.stringify(pub).includes("下書き"));
    const inner = buildReport(src, layout({ columns: ["title", "result"] }), {
      roundId: "r2",
      audience: "internal",
    });
    assert.ok(JSON.stringify(inner).includes("下書き"));
  });
});

describe("spreadsheet outputs", () => {
  it("neutralises cells that would run as formulas, but keeps a lone '-'", () => {
    assert.equal(safeCell("=1+1"), "'=1+1");
    assert.equal(safeCell("+81"), "'+81");
    assert.equal(safeCell("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(safeCell("-"), "-");
    assert.equal(safeCell("済"), "済");
    const m = buildReport(source(), layout({}), internal);
    assert.ok(reportCsvRows(m).some((r) => r.includes('\'=HYPERLINK("http://x")')));
  });

  it("writes the same CSV in UTF-8 with BOM and in Shift_JIS, mapping 〜 so nothing becomes '?'", () => {
    const m = buildReport(source(), layout({ title: "令和4〜6年度 一覧" }), internal);
    const utf8 = renderReportCsv(m);
    assert.ok(utf8.startsWith("\uFEFF"));
    const sjis = new TextDecoder("shift_jis").decode(renderReportCsvSjis(m));
    assert.ok(!sjis.includes("?"));
    assert.equal(sjis.replace(/～/g, "〜"), utf8.slice(1));
  });
});

describe("the designer's form", () => {
  it("orders the ticked columns by the numbers given and adds the further fields", () => {
    const parsed = layoutSchema.parse(
      layoutFromForm({
        name: "評価シート",
        "col.title": "on",
        "order.title": "2",
        "col.label": "on",
        "order.label": "1",
        "col.grade": "on",
        attrs: "対象\n意図",
        groupLevels: "1",
        "summary.grade": "on",
        showAsOf: "on",
        yearStyle: "both",
      }),
    );
    assert.deepEqual(parsed.columns, ["label", "title", "grade", "attr:対象", "attr:意図"]);
    assert.equal(parsed.groupLevels, 1);
    assert.deepEqual(parsed.summaries, ["grade"]);
    assert.equal(parsed.showLegend, false);
  });

  it("refuses a layout without a name or with an unknown column, in Japanese", () => {
    const r = layoutSchema.safeParse({ kind: "custom", name: "", columns: ["password"] });
    assert.ok(!r.success);
    const messages = r.error.issues.map((i) => i.message);
    assert.ok(messages.includes("レイアウト名を入力してください"));
    assert.ok(messages.includes("表示できない列です"));
  });
});

describe("PDF", () => {
  it("explains, instead of failing, when no Chromium is installed", async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      assert.equal(await findChromium(), null);
      const r = await renderPdf("<!DOCTYPE html><html lang=ja><title>x</title></html>");
      assert.ok(!r.ok && r.message.includes("Chromium"));
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
