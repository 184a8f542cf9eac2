/**
 * Readers for delimited text: CSV files (any of the encodings Japanese offices use), text pasted from Excel, and
 * tab-separated text extracted from PDFs. Encoding sniffing follows ../shared/notes/ecosystem.md §1.5: BOM →
 * strict UTF-8 → CP932 via the built-in WHATWG Shift_JIS decoder (which is Windows-31J, so ① Ⅰ ㈱ decode).
 */
import { parse } from "csv-parse/sync";
import { m } from "../web/messages/index.js";
import {
  DEFAULT_LIMITS,
  formatBytes,
  type Grid,
  type GridCell,
  type GridRow,
  normaliseLineBreaks,
  plainCell,
  type ReadLimits,
  type Result,
} from "./grid.js";

const r = () => m.imports.readers;

export type DecodedText = {
  text: string;
  encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "shift_jis";
};

/** BOM (UTF-8, UTF-16LE/BE) → strict UTF-8 → CP932. Fails when the bytes are none of these. */
export function decodeText(bytes: Uint8Array): Result<DecodedText> {
  const b = bytes;
  try {
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      return ok({
        text: new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(3)),
        encoding: "utf-8-bom",
      });
    }
    if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
      return ok({
        text: new TextDecoder("utf-16le", { fatal: true }).decode(b.subarray(2)),
        encoding: "utf-16le",
      });
    }
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      return ok({
        text: new TextDecoder("utf-16be", { fatal: true }).decode(b.subarray(2)),
        encoding: "utf-16be",
      });
    }
  } catch {
    return {
      ok: false,
      reason: r().badAfterBom,
    };
  }
  try {
    return ok({ text: new TextDecoder("utf-8", { fatal: true }).decode(b), encoding: "utf-8" });
  } catch {
    // not UTF-8: try CP932 below
  }
  try {
    return ok({ text: new TextDecoder("shift_jis", { fatal: true }).decode(b), encoding: "shift_jis" });
  } catch {
    return {
      ok: false,
      reason: r().unknownEncoding,
    };
  }
}

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Comma or tab: whichever occurs more often outside quotes in the first lines (tab wins a tie with commas present in text). */
export function detectDelimiter(text: string): "," | "\t" {
  let tabs = 0;
  let commas = 0;
  let inQuotes = false;
  let lines = 0;
  const end = Math.min(text.length, 64 * 1024);
  for (let i = 0; i < end && lines < 50; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (ch === "\t") tabs++;
      else if (ch === ",") commas++;
      else if (ch === "\n") lines++;
    }
  }
  return tabs > 0 && tabs >= commas ? "\t" : ",";
}

