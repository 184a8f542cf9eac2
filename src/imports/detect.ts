/**
 * Structure detection on a Grid: which rows are the header (one or two rows, possibly repeated on every printed
 * page), which column holds which field (`ColumnMapping`, a plain JSON value the user can correct and save for
 * next year), the tier legend and stated tallies above the table, the title and as-of text, and — given a
 * mapping — which data rows are categories and which are items.
 */
import { z } from "zod";
import {
  type EraName,
  fiscalYearOfDate,
  type NumberingKind,
  parseFiscalYear,
  parseJapaneseDate,
  parseJapaneseMonth,
  parseNumbering,
  parseQuantity,
  parseTierLabel,
  parseYearHeaders,
  toIsoDate,
} from "../japanese/index.js";
import { canonicalStatusOf, isBlankValue, nextTermOf, type TallyCount, tallyOf } from "./cell-values.js";
import { cellText, type Grid, type GridRow, type GridSheet } from "./grid.js";
import {
  FIELD_IDS,
  type FieldId,
  fieldOfHeader,
  headerKey,
  ITEMS_TABLE_TITLE,
  isExportContextHeader,
  kindOfCell,
  looksLikeHeaderWord,
  withoutYear,
  type YearGroupKind,
  yearGroupOfHeader,
  yearOfHeader,
} from "./headers.js";

/** The fiscal years a mapping may hold (a header outside them is not taken for a year). */
const FIRST_FISCAL_YEAR = 1900;
const LAST_FISCAL_YEAR = 2200;

export type YearColumn = { column: number; fiscalYear: number; kind: YearGroupKind };

/**
 * Which column holds which field. Proposed by `detectStructure`, corrected by the user, saved as JSON and reused
 * (see `adaptSavedMapping`). Columns are 0-based indexes; rows are 1-based as in the source.
 */
export type ColumnMapping = {
  version: 1;
  sheet: string;
  headerRows: number[];
  fields: Partial<Record<FieldId, number>>;
  years: YearColumn[];
  /** Other headed columns, kept verbatim in NodeDef.attributes under their header. */
  attributes: { column: number; name: string }[];
  /** The header text of every column as detected, to re-apply a saved mapping to a file whose columns moved. */
  headers: string[];
  /**
   * A table of yearly values with a row per year (the open data's indicators.csv): the columns of values, each of
   * the fiscal year its row names in the 年度 column (`fields.fiscalYear`).
   */
  valueColumns?: { column: number; kind: "target" | "actual" | "amount" }[];
};

export const columnMappingSchema = z.object({
  version: z.literal(1),
  sheet: z.string(),
  headerRows: z.array(z.number().int().min(1)).min(1).max(3),
  fields: z.partialRecord(z.enum(FIELD_IDS), z.number().int().min(0)),
  years: z.array(
    z.object({
      column: z.number().int().min(0),
      fiscalYear: z.number().int().min(FIRST_FISCAL_YEAR).max(LAST_FISCAL_YEAR),
      kind: z.enum(["schedule", "target", "actual", "amount"]),
    }),
  ),
  attributes: z.array(z.object({ column: z.number().int().min(0), name: z.string() })),
  headers: z.array(z.string()),
  valueColumns: z
    .array(z.object({ column: z.number().int().min(0), kind: z.enum(["target", "actual", "amount"]) }))
    .optional(),
});

export type LegendEntry = {
  row: number;
  /** as printed, e.g. 【Ⅰ】<重点> */
  label: string;
  code: string;
  definition: string | null;
  /** the tally cells as printed, joined with a space: `5/6：済 1/6：未` */
  tallyText: string | null;
  tallies: TallyCount[];
};

export type Detection = {
  sheet: string;
  mapping: ColumnMapping;
  title: { row: number; text: string } | null;
  asOf: { row: number; label: string; date: string | null; fiscalYear: number | null } | null;
  legend: LegendEntry[];
  /** Rows above the header that are none of the above (kept as source notes). */
  preamble: { row: number; text: string }[];
};

const MAX_HEADER_SCAN = 80;

/**
 * Finds the table in the grid (the first sheet with a recognisable header) and proposes a mapping. `era` is the era
 * of bare year headers (`19 20 21`) that no header with an era (`H18`) precedes; without it they are not read as years.
 */
