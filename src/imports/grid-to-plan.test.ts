import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import ExcelJS from "exceljs";
import type { NodeDef } from "../plans/plan-document.js";
import { type ColumnMapping, detectStructure } from "./detect.js";
import { type Grid, readPastedText, readTextTable, readXlsx } from "./grid.js";
import { gridToPlanDocument } from "./grid-to-plan.js";
import { adaptSavedMapping } from "./saved-mapping.js";
import { referenceDocsDir } from "./test-support.js";

function ok<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) assert.fail(r.reason);
  return r.value;
}

function items(nodes: NodeDef[]): NodeDef[] {
  return nodes.flatMap((n) => (n.kind === "item" ? [n, ...items(n.children)] : items(n.children)));
}

function importGrid(grid: Grid, options: Parameters<typeof gridToPlanDocument>[2] = {}) {
  const detection = ok(detectStructure(grid));
  return { detection, ...gridToPlanDocument(grid, detection.mapping, options) };
}

describe("importing the city's guideline progress list (PDF text)", () => {
  const text = readFileSync(path.join(referenceDocsDir(), "city-guideline-progress-list.txt"), "utf8");
  const grid = ok(readTextTable(text));
  const { detection, doc, problems, preview } = importGrid(grid, {
    fiscalYear: 2023,
    sourceName: "city-guideline-progress-list.txt",
  });
  const all = items(doc.nodes);

  it("finds the header row and maps its seven columns", () => {
    assert.deepEqual(detection.mapping.headerRows, [9]);
    assert.deepEqual(detection.mapping.fields, {
      number: 0,
      title: 1,
      tier: 2,
      status: 3,
      result: 4,
      nextTerm: 5,
      reason: 6,
    });
  });

  it("creates 23 items under seven top categories with their ア/イ sub-categories, and reports no problem", () => {
    assert.deepEqual(problems, []);
    assert.equal(all.length, 23);
    assert.deepEqual(
      all.map((n) => n.label),
      Array.from({ length: 23 }, (_, i) => String(i + 1)),
    );
    assert.deepEqual(
      doc.nodes.map((n) => [n.kind, n.level, n.label]),
      ["（1）", "（2）", "（3）", "（4）", "（5）", "（6）", "（7）"].map((l) => ["category", 0, l]),
    );
    assert.equal(doc.nodes[0]!.title, "活動の場の提供に関すること");
    const sub = doc.nodes[2]!.children.map((c) => [c.level, c.label, c.children.length]);
    assert.deepEqual(sub, [
      [1, "ア", 4],
      [1, "ウ", 1],
      [1, "エ", 1],
      [1, "オ", 1],
    ]);
    assert.ok(all.every((n) => n.level === 2));
  });

  it("keeps the sub-category that has no label under （6）", () => {
    const six = doc.nodes[5]!;
    assert.equal(six.children.length, 1);
    const unlabeled = six.children[0]!;
    assert.deepEqual(
      [unlabeled.kind, unlabeled.level, unlabeled.label, unlabeled.title],
      ["category", 1, null, "多様な中間支援組織との連携"],
    );
    assert.deepEqual(
      unlabeled.children.map((c) => c.label),
      ["17"],
    );
  });

  it("reads the tier of every item from 【Ⅰ】<重点施策>, 【Ⅱ-ア】 …", () => {
    const tiers = all.map((n) => n.tierCode);
    assert.deepEqual(tiers, [
      "Ⅰ",
      "Ⅰ",
      "Ⅰ",
      "Ⅱ-ア",
      "Ⅱ-イ",
      "Ⅱ-ア",
      "Ⅱ-ア",
      "Ⅱ-イ",
      "Ⅱ-イ",
      "Ⅱ-イ",
      "Ⅱ-イ",
      "Ⅱ-イ",
      "Ⅱ-ア",
      "Ⅱ-イ",
      "Ⅲ",
      "Ⅱ-ア",
      "Ⅲ",
      "Ⅰ",
      "Ⅱ-イ",
      "Ⅰ",
      "Ⅱ-ア",
      "Ⅰ",
      "Ⅱ-イ",
    ]);
  });

  it("keeps the four tier definitions from the legend", () => {
    assert.deepEqual(doc.tiers, [
      { code: "Ⅰ", label: "【Ⅰ】<重点>", definition: "優先度が高く、短期的（1～2年）に実施していくもの" },
      { code: "Ⅱ-ア", label: "【Ⅱ-ア】", definition: "優先度がやや高く、中期的（3～5年）に実施していくもの" },
      { code: "Ⅱ-イ", label: "【Ⅱ-イ】", definition: "現状の取り組みを継続しながら、充実を図るもの" },
      { code: "Ⅲ", label: "【Ⅲ】", definition: "十分に検討しながら、段階的に実施していくもの" },
    ]);
  });

  it("keeps the four stated tallies exactly as printed, wrong as they are", () => {
    const round = doc.rounds[0]!;
    assert.equal(round.fiscalYear, 2023);
    assert.deepEqual(
      round.statedTallies.map((t) => [t.groupBy, t.group, t.text]),
      [
        ["tier", "Ⅰ", "5/6：済 1/6：未"],
        ["tier", "Ⅱ-ア", "1/6：済 2/6：着手中 1/6：一部済 2/6：未"],
        ["tier", "Ⅱ-イ", "5/8：済 1/6：一部済 2/6：未"],
        ["tier", "Ⅲ", "2/2：未"],
      ],
    );
    assert.deepEqual(round.statedTallies[2]!.counts, [
      { statusLabel: "済", count: 5, of: 8 },
      { statusLabel: "一部済", count: 1, of: 6 },
      { statusLabel: "未", count: 2, of: 6 },
    ]);
  });

  it("turns the status column into one entry per item, with its results", () => {
    const entries = doc.rounds[0]!.entries;
    assert.equal(entries.length, 23);
    const byKey = new Map(entries.map((e) => [e.nodeKey, e]));
    const status = all.map((n) => byKey.get(n.key)!.statusLabel);
    assert.deepEqual(status, [
      "済・継",
      "済・継",
      "済",
      "一部済",
      "済・継",
      "未",
      "未",
      "未",
      "一部済",
      "済・継",
      "済・継",
      "済・継",
      "一部済",
      "済",
      "未",
      "着手中",
      "未",
      "済",
      "済",
      "未",
      "済",
      "着手中",
      "未",
    ]);
    assert.equal(byKey.get(all[2]!.key)!.result, "R3につながるエール基金の開始");
    assert.equal(byKey.get(all[6]!.key)!.result, null);
    assert.deepEqual(
      [...doc.statusVocabulary].sort((a, b) => a.label.localeCompare(b.label)),
      [
        { label: "一部済", canonical: "partly" },
        { label: "未", canonical: "not_started" },
        { label: "済", canonical: "done" },
        { label: "済・継", canonical: "done" },
        { label: "着手中", canonical: "in_progress" },
      ].sort((a, b) => a.label.localeCompare(b.label)),
    );
  });

  it("reads 2期案 and 理由: a tier, ○ (completed), ○→I (completed, carried on as Ⅰ)", () => {
    const next = (no: number) => all[no - 1]!.nextTerm!;
    assert.deepEqual(next(1), {
      label: "Ⅱ-イ",
      tierCode: "Ⅱ-イ",
      completed: false,
      reason: "コロナにより需要が低減。Ⅲに降格し、情報収集及び情報更新に努めていく",
    });
    assert.deepEqual(next(3), { label: "○", tierCode: null, completed: true, reason: "完了" });
    assert.deepEqual(
      { ...next(6), reason: null },
      { label: "I", tierCode: "Ⅰ", completed: false, reason: null },
    );
    assert.deepEqual(
      { ...next(18), reason: null },
      { label: "○→I", tierCode: "Ⅰ", completed: true, reason: null },
    );
    assert.equal(next(23).tierCode, "Ⅱ-ア");
  });

  it("takes the plan's title, kind and term from the line above the legend", () => {
    assert.equal(doc.title, "第1期指針 具体施策の進捗状況一覧");
    assert.equal(doc.kind, "指針");
    assert.equal(doc.termLabel, "第1期");
  });

  it("previews every row: title, legend, categories and items, in source order", () => {
    assert.equal(preview.filter((p) => p.action === "item").length, 23);
    assert.equal(preview.filter((p) => p.action === "legend").length, 4);
    assert.equal(preview.filter((p) => p.action === "category").length, 7 + 16);
    const first = preview.find((p) => p.action === "item")!;
    assert.deepEqual([first.row, first.label, first.summary], [12, "1", "重点Ⅰ・済・継・次期案Ⅱ-イ"]);
  });

  it("asks for the fiscal year when the list does not print one", () => {
    const withoutYear = gridToPlanDocument(grid, detection.mapping);
    assert.equal(withoutYear.doc.rounds.length, 0);
    assert.equal(withoutYear.problems.length, 1);
    assert.match(withoutYear.problems[0]!.message, /年度を指定/);
  });
});

