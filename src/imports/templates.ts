/**
 * Downloadable templates for the plan-list import: the standard headers, a category row and three sample items,
 * as xlsx (two-row header with a merged 実施目標年度 group, like the sheets municipalities already use) and as
 * CSV (UTF-8 with BOM so that Excel opens it correctly). Both re-import without a problem (see the test).
 */
import { stringify } from "csv-stringify/sync";
import { formatFiscalYear } from "../japanese/index.js";
import { exceljs } from "./read-xlsx.js";

export type TemplateOptions = {
  /** First fiscal year of the 実施目標年度 columns (Western); five years are printed. */
  firstYear?: number;
};

const COLUMNS = ["No", "内容", "施策の方向性", "重点", "担当課", "実施主体"] as const;
const AFTER_YEARS = ["進捗状況", "実績", "2期案", "理由"] as const;
const YEAR_COUNT = 5;

type SampleRow = { cells: string[]; marks: string[]; after: string[] };

const CATEGORIES = ["（1）活動の場の提供に関すること", "ア 市民活動団体等の活動拠点の確保"];

const SAMPLES: SampleRow[] = [
  {
    cells: [
      "1",
      "公共施設の有効利用",
      "市民活動団体が使える公共施設の一覧を公開する",
      "【Ⅰ】",
      "協働推進課",
      "市",
    ],
    marks: ["○", "→", "→", "", ""],
    after: ["済・継", "ホームページで公共施設一覧を公開", "Ⅱ-イ", "継続して情報を更新するため"],
  },
  {
    cells: [
      "2",
      "民間施設の活用",
      "民間の打合せスペースの情報を集める",
      "【Ⅱ-ア】",
      "協働推進課 産業振興課",
      "市・NPO",
    ],
    marks: ["", "○", "→", "→", "→"],
    after: ["着手中", "", "○→Ⅰ", "重点的に進めるため"],
  },
  {
    cells: ["3", "活動拠点の整備の検討", "", "【Ⅲ】", "全課", ""],
    marks: ["", "", "", "○", "→"],
    after: ["未", "", "完了", "他の施策に統合したため"],
  },
];

/** The xlsx template: sheet 「計画一覧」, header in rows 1–2, categories in bold across the row. */
export async function planTemplateXlsx(options: TemplateOptions = {}): Promise<Uint8Array> {
  const first = options.firstYear ?? 2024;
  const wb = new (exceljs().Workbook)();
  const ws = wb.addWorksheet("計画一覧");
  const yearStart = COLUMNS.length + 1;
  const yearEnd = yearStart + YEAR_COUNT - 1;
  const width = yearEnd + AFTER_YEARS.length;
  ws.getRow(1).values = [...COLUMNS, "実施目標年度", ...Array(YEAR_COUNT - 1).fill(null), ...AFTER_YEARS];
  ws.getRow(2).values = [
    ...COLUMNS.map(() => null),
    ...Array.from({ length: YEAR_COUNT }, (_, i) => formatFiscalYear(first + i, "wareki-short")),
  ];
  for (let c = 1; c <= width; c++) {
    if (c < yearStart || c > yearEnd) ws.mergeCells(2 - 1, c, 2, c);
  }
  ws.mergeCells(1, yearStart, 1, yearEnd);
  for (const r of [1, 2]) {
    ws.getRow(r).font = { bold: true };
    ws.getRow(r).alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  }
  let r = 3;
  for (const category of CATEGORIES) {
    ws.getRow(r).values = [category];
    ws.mergeCells(r, 1, r, width);
    ws.getRow(r).font = { bold: true };
    r++;
  }
  for (const s of SAMPLES) {
    ws.getRow(r).values = [Number(s.cells[0]), ...s.cells.slice(1), ...s.marks, ...s.after];
    ws.getRow(r).alignment = { vertical: "top", wrapText: true };
    r++;
  }
  ws.columns.forEach((col, i) => {
    col.width = i === 1 || i === 2 || i >= yearEnd ? 28 : i >= yearStart - 1 ? 6 : 12;
  });
  ws.views = [{ state: "frozen", ySplit: 2 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The CSV template (UTF-8 with BOM, CRLF): one header row, years as `2024年度`. */
export function planTemplateCsv(options: TemplateOptions = {}): Uint8Array {
  const first = options.firstYear ?? 2024;
  const header = [
    ...COLUMNS,
    ...Array.from({ length: YEAR_COUNT }, (_, i) => `${first + i}年度`),
    ...AFTER_YEARS,
  ];
  const rows = [
    header,
    ...CATEGORIES.map((c) => [c]),
    ...SAMPLES.map((s) => [...s.cells, ...s.marks, ...s.after]),
  ];
  return new Uint8Array(Buffer.from(stringify(rows, { bom: true, record_delimiter: "windows" })));
}
