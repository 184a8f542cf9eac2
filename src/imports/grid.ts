/**
 * The Grid: what every tabular source (xlsx upload, CSV file, text pasted from Excel, tab text extracted from a
 * PDF) becomes before structure detection. Sheets → rows → cells, each cell with its text and where it came from,
 * so that every later problem can be located as sheet / row / column the way Excel shows them.
 *
 * The readers live beside this file (`read-xlsx.ts`, `read-delimited.ts`) and are re-exported here.
 */

/** A readers' outcome: the same shape as the Japanese kernel's `Result<T>`; `reason` is Japanese, for a clerk. */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

export type GridSourceKind = "xlsx" | "csv" | "paste" | "text";

export type GridCell = {
  /** The text as the sheet shows it; line breaks normalised to `\n`. "" for an empty cell. */
  text: string;
  /** Printed bold: an xlsx bold font, or `<b>…</b>` in PDF-extracted text. Category rows often are. */
  bold: boolean;
  /**
   * Set when the cell is part of a merged range. The master (top-left) cell holds the text; the other cells of
   * the range have text "" and point to the master with 1-based sheet coordinates.
   */
  merge: { masterRow: number; masterColumn: number; isMaster: boolean } | null;
};

export type GridRow = {
  /** 1-based row number as the source shows it (Excel row, CSV record number, text line number). */
  sourceRow: number;
  cells: GridCell[];
};

export type MergeRange = { top: number; left: number; bottom: number; right: number };

export type GridSheet = {
  name: string;
  /** Rows in source order; blank rows are kept so that row numbers stay those of the source. */
  rows: GridRow[];
  /** The widest row's cell count. */
  columnCount: number;
  /** Merged ranges in 1-based sheet coordinates (xlsx only). */
  merges: MergeRange[];
};

export type Grid = {
  kind: GridSourceKind;
  /** Detected text encoding for CSV (utf-8, utf-8-bom, utf-16le, utf-16be, shift_jis); null otherwise. */
  encoding: string | null;
  /** Detected delimiter for CSV/paste/text; null for xlsx. */
  delimiter: "," | "\t" | null;
  sheets: GridSheet[];
};

/** Limits checked before any heavy work. All are configurable per call; these are the defaults. */
export type ReadLimits = {
  /** Bytes of the uploaded file (or UTF-16 code units ×2 of pasted text). */
  maxBytes: number;
  /** Rows per sheet. */
  maxRows: number;
  /** Columns holding a value, per row. */
  maxColumns: number;
  /** Characters per cell (Excel's own limit is 32,767). */
  maxCellLength: number;
  /** xlsx: total uncompressed size of all zip entries. */
  maxUncompressedBytes: number;
  /** xlsx: number of zip entries. */
  maxZipEntries: number;
  /** xlsx: uncompressed/compressed ratio allowed for an entry larger than 1 MB. */
  maxCompressionRatio: number;
  /** xlsx: merged ranges per sheet (exceljs handles merges in quadratic time: 10,000 take ~8 s). */
  maxMergedRanges: number;
};

export const DEFAULT_LIMITS: ReadLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 50_000,
  maxColumns: 200,
  maxCellLength: 32_767,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxZipEntries: 5_000,
  maxCompressionRatio: 200,
  maxMergedRanges: 2_000,
};

/** Excel-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `\r\n` and lone `\r` become `\n` (csv-parse and some xlsx writers keep CRLF inside cells). */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

export function plainCell(text: string, bold = false): GridCell {
  return { text, bold, merge: null };
}

/** The text a cell shows, following a merge to its master cell. */
export function cellText(sheet: GridSheet, row: GridRow, column: number): string {
  const cell = row.cells[column];
  if (!cell) return "";
  if (cell.merge && !cell.merge.isMaster) {
    const master = findRow(sheet, cell.merge.masterRow)?.cells[cell.merge.masterColumn - 1];
    return master?.text ?? "";
  }
  return cell.text;
}

export function findRow(sheet: GridSheet, sourceRow: number): GridRow | undefined {
  // Rows are kept in source order and usually dense, so try the direct index first.
  const guess = sheet.rows[sourceRow - 1];
  if (guess && guess.sourceRow === sourceRow) return guess;
  return sheet.rows.find((r) => r.sourceRow === sourceRow);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)}MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)}KB`;
  return `${n}バイト`;
}

export { readCsv, readPastedText, readTextTable } from "./read-delimited.js";
export { readXlsx } from "./read-xlsx.js";