async function xlsxGrid(build: (ws: ExcelJS.Worksheet) => void): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("進捗"));
  return ok(await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer())));
}

describe("the preamble of the product's own exports", () => {
  it("reads back the as-of text inside 「…年度の進捗（…）」, and takes nothing above an appended items table", () => {
    const tsv = (lines: string[]) => ok(readPastedText(lines.join("\n")));
    const printed = importGrid(
      tsv(["計画", "令和5年度の進捗（※12月20日現在）", "No\t内容\t進捗状況", "1\t講座\t済"]),
      { fiscalYear: 2023 },
    );
    assert.equal(printed.doc.rounds[0]?.asOfLabel, "※12月20日現在");
    const appended = importGrid(
      tsv([
        "施策別概要",
        "実績\t講座を12回（※12月20日現在）",
        "項目一覧（取り込み用）",
        "令和5年度の進捗",
        "No\t内容\t進捗状況\tID",
        "1\t講座\t済\t",
      ]),
      { fiscalYear: 2023 },
    );
    assert.deepEqual(appended.detection.mapping.headerRows, [5]);
    assert.equal(appended.doc.rounds[0]?.asOfLabel, null, "the document's text is no as-of date");
  });
});

describe("importing an xlsx plan sheet", () => {
  it("reads a two-row header with a merged year group into a ○/→ schedule", async () => {
    const grid = await xlsxGrid((ws) => {
      ws.getCell("A1").value = "令和5年12月20日現在";
      ws.getRow(2).values = ["No", "施策の\n方向性", "推進課", "実施目標年度", null, null, "進捗状況"];
      ws.getRow(3).values = [null, null, null, "R5", "R6", "R7", null];
      for (const c of ["A", "B", "C", "G"]) ws.mergeCells(`${c}2:${c}3`);
      ws.mergeCells("D2:F2");
      ws.getRow(4).values = ["（1）協働の推進"];
      ws.mergeCells("A4:G4");
      ws.getRow(5).values = [1, "協働事業の提案制度", "協働推進課 産業振興課", "○", "→", "→", "着手中"];
      ws.getRow(6).values = [2, "職員研修", "全課", null, "○", "→", "未着手"];
    });
    const { detection, doc, problems } = importGrid(grid);
    assert.deepEqual(problems, []);
    assert.deepEqual(detection.mapping.headerRows, [2, 3]);
    assert.deepEqual(detection.mapping.years, [
      { column: 3, fiscalYear: 2023, kind: "schedule" },
      { column: 4, fiscalYear: 2024, kind: "schedule" },
      { column: 5, fiscalYear: 2025, kind: "schedule" },
    ]);
    const [first, second] = items(doc.nodes);
    assert.equal(first!.content, "協働事業の提案制度");
    assert.deepEqual(first!.schedule, { "2023": "start", "2024": "continue", "2025": "continue" });
    assert.deepEqual(first!.departments, ["協働推進課", "産業振興課"]);
    assert.deepEqual(second!.schedule, { "2024": "start", "2025": "continue" });
    assert.deepEqual(doc.departments, ["協働推進課", "産業振興課", "全課"]);
    assert.deepEqual([doc.firstYear, doc.lastYear], [2023, 2025]);
    assert.equal(doc.rounds[0]!.fiscalYear, 2023);
    assert.equal(doc.rounds[0]!.asOfDate, "2023-12-20");
    assert.deepEqual(doc.nodes[0]!.label, "（1）");
  });

  it("skips a header repeated on every printed page and links a 再掲 item to its original", async () => {
    const grid = await xlsxGrid((ws) => {
      ws.getRow(1).values = ["No", "内容", "担当課", "進捗状況"];
      ws.getRow(2).values = [1, "協働研修の実施", "人事課", "済"];
      ws.getRow(3).values = ["No", "内容", "担当課", "進捗状況"];
      ws.getRow(4).values = [2, "協働研修の実施（再掲）", "人事課", "済"];
    });
    const { doc, problems, preview } = importGrid(grid, { fiscalYear: 2024 });
    assert.deepEqual(problems, []);
    const [original, again] = items(doc.nodes);
    assert.equal(again!.crossRefOf, original!.key);
    assert.equal(original!.crossRefOf, null);
    assert.deepEqual(
      preview.map((p) => p.action),
      ["item", "repeated-header", "item"],
    );
  });

  it("locates an unknown status, grade and schedule mark by sheet, row and column, in Japanese", async () => {
    const grid = await xlsxGrid((ws) => {
      ws.getRow(1).values = ["No", "内容", "評価", "進捗状況", "H30", "R1"];
      ws.getRow(2).values = [1, "協働研修", "◯", "たぶん済", "○", "?"];
      ws.getRow(3).values = [2, "情報提供", "B", "済", null, "○"];
    });
    const { problems, doc } = importGrid(grid, {
      fiscalYear: 2019,
      gradeVocabulary: [
        { label: "◎", definition: null },
        { label: "△", definition: null },
      ],
    });
    const located = problems
      .map((p) => [p.sheet, p.row, p.column, p.field, p.message] as const)
      .sort((a, b) => a[1]! - b[1]! || a[2]!.localeCompare(b[2]!));
    assert.deepEqual(
      located.map((p) => p.slice(0, 4)),
      [
        ["進捗", 2, "C", "grade"],
        ["進捗", 2, "D", "status"],
        ["進捗", 2, "F", "schedule"],
        ["進捗", 3, "C", "grade"],
      ],
    );
    assert.equal(located[0]![4], "2行目「評価」: 「◯」はこの計画の評価区分（◎△）にありません");
    assert.match(
      located[1]![4],
      /^2行目「進捗状況」: 「たぶん済」が済・一部済・着手中・未・中止のどれに当たるか/,
    );
    assert.match(located[2]![4], /^2行目「R1」: 「\?」は年度の印として読めません/);
    assert.deepEqual(items(doc.nodes)[0]!.schedule, { "2018": "start" });
  });

  it("accepts the plan's own status vocabulary instead of the standard one", async () => {
    const grid = await xlsxGrid((ws) => {
      ws.getRow(1).values = ["No", "内容", "進捗状況"];
      ws.getRow(2).values = [1, "協働研修", "A"];
      ws.getRow(3).values = [2, "情報提供", "済"];
    });
    const { problems, doc } = importGrid(grid, {
      fiscalYear: 2024,
      statusVocabulary: [{ label: "A", canonical: "done" }],
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /^3行目「進捗状況」: 「済」はこの計画の進捗区分（A）にありません/);
    assert.deepEqual(doc.statusVocabulary, [{ label: "A", canonical: "done" }]);
  });

  it("reads a PDCA sheet whose plan columns sit under a merged 行動計画(P) header", async () => {
    const grid = await xlsxGrid((ws) => {
      ws.getRow(1).values = [
        "No",
        "行動計画(P)",
        null,
        "実行(D)",
        "評価(C)",
        "改善(A)",
        "目指すべき姿",
        "実施主体",
      ];
      ws.getRow(2).values = [null, "内容", "取組目標", null, null, null, null, null];
      ws.mergeCells("B1:C1");
      for (const c of ["A", "D", "E", "F", "G", "H"]) ws.mergeCells(`${c}1:${c}2`);
      ws.getRow(3).values = [
        1,
        "人材派遣",
        "【毎年15名以上の派遣】",
        "12名派遣",
        "目標未達",
        "募集時期を早める",
        "地域に根付く",
        "協働推進課",
      ];
    });
    const { detection, doc, problems } = importGrid(grid, { fiscalYear: 2015 });
    assert.deepEqual(problems, []);
    assert.deepEqual(detection.mapping.fields, {
      number: 0,
      content: 1,
      yearlyGoal: 2,
      doText: 3,
      checkText: 4,
      actText: 5,
      targetState: 6,
      implementingBody: 7,
    });
    const item = items(doc.nodes)[0]!;
    assert.equal(item.title, "人材派遣");
    assert.equal(item.yearlyGoal, "【毎年15名以上の派遣】");
    const entry = doc.rounds[0]!.entries[0]!;
    assert.deepEqual(
      [entry.doText, entry.checkText, entry.actText],
      ["12名派遣", "目標未達", "募集時期を早める"],
    );
  });

  it("reads targets and actuals per fiscal year into an indicator", async () => {
    const grid = await xlsxGrid((ws) => {
      ws.getRow(1).values = ["No", "内容", "指標名", "目標値", null, "実績値", null];
      ws.getRow(2).values = [null, null, null, "H25", "H26", "H25", "H26"];
      ws.mergeCells("D1:E1");
      ws.mergeCells("F1:G1");
      ws.getRow(3).values = [1, "NPOの育成", "NPO法人数", "1,600団体", "1,700団体", "1,580団体", "-"];
    });
    const { doc, problems } = importGrid(grid);
    assert.deepEqual(problems, []);
    assert.deepEqual(doc.indicators[0]!.values, [
      { fiscalYear: 2013, target: 1600, actual: 1580, note: null },
      { fiscalYear: 2014, target: 1700, actual: null, note: null },
    ]);
    assert.equal(doc.indicators[0]!.unit, "団体");
    assert.equal(doc.indicators[0]!.name, "NPO法人数");
  });
});

describe("importing text pasted from Excel", () => {
  it("maps headers written with full-width letters, spaces and line breaks", () => {
    const grid = ok(
      readPastedText('ＮＯ\t"施策の\n実施"\t内 容\t担当課\r\n1\t済\t"協働の\n推進"\t協働推進課\r\n'),
    );
    const { detection, doc } = importGrid(grid, { fiscalYear: 2024 });
    assert.deepEqual(detection.mapping.fields, { number: 0, status: 1, title: 2, departments: 3 });
    assert.equal(items(doc.nodes)[0]!.title, "協働の\n推進");
  });

  it("lets the user correct the proposed mapping: a column moved to another field", () => {
    const grid = ok(readPastedText("No\t内容\t備考\r\n1\t協働研修\t済\r\n"));
    const { detection } = importGrid(grid);
    assert.deepEqual(detection.mapping.attributes, [{ column: 2, name: "備考" }]);
    const corrected: ColumnMapping = {
      ...detection.mapping,
      fields: { ...detection.mapping.fields, status: 2 },
      attributes: [],
    };
    const saved = JSON.parse(JSON.stringify(corrected)) as ColumnMapping;
    const { doc, problems } = gridToPlanDocument(grid, saved, { fiscalYear: 2024 });
    assert.deepEqual(problems, []);
    assert.equal(doc.rounds[0]!.entries[0]!.statusLabel, "済");
  });

  it("refuses a mapping that is not a valid ColumnMapping, with a message instead of a crash", () => {
    const grid = ok(readPastedText("No\t内容\r\n1\t協働研修\r\n"));
    const broken = { version: 1, sheet: "貼り付け", fields: { title: -1 } } as unknown as ColumnMapping;
    const { problems } = gridToPlanDocument(grid, broken);
    assert.equal(problems[0]!.field, "mapping");
  });

  it("says what to do when no header row can be found", () => {
    const r = detectStructure(ok(readPastedText("りんご\tみかん\r\n1\t2\r\n")));
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /見出し行が見つかりません/);
  });
});