export function detectStructure(
  grid: Grid,
  options: { sheet?: string; era?: EraName } = {},
):
  | {
      ok: true;
      value: Detection;
    }
  | { ok: false; reason: string } {
  const sheets = options.sheet ? grid.sheets.filter((s) => s.name === options.sheet) : grid.sheets;
  if (sheets.length === 0) return { ok: false, reason: `シート「${options.sheet}」が見つかりません` };
  let best: { sheet: GridSheet; block: HeaderBlock } | null = null;
  for (const sheet of sheets) {
    const block = findHeaderBlock(sheet, options.era);
    if (block && (!best || block.score > best.block.score)) best = { sheet, block };
  }
  if (!best) {
    return {
      ok: false,
      reason:
        "見出し行が見つかりません。「No」「内容」「担当課」「進捗状況」などの見出しがある行を含めて読み込むか、列の対応を指定してください",
    };
  }
  const { sheet, block } = best;
  const mapping = refinedByValues(sheet, mappingFromHeader(sheet, block.rows, options.era));
  return { ok: true, value: { sheet: sheet.name, mapping, ...readPreambleAbove(sheet, block.rows[0]!) } };
}

/**
 * Headers that say two things, told apart by what their column holds: 実施状況 over sentences is the year's
 * result (実績), not a status label; 今後の方向性 over 継続 / 拡充 / 見直し is the next term's direction, not the
 * improvement text (A). A column moves only to a field no other column has.
 */
function refinedByValues(sheet: GridSheet, mapping: ColumnMapping): ColumnMapping {
  const last = Math.max(...mapping.headerRows);
  const valuesOf = (column: number) =>
    sheet.rows
      .filter((r) => r.sourceRow > last)
      .slice(0, 500)
      .map((r) => r.cells[column]?.text.trim() ?? "")
      .filter((t) => t !== "" && !isBlankValue(t));
  const fields = { ...mapping.fields };
  const move = (from: FieldId, to: FieldId, test: (values: string[]) => boolean) => {
    const column = fields[from];
    if (column === undefined || fields[to] !== undefined) return;
    const values = valuesOf(column);
    if (values.length === 0 || !test(values)) return;
    delete fields[from];
    fields[to] = column;
  };
  // most of its cells a record of what was done (年4回開催し…, 提案3件のうち2件を採択): not a status this import knows,
  // and long, or with a number or punctuation in it (a plan's own status words are short: 順調, 概ね順調, 遅れ)
  const isRecord = (v: string) =>
    canonicalStatusOf(v) === null && (v.length > 8 || /[0-9０-９。、\n]/.test(v));
  move("status", "result", (values) => values.filter(isRecord).length * 2 > values.length);
  move("actText", "nextTerm", (values) => values.every((v) => v.length <= 20 && nextTermOf(v).ok));
  // R3目標 | R3実績 | 令和4年度目標値 over numbers: a year's target or actual value, not a text field or an attribute
  const years = [...mapping.years];
  const yearColumn = (column: number): YearColumn | null => {
    const header = mapping.headers[column] ?? "";
    const fiscalYear = yearOfHeader(header);
    const kind = fiscalYear === null ? null : yearGroupOfHeader(withoutYear(headerKey(header)));
    if (fiscalYear === null || (kind !== "target" && kind !== "actual")) return null;
    const values = valuesOf(column);
    const numbers = values.filter((v) => parseQuantity(v).ok).length;
    return values.length > 0 && numbers * 5 >= values.length * 4 ? { column, fiscalYear, kind } : null;
  };
  for (const [field, column] of Object.entries(fields) as [FieldId, number][]) {
    const year = yearColumn(column);
    if (!year) continue;
    delete fields[field];
    years.push(year);
  }
  const attributes = mapping.attributes.filter((a) => {
    const year = yearColumn(a.column);
    if (year) years.push(year);
    return !year;
  });
  years.sort((a, b) => a.column - b.column);
  return { ...mapping, fields, years, attributes };
}

type HeaderBlock = { rows: number[]; score: number };