/** CSV bytes (UTF-8 with or without BOM, UTF-16 with BOM, Shift_JIS/CP932), comma- or tab-separated. */
export function readCsv(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Result<Grid> {
  if (bytes.length > limits.maxBytes) {
    return {
      ok: false,
      reason: r().tooLarge(formatBytes(bytes.length), formatBytes(limits.maxBytes)),
    };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  const { text, encoding } = decoded.value;
  const delimiter = detectDelimiter(text);
  const rows = parseDelimited(text, delimiter, limits);
  if (!rows.ok) return rows;
  return ok(gridOf("csv", encoding, delimiter, "CSV", rows.value));
}

/** Text copied from Excel: tab-separated, cells with line breaks quoted, rows ended by CRLF. */
export function readPastedText(text: string, limits: ReadLimits = DEFAULT_LIMITS): Result<Grid> {
  const tooBig = checkTextSize(text, limits);
  if (tooBig) return tooBig;
  const rows = parseDelimited(text.replace(/^\uFEFF/, ""), "\t", limits);
  if (!rows.ok) return rows;
  return ok(gridOf("paste", null, "\t", "貼り付け", rows.value));
}

/**
 * Tab text extracted from a PDF (one table row per line, no quoting). `<b>…</b>` around a cell marks it bold,
 * which is how the extraction shows category rows; the tags are removed from the text.
 */
export function readTextTable(text: string, limits: ReadLimits = DEFAULT_LIMITS): Result<Grid> {
  const tooBig = checkTextSize(text, limits);
  if (tooBig) return tooBig;
  const lines = normaliseLineBreaks(text.replace(/^\uFEFF/, "")).split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length > limits.maxRows) return tooManyRows(lines.length, limits);
  const rows: GridRow[] = [];
  for (const [i, line] of lines.entries()) {
    const parts = line.split("\t");
    const wide = checkWidth(parts, i + 1, limits);
    if (wide) return wide;
    const cells: GridCell[] = [];
    for (const [c, raw] of parts.entries()) {
      const bold = /<b>|<\/b>/i.test(raw);
      const cellTextValue = raw.replace(/<\/?b>/gi, "");
      if (cellTextValue.length > limits.maxCellLength)
        return tooLongCell(i + 1, c, cellTextValue.length, limits);
      cells.push(plainCell(cellTextValue, bold));
    }
    rows.push({ sourceRow: i + 1, cells });
  }
  return ok(gridOf("text", null, "\t", "テキスト", rows));
}

function checkTextSize(text: string, limits: ReadLimits): Result<never> | null {
  // A JavaScript string holds UTF-16 code units; compare its UTF-8 size with the byte limit without encoding it all.
  const approxBytes = text.length * 3 > limits.maxBytes ? Buffer.byteLength(text, "utf8") : text.length;
  if (approxBytes > limits.maxBytes) {
    return {
      ok: false,
      reason: r().pasteTooLarge(formatBytes(approxBytes), formatBytes(limits.maxBytes)),
    };
  }
  return null;
}

function parseDelimited(text: string, delimiter: "," | "\t", limits: ReadLimits): Result<GridRow[]> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: limits.maxRows + 1,
      max_record_size: Math.max(limits.maxCellLength * 2, 1_000_000),
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    return { ok: false, reason: csvErrorMessage(e) };
  }
  if (records.length > limits.maxRows) return tooManyRows(records.length, limits, true);
  const rows: GridRow[] = [];
  for (const [i, { record }] of records.entries()) {
    const wide = checkWidth(record, i + 1, limits);
    if (wide) return wide;
    const cells: GridCell[] = [];
    for (const [c, raw] of record.entries()) {
      if (raw.length > limits.maxCellLength) return tooLongCell(i + 1, c, raw.length, limits);
      cells.push(plainCell(normaliseLineBreaks(raw)));
    }
    rows.push({ sourceRow: i + 1, cells });
  }
  return ok(rows);
}

function csvErrorMessage(e: unknown): string {
  const err = e as { code?: string; lines?: number; message?: string };
  const where = typeof err.lines === "number" ? r().near(err.lines) : "";
  switch (err.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return r().quoteNotClosed(where);
    case "CSV_MAX_RECORD_SIZE":
      return r().recordTooLong(where);
    case "CSV_INVALID_CLOSING_QUOTE":
      return r().badClosingQuote(where);
    default:
      return r().notCsv(where);
  }
}

function checkWidth(cells: string[], row: number, limits: ReadLimits): Result<never> | null {
  // Trailing empty cells (a common artefact of Excel exports) do not count towards the column limit.
  let width = cells.length;
  while (width > 0 && cells[width - 1] === "") width--;
  if (width > limits.maxColumns) {
    return {
      ok: false,
      reason: r().tooWide(row, width, limits.maxColumns),
    };
  }
  return null;
}

function tooManyRows(count: number, limits: ReadLimits, atLeast = false): Result<never> {
  return {
    ok: false,
    reason: r().tooManyRows(count, atLeast, limits.maxRows),
  };
}

function tooLongCell(row: number, column: number, length: number, limits: ReadLimits): Result<never> {
  return {
    ok: false,
    reason: r().cellTooLong(row, column + 1, length, limits.maxCellLength),
  };
}

function gridOf(
  kind: Grid["kind"],
  encoding: string | null,
  delimiter: "," | "\t",
  sheetName: string,
  rows: GridRow[],
): Grid {
  const columnCount = rows.reduce((m, r) => Math.max(m, r.cells.length), 0);
  return { kind, encoding, delimiter, sheets: [{ name: sheetName, rows, columnCount, merges: [] }] };
}