describe("reusing a saved mapping next year", () => {
  it("follows columns that moved and names the headers that are gone", () => {
    const lastYear = ok(readPastedText("No\t内容\t備考\t担当\r\n1\t協働研修\t済\t人事課\r\n"));
    const { detection } = importGrid(lastYear);
    const corrected: ColumnMapping = {
      ...detection.mapping,
      fields: { ...detection.mapping.fields, status: 2 },
      attributes: [],
    };
    const saved = JSON.parse(JSON.stringify(corrected)) as ColumnMapping;
    const thisYear = ok(readPastedText("内容\tNo\t備 考\r\n情報提供\t1\t一部済\r\n"));
    const adapted = adaptSavedMapping(saved, thisYear);
    if (!adapted.ok) assert.fail(adapted.reason);
    assert.deepEqual(adapted.value.mapping.fields, { number: 1, title: 0, status: 2 });
    assert.deepEqual(adapted.value.unmatched, ["担当"]);
    const { doc, problems } = gridToPlanDocument(thisYear, adapted.value.mapping, { fiscalYear: 2025 });
    assert.deepEqual(problems, []);
    assert.equal(doc.rounds[0]!.entries[0]!.statusLabel, "一部済");
  });
});

describe("importing lists of the same kind laid out by other municipalities", () => {
  /** A list pasted as lines of tab-separated cells, imported for FY2023. */
  const importLines = (lines: string[]) =>
    importGrid(ok(readTextTable(lines.join("\n"))), { fiscalYear: 2023 });

  it("reads letter tiers with their definitions and tallies, and 今後の方向性 words as next-term proposals", () => {
    const { detection, doc, problems } = importLines([
      "協働推進指針（第2次）　取組の進捗状況一覧（令和5年度）",
      "■達成状況",
      "［A］最優先で短期に実施するもの\t2/3：完了\t1/3：未実施",
      "［B］中期的に実施するもの\t1/1：実施中",
      "番号\t取組内容\t優先度\t実施状況\t令和5年度の実績\t次期の方向性\t理由",
      "１　情報の共有",
      "（１）情報発信の充実",
      "1\t市ホームページでの情報発信\t［A］\t完了\t市民活動ページを新設した\t継続\t引き続き更新する",
      "2\t広報紙での特集\t［A］\t完了\t年2回特集を掲載\t拡充\t好評のため",
      "3\t空きスペースの活用\t［A］\t未実施\t\t見直し\t改修計画と調整が必要",
      "4\tSNSでの発信\t［B］\t実施中\t公式アカウントを開設\t継続\t",
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(detection.mapping.fields, {
      number: 0,
      title: 1,
      tier: 2,
      status: 3,
      result: 4,
      nextTerm: 5,
      reason: 6,
    });
    assert.deepEqual(
      doc.tiers.map((t) => [t.code, t.label, t.definition]),
      [
        ["A", "［A］", "最優先で短期に実施するもの"],
        ["B", "［B］", "中期的に実施するもの"],
      ],
    );
    const all = items(doc.nodes);
    assert.deepEqual(
      all.map((n) => [n.label, n.tierCode, n.nextTerm?.label ?? null]),
      [
        ["1", "A", "継続"],
        ["2", "A", "拡充"],
        ["3", "A", "見直し"],
        ["4", "B", "継続"],
      ],
    );
    assert.deepEqual(
      doc.rounds[0]!.statedTallies.map((t) => [t.group, t.text]),
      [
        ["A", "2/3：完了 1/3：未実施"],
        ["B", "1/1：実施中"],
      ],
    );
  });

  it("reads a year before a header, a status column of sentences as the result, and ・ between departments", () => {
    const { detection, doc, problems } = importLines([
      "令和5年度　協働推進計画　進捗管理表",
      "基本目標\t施策の方向\t事業番号\t事業名\t担当課\tR5実施状況\t評価\t今後の方向性",
      "1 協働の担い手づくり",
      "\t(1) 市民活動の活性化",
      "\t\t1-1-1\t市民活動講座\t市民協働課\t年4回開催し延べ120人が参加\tA\t継続",
      "\t\t1-1-2\tボランティア登録\t社会福祉課\t登録者数が前年比10%増\tB\t拡充",
      "\t\t1-1-3\t協働事業提案制度\t市民協働課・企画課\t提案3件のうち2件を採択\tB\t見直し",
      "\t\t1-1-4\t手引きの作成\t生活・文化部\t未着手\tD\t継続",
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(detection.mapping.fields, {
      number: 2,
      title: 3,
      departments: 4,
      result: 5,
      grade: 6,
      nextTerm: 7,
    });
    assert.deepEqual(
      items(doc.nodes).map((n) => [n.label, n.departments]),
      [
        ["1-1-1", ["市民協働課"]],
        ["1-1-2", ["社会福祉課"]],
        ["1-1-3", ["市民協働課", "企画課"]],
        ["1-1-4", ["生活・文化部"]],
      ],
    );
    assert.equal(doc.rounds[0]!.entries[0]!.result, "年4回開催し延べ120人が参加");
  });

  it("takes the progress year from a title that names one fiscal year, and none from a plan period", () => {
    const table = ["No\t内容\t進捗状況", "1\t協働研修\t済"];
    const yearOf = (title: string) => {
      const { doc, problems } = importGrid(ok(readTextTable([title, ...table].join("\n"))));
      return { year: doc.rounds[0]?.fiscalYear ?? null, problems: problems.map((p) => p.field) };
    };
    assert.deepEqual(yearOf("協働推進指針　取組の進捗状況一覧（令和5年度）"), { year: 2023, problems: [] });
    assert.deepEqual(yearOf("協働推進計画（令和3年度～令和7年度）進捗一覧"), {
      year: null,
      problems: ["round"],
    });
  });

  it("reads a number written with the name of its level (基本目標1, 基本方針2) as the category's label and level", () => {
    const { doc, problems } = importLines([
      "No\t内容\t担当課",
      "基本目標1　市民活動の促進",
      "基本方針1　活動の場づくり",
      "1\t拠点の整備\t市民協働課",
      "基本方針2　人材の育成",
      "2\t講座の開催\t市民協働課",
      "基本目標2　協働の推進",
      "基本方針1　協働事業の推進",
      "3\t提案制度\t企画課",
    ]);
    assert.deepEqual(problems, []);
    const outline = (nodes: NodeDef[]): unknown[] =>
      nodes.map((n) => (n.children.length ? [n.label, n.title, outline(n.children)] : [n.label, n.title]));
    assert.deepEqual(outline(doc.nodes), [
      [
        "基本目標1",
        "市民活動の促進",
        [
          ["基本方針1", "活動の場づくり", [["1", "拠点の整備"]]],
          ["基本方針2", "人材の育成", [["2", "講座の開催"]]],
        ],
      ],
      ["基本目標2", "協働の推進", [["基本方針1", "協働事業の推進", [["3", "提案制度"]]]]],
    ]);
  });

  it("reads R3目標 | R3実績 | 令和4年度目標値 over numbers as year columns, and over text as fields", () => {
    const yearsOf = (lines: string[]) => {
      const m = importLines(lines).detection.mapping;
      return { fields: m.fields, years: m.years.map((y) => [y.column, y.fiscalYear, y.kind]) };
    };
    assert.deepEqual(
      yearsOf(["指標名\t単位\tR3目標\tR3実績\t令和4年度目標値", "NPO法人数\t団体\t100\t98\t110"]),
      {
        fields: { indicatorName: 0, unit: 1 },
        years: [
          [2, 2021, "target"],
          [3, 2021, "actual"],
          [4, 2022, "target"],
        ],
      },
    );
    assert.deepEqual(yearsOf(["No\t内容\tR5目標\tR5実績", "1\t協働研修\t年2回開催する\t年2回開催した"]), {
      fields: { number: 0, title: 1, yearlyGoal: 2, result: 3 },
      years: [],
    });
  });

  it("takes the latest year's column when several name the same field with a year", () => {
    const { detection, doc } = importLines(["No\t内容\tR4実績\tR5実績", "1\t協働研修\t年1回\t年2回"]);
    assert.equal(detection.mapping.fields.result, 3);
    assert.deepEqual(detection.mapping.attributes, [{ column: 2, name: "R4実績" }]);
    assert.equal(doc.rounds[0]!.entries[0]!.result, "年2回");
  });

  it("keeps a plan's own short status words as statuses, and sentences under 今後の方向性 as the A text", () => {
    const { detection } = importLines([
      "No\t内容\t進捗状況\t今後の方向性",
      "1\t協働研修\t順調\t研修の対象を若手職員にも広げ、年2回実施する。",
      "2\t情報提供\t概ね順調\t掲載する情報を整理し、更新の頻度を上げる。",
      "3\t基金\t遅れ\t寄附の呼びかけ方を見直す。",
    ]);
    assert.deepEqual(detection.mapping.fields, { number: 0, title: 1, status: 2, actText: 3 });
  });
});