function findHeaderBlock(sheet: GridSheet, era: EraName | undefined): HeaderBlock | null {
  let best: HeaderBlock | null = null;
  // the first rows, and further down a row with an ID column: the product's own exports put a table there (the
  // items of a document-style report follow the document)
  const rows = sheet.rows;
  for (const [i, row] of rows.entries()) {
    if (i >= MAX_HEADER_SCAN && !row.cells.some((c) => c.text.trim() === "ID")) continue;
    const one = scoreHeaderRow(sheet, row);
    if (one.fields < 2) continue;
    let block: HeaderBlock = { rows: [row.sourceRow], score: one.fields * 2 - one.unknownLong };
    const next = rows[i + 1];
    if (next && isHeaderContinuation(sheet, row, next)) {
      const two = mappingFromHeader(sheet, [row.sourceRow, next.sourceRow], era);
      const oneMapping = mappingFromHeader(sheet, [row.sourceRow], era);
      if (mappingSize(two) > mappingSize(oneMapping))
        block = { rows: [row.sourceRow, next.sourceRow], score: block.score + 1 };
    }
    // The parent row of a two-row header may be the row above the best-scoring one (行動計画(P) over 内容/取組目標).
    const prev = rows[i - 1];
    if (prev && block.rows.length === 1 && isHeaderContinuation(sheet, prev, row)) {
      const two = mappingFromHeader(sheet, [prev.sourceRow, row.sourceRow], era);
      if (mappingSize(two) > mappingSize(mappingFromHeader(sheet, [row.sourceRow], era))) {
        block = { rows: [prev.sourceRow, row.sourceRow], score: block.score + 1 };
      }
    }
    if (!best || block.score > best.score) best = block;
  }
  return best;
}

function mappingSize(m: ColumnMapping): number {
  return Object.keys(m.fields).length + m.years.length;
}

function scoreHeaderRow(sheet: GridSheet, row: GridRow): { fields: number; unknownLong: number } {
  const seen = new Set<string>();
  let unknownLong = 0;
  for (let c = 0; c < row.cells.length; c++) {
    const text = ownText(row, c);
    if (!text) continue;
    const f = fieldOfHeader(text) ?? yearGroupOfHeader(text);
    if (f) seen.add(f);
    else if (!looksLikeHeaderWord(text)) unknownLong++;
  }
  void sheet;
  return { fields: seen.size, unknownLong };
}

/** A row that can be the second line of a header: short words, years, or cells merged down from the row above. */
function isHeaderContinuation(sheet: GridSheet, upper: GridRow, lower: GridRow): boolean {
  let words = 0;
  for (let c = 0; c < lower.cells.length; c++) {
    const cell = lower.cells[c]!;
    if (cell.merge && !cell.merge.isMaster && cell.merge.masterRow === upper.sourceRow) continue;
    const text = cell.text.trim();
    if (!text) continue;
    if (!looksLikeHeaderWord(text)) return false;
    if (/^[0-9０-９]+$/.test(text) && ownText(upper, c) === "" && !underYearGroup(sheet, upper, c))
      return false;
    words++;
  }
  if (words === 0) return false;
  // The upper row must leave room for children: a group header spanning columns, or empty cells above the words.
  for (let c = 0; c < lower.cells.length; c++) {
    if (!lower.cells[c]?.text.trim()) continue;
    if (ownText(upper, c) === "" || upper.cells[c]?.merge) return true;
  }
  return false;
}

function underYearGroup(sheet: GridSheet, upper: GridRow, column: number): boolean {
  const parent = parentText(sheet, upper, column);
  return parent !== "" && yearGroupOfHeader(parent) !== null;
}

function ownText(row: GridRow, column: number): string {
  return row.cells[column]?.text.trim() ?? "";
}

/** The header above a column in a two-row block: the merged master, or the nearest group header to the left. */
function parentText(sheet: GridSheet, upper: GridRow, column: number): string {
  const direct = cellText(sheet, upper, column).trim();
  if (direct) return direct;
  for (let c = column - 1; c >= 0; c--) {
    const t = cellText(sheet, upper, c).trim();
    if (t) return yearGroupOfHeader(t) || fieldOfHeader(t) === null ? t : "";
  }
  return "";
}

