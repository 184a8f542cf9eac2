/**
 * The report as a spreadsheet (real cells, merged headers, column widths, wrapped text, print setup A4 landscape
 * with repeating header rows and page numbers, a Japanese sheet name) and as CSV (UTF-8 with BOM, or Shift_JIS
 * for older Excel), each table with a last column `ID` (the plan node's UUID on item rows). Both read the same report model as the HTML, so the three never disagree.
 * Cells starting with = + - @ (and tab/CR) are neutralised against formula injection (OWASP "CSV Injection").
 */
import { PassThrough } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { exceljs } from "../imports/read-xlsx.js";
import type { HeadCell, ReportModel, TableBlock } from "./report-model.js";

/** A cell made safe against formula injection; a lone "-" (the documents' "none") stays as printed. */
export function safeCell(v: string): string {
  return v !== "-" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const THIN = { style: "thin" as const, color: { argb: "FF333333" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Header of the last column of CSV/xlsx tables: the plan node's UUID, read back by the importers (not in HTML). */
export const ID_COLUMN = "ID";
/** Width (characters) of the ID column in the xlsx: a UUID is 36 ASCII characters. */
const ID_WIDTH = 38;

/** Rows written before the main table's header ends (the frozen pane is part of the sheet's opening XML). */
function mainHeadEnd(model: ReportModel): number | null {
  let n =
    [model.orgName, model.title, model.subtitle, model.asOf].filter(Boolean).length + model.notes.length;
  for (const b of model.blocks) {
    if (b.type === "table") {
      if (b.caption) n++;
      if (b.main) return n + b.head.length;
      n += b.head.length + b.rows.length + 1;
    } else if (b.type === "bullets" || b.type === "fields") n += b.items.length;
    else n++;
  }
  return null;
}

/**
 * Streamed (exceljs WorkbookWriter): each table row is committed as soon as it is written, so the workbook never
 * holds more than the header rows; the zip is collected into one buffer (bench/RESULTS.md, memory).
 * Every table gets a last column `ID` holding the plan node's UUID on item rows (the importers read it back).
 * `more` are further sheets (a document-style report's items table, ReportModel.itemsTable).
 */
export async function renderReportXlsx(
  model: ReportModel,
  more: readonly ReportModel[] = [],
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const wb = new (exceljs().stream.xlsx.WorkbookWriter)({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = "Kyōdō";
  for (const m of [model, ...more]) writeSheet(wb, m);
  await wb.commit();
  await done;
  const buf = Buffer.concat(chunks);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** One model as one worksheet of the workbook, committed row by row. */
function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, model: ReportModel): void {
  const tables = model.blocks.filter((b): b is TableBlock => b.type === "table");
  const ncols = Math.max(4, ...tables.map((t) => t.widths.length + 1));
  const main = tables.find((t) => t.main);
  const headEnd = mainHeadEnd(model);
  const ws = wb.addWorksheet(model.sheetName, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: model.asOf ? `&R${model.asOf.replace(/&/g, "&&")}` : "",
      oddFooter: "&C&P / &N",
    },
    ...(headEnd !== null ? { views: [{ state: "frozen" as const, ySplit: headEnd }] } : {}),
  });
  // column widths: the main table's, else the widest of each column over the tables (characters × 1.8 for 全角);
  // the ID column after the table's last one is as wide as a UUID
  const widths = Array.from({ length: ncols }, (_, i) => {
    const source = main ? [main] : tables;
    if (source.some((t) => t.widths.length === i)) return ID_WIDTH;
    const w = Math.max(0, ...source.map((t) => t.widths[i] ?? 0));
    return Math.min(60, Math.max(6, Math.round((w || 10) * 1.8)));
  });
  ws.columns = widths.map((width) => ({ width }));
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  let rowCount = 0;
  /** rows above the first table header stay uncommitted until the header is written (nothing spans them) */
  let holding = true;
  const commit = (row: ExcelJS.Row) => {
    if (!holding) row.commit();
  };

  const line = (value: string, opts: { bold?: boolean; size?: number; fill?: string } = {}) => {
    const row = ws.addRow([safeCell(value)]);
    rowCount = row.number;
    ws.mergeCells(row.number, 1, row.number, ncols);
    const cell = row.getCell(1);
    cell.font = { bold: opts.bold ?? false, size: opts.size ?? 10.5 };
    cell.alignment = { wrapText: true, vertical: "top" };
    if (opts.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: opts.fill } };
    // merged cells never grow to fit: give the row the height its text needs (≈ 1 line per totalWidth/2 全角)
    const lines = value
      .split("\n")
      .reduce((n, l) => n + Math.max(1, Math.ceil((l.length * 2) / Math.max(20, totalWidth))), 0);
    if (lines > 1) row.height = lines * 15;
    commit(row);
    return row;
  };

  if (model.orgName) line(model.orgName);
  line(model.title, { bold: true, size: 14 });
  if (model.subtitle) line(model.subtitle);
  if (model.asOf) line(model.asOf, { bold: true });
  for (const n of model.notes) line(`※ ${n}`, { fill: "FFFFF8DB" });

  for (const b of model.blocks) {
    switch (b.type) {
      case "heading":
        line(b.text, { bold: true, size: b.level === 2 ? 12.5 : 11 });
        break;
      case "paragraph":
      case "note":
        line(b.text);
        break;
      case "bullets":
        for (const i of b.items) line(`・${i}`);
        break;
      case "fields":
        for (const f of b.items) line(`${f.label}　${f.text}`);
        break;
      case "table": {
        if (b.caption) line(b.caption, { bold: true });
        const n = b.widths.length;
        const first = rowCount + 1;
        const head = withIdColumn(b.head);
        head.forEach((hr, r) => {
          const rowNo = first + r;
          const row = ws.getRow(rowNo);
          let col = 1;
          for (const c of hr) {
            // skip cells covered by a row span from the row above
            while (ws.getCell(rowNo, col).isMerged) col++;
            row.getCell(col).value = c.text;
            if (c.colSpan > 1 || c.rowSpan > 1)
              ws.mergeCells(rowNo, col, rowNo + c.rowSpan - 1, col + c.colSpan - 1);
            col += c.colSpan;
          }
        });
        for (let r = first; r < first + head.length; r++) {
          for (let c = 1; c <= n + 1; c++) {
            const cell = ws.getCell(r, c);
            cell.font = { bold: true };
            cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
            cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE4E9EF" } };
            cell.border = BORDER;
          }
        }
        rowCount = first + head.length - 1;
        if (b.main) ws.pageSetup.printTitlesRow = `${first}:${rowCount}`;
        holding = false;
        ws.getRow(rowCount).commit();
        for (const r of b.rows) {
          if (r.kind === "group") {
            const row = ws.addRow([safeCell(r.text)]);
            rowCount = row.number;
            ws.mergeCells(row.number, 1, row.number, n);
            const cell = row.getCell(1);
            cell.font = { bold: true };
            cell.fill = {
              type: "pattern",
              pattern: "solid",
              fgColor: { argb: r.level === 0 ? "FFDDE4EC" : "FFF3F5F7" },
            };
            cell.border = BORDER;
            row.getCell(n + 1).border = BORDER;
            row.commit();
            continue;
          }
          const row = ws.addRow([...r.cells.map(safeCell), r.id ?? ""]);
          rowCount = row.number;
          for (let c = 1; c <= n + 1; c++) {
            const cell = row.getCell(c);
            cell.alignment = { wrapText: true, vertical: "top" };
            cell.border = BORDER;
            if (r.flagged) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDE2E1" } };
            if (r.flagged || r.total) cell.font = { bold: true };
          }
          row.commit();
        }
        rowCount = ws.addRow([]).number;
        break;
      }
    }
  }
  if (model.legend.length) {
    line("凡例", { bold: true });
    for (const l of model.legend) line(`${l.term}　${l.text}`);
  }
  ws.commit();
}

/** The header rows with the `ID` column appended (spanning all header rows). */
function withIdColumn(head: HeadCell[][]): HeadCell[][] {
  return head.map((hr, r) => (r === 0 ? [...hr, { text: ID_COLUMN, colSpan: 1, rowSpan: head.length }] : hr));
}

/** The rows of the CSV: title lines, then each table (header rows flattened, category rows in the first cell). */
export function reportCsvRows(model: ReportModel): string[][] {
  const rows: string[][] = [[model.title]];
  if (model.subtitle) rows.push([model.subtitle]);
  if (model.asOf) rows.push([model.asOf]);
  for (const n of model.notes) rows.push([`※ ${n}`]);
  for (const b of model.blocks) {
    if (b.type === "heading" || b.type === "paragraph" || b.type === "note") rows.push([b.text]);
    else if (b.type === "bullets") for (const i of b.items) rows.push([`・${i}`]);
    else if (b.type === "fields") for (const f of b.items) rows.push([f.label, f.text]);
    else {
      rows.push([]);
      if (b.caption) rows.push([b.caption]);
      // the last column, `ID`, holds the plan node's UUID on item rows (the importers read it back)
      const n = b.widths.length;
      const pad = (cells: string[]) => [...cells, ...Array<string>(Math.max(0, n - cells.length)).fill("")];
      rows.push([...pad(flatHeader(b)), ID_COLUMN]);
      for (const r of b.rows)
        rows.push(r.kind === "group" ? [...pad([r.text]), ""] : [...pad(r.cells), r.id ?? ""]);
      rows.push([]);
    }
  }
  if (model.legend.length) {
    rows.push(["凡例"]);
    for (const l of model.legend) rows.push([l.term, l.text]);
  }
  // a document-style report ends with its items as a table (what the xlsx has on its second sheet)
  const items = model.itemsTable?.();
  if (items) rows.push([], [items.layoutName], ...reportCsvRows(items).slice(1));
  return rows.map((r) => r.map(safeCell));
}

/** Merged header rows as one row: `実施目標年度 R3`, `進捗管理（PDCA） 実行(D)`. */
function flatHeader(t: TableBlock): string[] {
  const n = t.widths.length;
  const grid: string[][] = t.head.map(() => Array<string>(n).fill(""));
  const taken: boolean[][] = t.head.map(() => Array<boolean>(n).fill(false));
  t.head.forEach((hr, r) => {
    let col = 0;
    for (const c of hr) {
      while (taken[r]![col]) col++;
      for (let rr = r; rr < r + c.rowSpan && rr < t.head.length; rr++)
        for (let cc = col; cc < col + c.colSpan && cc < n; cc++) {
          grid[rr]![cc] = c.text;
          taken[rr]![cc] = true;
        }
      col += c.colSpan;
    }
  });
  return Array.from({ length: n }, (_, i) =>
    [...new Set(grid.map((row) => row[i] ?? ""))].filter(Boolean).join(" "),
  );
}

export function renderReportCsv(model: ReportModel): string {
  return `\uFEFF${stringify(reportCsvRows(model), { record_delimiter: "\r\n" })}`;
}

/**
 * Shift_JIS (CP932) for Excel versions that do not read UTF-8: characters CP932 writes differently are mapped
 * first (〜 − ‖ ¢ £ ¬, notes/ecosystem.md), since iconv-lite would write "?" silently.
 */
export function renderReportCsvSjis(model: ReportModel): Uint8Array {
  const text = stringify(reportCsvRows(model), { record_delimiter: "\r\n" })
    .replace(/\u301C/g, "\uFF5E")
    .replace(/\u2212/g, "\uFF0D")
    .replace(/\u2016/g, "\u2225")
    .replace(/\u00A2/g, "\uFFE0")
    .replace(/\u00A3/g, "\uFFE1")
    .replace(/\u00AC/g, "\uFFE2");
  return new Uint8Array(iconv.encode(text, "cp932"));
}
