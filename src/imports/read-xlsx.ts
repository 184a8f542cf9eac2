/**
 * xlsx → Grid with exceljs. Merged ranges keep their text in the master cell only (exceljs reports the master's
 * value on every cell of a range, which would duplicate a category title across a row); see ecosystem.md on
 * `cell.master`. The zip is checked by `inspectXlsxZip` before exceljs sees it.
 */
import ExcelJS from "exceljs";
import {
  DEFAULT_LIMITS,
  formatBytes,
  type Grid,
  type GridCell,
  type GridRow,
  type GridSheet,
  type MergeRange,
  normaliseLineBreaks,
  type ReadLimits,
  type Result,
} from "./grid.js";
import { inspectXlsxZip } from "./zip-guard.js";

export async function readXlsx(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
  onRows?: (rowsRead: number, totalRows: number) => void,
): Promise<Result<Grid>> {
  if (bytes.length > limits.maxBytes) {
    return {
      ok: false,
      reason: `ファイルが大きすぎます（${formatBytes(bytes.length)}）。上限は${formatBytes(limits.maxBytes)}です`,
    };
  }
  const zip = inspectXlsxZip(bytes, limits);
  if (!zip.ok) return zip;

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings ask for its own Buffer type; a Node Buffer view over the same memory is what it reads.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return {
      ok: false,
      reason: "xlsxファイルの中身を読み取れませんでした。Excelで開けるか確かめ、保存し直してください",
    };
  }
  const sheets: GridSheet[] = [];
  for (const ws of workbook.worksheets) {
    const sheet = readSheet(ws, limits, onRows);
    if (!sheet.ok) return sheet;
    sheets.push(sheet.value);
  }
  if (sheets.length === 0) return { ok: false, reason: "xlsxファイルにワークシートがありません" };
  return { ok: true, value: { kind: "xlsx", encoding: null, delimiter: null, sheets } };
}

function readSheet(
  ws: ExcelJS.Worksheet,
  limits: ReadLimits,
  onRows?: (rowsRead: number, totalRows: number) => void,
): Result<GridSheet> {
  const name = ws.name;
  // Find the extent of cells that hold a value: formatting alone (a styled empty row to column XFD) does not count.
  let lastRow = 0;
  let lastColumn = 0;
  let problem: string | null = null;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (problem) return;
    let rowLast = 0;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.type !== ExcelJS.ValueType.Null && cell.type !== ExcelJS.ValueType.Merge) rowLast = col;
    });
    if (rowLast > 0) {
      lastRow = rowNumber;
      if (rowLast > limits.maxColumns) {
        problem = `シート「${name}」${rowNumber}行目に${rowLast}列目まで値があります。読み込める列数は${limits.maxColumns}列までです`;
      }
      lastColumn = Math.max(lastColumn, rowLast);
    }
  });
  if (problem) return { ok: false, reason: problem };
  if (lastRow > limits.maxRows) {
    return {
      ok: false,
      reason: `シート「${name}」の行数が多すぎます（${lastRow}行）。読み込める行数は${limits.maxRows}行までです`,
    };
  }
  const merges = mergeRanges(ws).filter((m) => m.top <= lastRow && m.left <= lastColumn);
  for (const m of merges) lastColumn = Math.max(lastColumn, Math.min(m.right, limits.maxColumns));

  const rows: GridRow[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const row = ws.getRow(r);
    const cells: GridCell[] = [];
    for (let c = 1; c <= lastColumn; c++) {
      const cell = row.getCell(c);
      if (cell.type === ExcelJS.ValueType.Merge) {
        const master = cell.master;
        cells.push({
          text: "",
          bold: Boolean(master.font?.bold),
          merge: { masterRow: Number(master.row), masterColumn: Number(master.col), isMaster: false },
        });
        continue;
      }
      const text = valueText(cell.value);
      if (text.length > limits.maxCellLength) {
        return {
          ok: false,
          reason: `シート「${name}」${cell.address}のセルが長すぎます（${text.length}文字）。1セル${limits.maxCellLength}文字までです`,
        };
      }
      cells.push({
        text,
        bold: Boolean(cell.font?.bold) || richTextAllBold(cell.value),
        merge: cell.isMerged ? { masterRow: r, masterColumn: c, isMaster: true } : null,
      });
    }
    rows.push({ sourceRow: r, cells });
    if (onRows && r % 500 === 0) onRows(r, lastRow);
  }
  return { ok: true, value: { name, rows, columnCount: lastColumn, merges } };
}

function mergeRanges(ws: ExcelJS.Worksheet): MergeRange[] {
  // `ws.model` would build the model of every row; the merge table exceljs keeps internally is enough.
  const internal = (ws as unknown as { _merges?: Record<string, { model?: MergeRange }> })._merges;
  if (internal && typeof internal === "object") {
    return Object.values(internal)
      .map((r) => r.model)
      .filter((m): m is MergeRange => !!m && typeof m.top === "number")
      .map(({ top, left, bottom, right }) => ({ top, left, bottom, right }));
  }
  return (ws.model.merges ?? []).map(parseRange).filter((m): m is MergeRange => m !== null);
}

function parseRange(ref: string): MergeRange | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { top: Number(m[2]), left: letterIndex(m[1]!), bottom: Number(m[4]), right: letterIndex(m[3]!) };
}

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A cell value as Excel shows it, close enough for import: rich text joined, formulas by their result. */
export function valueText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return normaliseLineBreaks(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return formatDate(value);
  if (typeof value === "object") {
    const v = value as unknown as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return normaliseLineBreaks(v.richText.map((p: { text?: unknown }) => String(p.text ?? "")).join(""));
    }
    if ("formula" in v || "sharedFormula" in v) return valueText(v.result as ExcelJS.CellValue);
    if ("error" in v) return String(v.error ?? "");
    if ("text" in v) return valueText(v.text as ExcelJS.CellValue);
  }
  return "";
}

function richTextAllBold(value: ExcelJS.CellValue | undefined): boolean {
  if (!value || typeof value !== "object" || !("richText" in value)) return false;
  const parts = value.richText.filter((p) => p.text.trim() !== "");
  return parts.length > 0 && parts.every((p) => p.font?.bold);
}

function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  // exceljs returns Excel serial dates as UTC instants.
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