/** Proposes the mapping for given header rows (one or two). Exported so the UI can re-propose after a correction. */
export function mappingFromHeader(sheet: GridSheet, headerRows: number[], era?: EraName): ColumnMapping {
  const rows = headerRows
    .map((r) => sheet.rows.find((x) => x.sourceRow === r))
    .filter((r): r is GridRow => !!r);
  const upper = rows.length === 2 ? rows[0]! : null;
  const lower = rows[rows.length - 1]!;
  const width = Math.max(sheet.columnCount, ...rows.map((r) => r.cells.length));
  const fields: Partial<Record<FieldId, number>> = {};
  const attributes: { column: number; name: string }[] = [];
  const headers: string[] = [];
  const yearCandidates: { column: number; text: string; kind: YearGroupKind | null }[] = [];

  for (let c = 0; c < width; c++) {
    const child = upper ? ownText(lower, c) : cellText(sheet, lower, c).trim();
    const parent = upper ? parentText(sheet, upper, c) : "";
    const mergedDown = upper && child === "" ? "" : child;
    const name =
      parent && mergedDown && parent !== mergedDown ? `${parent}/${mergedDown}` : parent || mergedDown;
    headers.push(name);
    if (!name) continue;
    const groupKind = parent ? yearGroupOfHeader(parent) : null;
    if (mergedDown && (groupKind || looksLikeYear(mergedDown))) {
      yearCandidates.push({ column: c, text: mergedDown, kind: groupKind });
      continue;
    }
    const field =
      (mergedDown ? fieldInContext(mergedDown, parent) : null) ?? (parent ? fieldOfHeader(parent) : null);
    const taken = field ? fields[field] : undefined;
    if (field && taken === undefined) fields[field] = c;
    else if (field && taken !== undefined && laterYear(name, headers[taken]!)) {
      // R4実績 | R5実績: the latest year's column is the field, the earlier ones stay as attributes
      attributes.push({ column: taken, name: headers[taken]! });
      fields[field] = c;
    }
    // a second ID column (項目ID and 項目キー in the open data) says nothing more
    else if (field !== "id") attributes.push({ column: c, name });
  }

  const years: YearColumn[] = [];
  const parsed = yearsOfHeaders(
    yearCandidates.map((y) => y.text),
    era,
  );
  for (const [i, y] of yearCandidates.entries()) {
    const fy = parsed[i];
    if (fy == null) {
      attributes.push({ column: y.column, name: headers[y.column]! });
      continue;
    }
    years.push({ column: y.column, fiscalYear: fy, kind: y.kind ?? "schedule" });
  }
  attributes.sort((a, b) => a.column - b.column);
  const kept =
    fields.id === undefined ? attributes : attributes.filter((a) => !isExportContextHeader(a.name));
  return {
    version: 1,
    sheet: sheet.name,
    headerRows: rows.map((r) => r.sourceRow),
    fields,
    years,
    attributes: kept,
    headers,
  };
}

/** Both headers name a fiscal year, `a` a later one. */
function laterYear(a: string, b: string): boolean {
  const ya = yearOfHeader(a);
  const yb = yearOfHeader(b);
  return ya !== null && yb !== null && ya > yb;
}

/** Under a PDCA group header, 内容 is the plan text, not the item title. */
function fieldInContext(child: string, parent: string): FieldId | null {
  const field = fieldOfHeader(child);
  const parentField = parent ? fieldOfHeader(parent) : null;
  if (parentField && parentField !== "title" && (field === "title" || field === null)) return parentField;
  return field;
}

function looksLikeYear(text: string): boolean {
  return parseFiscalYear(text).ok;
}

/**
 * The fiscal year of each year header, null for a header that is no year (it stays an attribute column). A header
 * with an era (`H20`) sets the era of the bare headers after it (`21 22`), as in the kernel's parseYearHeaders.
 */
function yearsOfHeaders(texts: string[], era: EraName | undefined): (number | null)[] {
  const read: string[] = [];
  return texts.map((text) => {
    const r = parseYearHeaders([...read, text], era ? { era } : undefined);
    const fy = r.ok && r.value.length === read.length + 1 ? r.value.at(-1)! : null;
    if (fy === null || fy < FIRST_FISCAL_YEAR || fy > LAST_FISCAL_YEAR) return null;
    read.push(text);
    return fy;
  });
}

/**
 * The date of an as-of text (`平成26年12月末日時点`, `令和5年12月20日現在`, `2023年12月20日現在`) and its fiscal year:
 * the longest date or year-month that ends where 現在/時点 begins. A date without a year (`※12月20日現在`) gives
 * date and fiscal year null; a text with no date gives null.
 */
