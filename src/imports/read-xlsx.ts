/**
 * xlsx → Grid with exceljs. Merged ranges keep their text in the master cell only (exceljs reports the master's
 * value on every cell of a range, which would duplicate a category title across a row); see ecosystem.md on
 * `cell.master`. The zip is checked by `inspectXlsxZip` before exceljs sees it.
 */
import { createRequire } from "node:module";
import type ExcelJS from "exceljs";
import { m } from "../web/messages/index.js";
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

let loaded: typeof ExcelJS | null = null;
/** exceljs takes ~1 s to load: loaded with the first workbook, not at start-up (cold start of every app process). */
export function exceljs(): typeof ExcelJS {
  loaded ??= createRequire(import.meta.url)("exceljs") as typeof ExcelJS;
  return loaded;
}
const say = () => m.imports.readers;

export async function readXlsx(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
  onRows?: (rowsRead: number, totalRows: number) => void,
): Promise<Result<Grid>> {
  if (bytes.length > limits.maxBytes) {
    return {
      ok: false,
      reason: say().tooLarge(formatBytes(bytes.length), formatBytes(limits.maxBytes)),
    };
  }
  const zip = inspectXlsxZip(bytes, limits);
  if (!zip.ok) return zip;

  const workbook = new (exceljs().Workbook)();
  try {
    // exceljs's typings ask for its own Buffer type; a Node Buffer view over the same memory is what it reads.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return {
      ok: false,
      reason: say().unreadable,
    };
  }
  const sheets: GridSheet[] = [];
  for (const ws of workbook.worksheets) {
    const sheet = readSheet(ws, limits, onRows);
    if (!sheet.ok) return sheet;
    sheets.push(sheet.value);
  }
  if (sheets.length === 0) return { ok: false, reason: say().noSheets };
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
      if (cell.type !== exceljs().ValueType.Null && cell.type !== exceljs().ValueType.Merge) rowLast = col;
    });
    if (rowLast > 0) {
      lastRow = rowNumber;
      if (rowLast > limits.maxColumns) {
        problem = say().sheetTooWide(name, rowNumber, rowLast, limits.maxColumns);
      }
      lastColumn = Math.max(lastColumn, rowLast);
    }
  });
  if (problem) return { ok: false, reason: problem };
  if (lastRow > limits.maxRows) {
    return {
      ok: false,
      reason: say().sheetTooManyRows(name, lastRow, limits.maxRows),
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
      if (cell.type === exceljs().ValueType.Merge) {
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
          reason: say().sheetCellTooLong(name, cell.address, text.length, limits.maxCellLength),
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