function asOfOf(text: string): { date: string | null; fiscalYear: number | null } | null {
  const before = /^(.*?)(現在|時点)/s.exec(text)?.[1] ?? text;
  for (let i = 0; i < before.length; i++) {
    const tail = before.slice(i);
    const date = parseJapaneseDate(tail);
    if (date.ok) return { date: date.value, fiscalYear: okOrNull(fiscalYearOfDate(date.value)) };
    const month = parseJapaneseMonth(tail);
    if (month.ok) {
      const first = toIsoDate(month.value.year, month.value.month, 1);
      return { date: null, fiscalYear: okOrNull(fiscalYearOfDate(first)) };
    }
  }
  return /\d{1,2}\s*月\s*\d{1,2}\s*日/.test(before.normalize("NFKC"))
    ? { date: null, fiscalYear: null }
    : null;
}

function okOrNull<T>(r: { ok: true; value: T } | { ok: false }): T | null {
  return r.ok ? r.value : null;
}

/** Title, as-of text, tier legend and stated tallies: everything printed above the header rows. */
export function readPreambleAbove(sheet: GridSheet, headerRow: number): Omit<Detection, "sheet" | "mapping"> {
  const above = sheet.rows.filter((r) => r.sourceRow < headerRow);
  // the items of a document-style report follow the document under their own title: the document is not their
  // preamble (no title or as-of date is taken from it)
  const start = above.findLastIndex((r) => r.cells.some((c) => c.text.trim() === ITEMS_TABLE_TITLE));
  return readPreamble(above.slice(start + 1));
}

function readPreamble(rows: GridRow[]): Omit<Detection, "sheet" | "mapping"> {
  const legend: LegendEntry[] = [];
  const preamble: { row: number; text: string }[] = [];
  let title: Detection["title"] = null;
  let asOf: Detection["asOf"] = null;
  // the reports' 【達成状況】 table prints the computed tally and the difference beside the stated one: not source
  let computedColumns = new Set<number>();
  for (const row of rows) {
    const all = row.cells.map((c) => c.text.trim());
    if (all.some((t) => COMPUTED_HEADER.test(t))) {
      computedColumns = new Set(all.flatMap((t, i) => (COMPUTED_HEADER.test(t) ? [i] : [])));
      preamble.push({ row: row.sourceRow, text: all.filter((t) => t !== "").join(" ") });
      continue;
    }
    const cells = all.filter((t, i) => t !== "" && !computedColumns.has(i));
    if (cells.length === 0) continue;
    const entry = legendEntry(row.sourceRow, cells);
    if (entry) {
      legend.push(entry);
      continue;
    }
    const joined = cells.join(" ");
    const date = /(現在|時点)/.test(joined) ? asOfOf(joined) : null;
    if (date && !asOf) {
      // the reports print 「令和5年度の進捗（<the round's as-of text>）」: read back, the as-of text is what is inside
      const label = /^\S+?年度の進捗（(.+)）$/s.exec(joined)?.[1] ?? joined;
      asOf = { row: row.sourceRow, label, date: date.date, fiscalYear: date.fiscalYear };
      continue;
    }
    if (!title && cells.length === 1 && !/^【.*】$/.test(cells[0]!)) {
      title = { row: row.sourceRow, text: cells[0]! };
      continue;
    }
    preamble.push({ row: row.sourceRow, text: joined });
  }
  return { title, asOf, legend, preamble };
}

/** Headers of computed columns: 達成状況（項目から計算）, 差異. */
const COMPUTED_HEADER = /項目から計算|^差異$/;

/** 【Ⅱ-イ】 | definition | 5/8：済 | 1/6：一部済 …, or the definition in the tier's cell: ［A］最優先で… | 3/4：完了 */
function legendEntry(row: number, cells: string[]): LegendEntry | null {
  const inCell = /^([【［[〔][^】］\]〕]{1,8}[】］\]〕])\s*([^\s<＜〈《].*)$/s.exec(cells[0]!);
  const first = inCell ? inCell[1]! : cells[0]!;
  if (first.length > 16) return null;
  const tier = parseTierLabel(first);
  if (!tier.ok) return null;
  let definition: string | null = inCell ? inCell[2]!.trim() : null;
  const tallyCells: string[] = [];
  const tallies: TallyCount[] = [];
  for (const cell of cells.slice(1)) {
    // one tally per cell (5/8：済 | 1/6：一部済), or several in one cell (5/6：済 1/6：未)
    const parts = cell.split(/[\s\u3000]+/).map(tallyOf);
    if (parts.every((t) => t !== null)) {
      tallyCells.push(cell);
      tallies.push(...(parts as TallyCount[]));
    } else if (definition === null) definition = cell;
    else definition = `${definition} ${cell}`;
  }
  if (definition === null && tallies.length === 0) return null;
  return {
    row,
    label: first,
    code: tier.value.code,
    definition,
    tallyText: tallyCells.length > 0 ? tallyCells.join(" ") : null,
    tallies,
  };
}

export type RowKind = "item" | "category" | "header" | "blank" | "note";

export type ClassifiedRow = {
  row: GridRow;
  kind: RowKind;
  /** category rows: the printed text of the row */
  text: string;
};

/**
 * Classifies the data rows below the header, given a mapping: repeated header rows (a table printed across pages),
 * blank rows, category rows (one text spanning the row, often bold) and item rows.
 */
export function classifyRows(sheet: GridSheet, mapping: ColumnMapping): ClassifiedRow[] {
  const headerRows = mapping.headerRows
    .map((r) => sheet.rows.find((x) => x.sourceRow === r))
    .filter((r): r is GridRow => !!r);
  const headerSignatures = new Set(headerRows.map(rowSignature));
  const lastHeader = Math.max(...mapping.headerRows);
  const out: ClassifiedRow[] = [];
  const numberCol = mapping.fields.number;
  // a 凡例 (legend) block under the table, as the reports print it: its lines explain marks, they are not items
  let inLegend = false;
  for (const row of sheet.rows) {
    if (row.sourceRow <= lastHeader) continue;
    const texts: { column: number; text: string; bold: boolean }[] = [];
    for (let c = 0; c < row.cells.length; c++) {
      const cell = row.cells[c]!;
      if (cell.merge && !cell.merge.isMaster) continue;
      const t = cell.text.trim();
      if (t) texts.push({ column: c, text: t, bold: cell.bold });
    }
    if (texts.length === 0) {
      inLegend = false;
      out.push({ row, kind: "blank", text: "" });
      continue;
    }
    if (texts.length === 1 && LEGEND_HEADING.test(texts[0]!.text)) inLegend = true;
    if (inLegend) {
      out.push({ row, kind: "note", text: texts.map((t) => t.text).join(" ") });
      continue;
    }
    if (headerSignatures.has(rowSignature(row))) {
      out.push({ row, kind: "header", text: texts.map((t) => t.text).join(" ") });
      continue;
    }
    const numberText = numberCol === undefined ? "" : ownText(row, numberCol);
    const text = texts.map((t) => t.text).join(" ");
    // a 種別 column (the open data's item / category) says it outright
    const stated = mapping.fields.kind === undefined ? null : kindOfCell(ownText(row, mapping.fields.kind));
    if (stated) {
      const titleText = mapping.fields.title === undefined ? "" : ownText(row, mapping.fields.title);
      const printed = [numberText, titleText].filter(Boolean).join(" ");
      out.push({ row, kind: stated, text: stated === "category" ? printed : text });
      continue;
    }
    const looksNumbered = ITEM_NUMBER_KINDS.has(numberKind(numberText));
    if (texts.length === 1 && /^(※|＊|\*|注[)）:：\s]|（注|\(注)/.test(texts[0]!.text)) {
      out.push({ row, kind: "note", text });
      continue;
    }
    // A category spans the row alone, or is a bold label, or is a non-item numbering (（1）, ア) beside a title.
    const titleCol = mapping.fields.title;
    const labelAndTitleOnly =
      texts.length === 2 &&
      numberText !== "" &&
      texts[0]!.column === numberCol &&
      texts[1]!.column === titleCol &&
      !/^[0-9０-９]/.test(numberText);
    const isCategory =
      !looksNumbered &&
      (texts.length === 1 ||
        labelAndTitleOnly ||
        (texts.every((t) => t.bold) && texts.length <= 2 && texts[0]!.column <= 1));
    out.push({ row, kind: isCategory ? "category" : "item", text });
  }
  return out;
}

const LEGEND_HEADING = /^[【［[<＜〈(（]?\s*凡\s*例\s*[】］\]>＞〉)）]?[:：]?$/;

/** Item numbers (1, 1-2, 52101); （1）, ア and Ⅰ in the number column label categories. */
const ITEM_NUMBER_KINDS = new Set<NumberingKind | null>(["arabic", "hierarchical", "code"]);

function numberKind(text: string): NumberingKind | null {
  const n = parseNumbering(text);
  return n.ok ? n.value.kind : null;
}

function rowSignature(row: GridRow): string {
  return row.cells
    .map((c) => headerKey(c.text))
    .join("\t")
    .replace(/\t+$/, "");
}
