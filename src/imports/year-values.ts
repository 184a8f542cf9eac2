/**
 * Yearly values of a plan's indicators (目標値 / 実績値 per fiscal year) or budget lines (千円 per fiscal year) from
 * a table: the header row(s) name the year columns (`H22目標`, `平成22年度 実績`, `2024年度目標値`, or 年度 over
 * 目標 / 実績 in two rows), each row is matched to an indicator / line by its key column (the id), else by its name
 * within the plan, and each cell is read in the row's unit. The outcome lists, row by row and year by year, what a
 * commit would change and every problem located as sheet / row / column / reason. Pure: the use case loads the plan
 * and writes through the indicators repository.
 */

import { parseIndicatorValue, sameUnit } from "../indicators/indicator.js";
import { parseFiscalYear } from "../japanese/fiscal-year.js";
import { m } from "../web/messages/index.js";
import type { ColumnMapping } from "./detect.js";
import { cellText, columnLetter, type Grid, type GridSheet } from "./grid.js";
import type { Problem } from "./grid-to-plan.js";
import type { DetectMapping } from "./saved-mapping.js";

export type ValuesTarget = "indicators" | "budgets";
/** target / actual of an indicator; amount (千円) of a budget line */
export type ValueKind = "target" | "actual" | "amount";

const t = () => m.imports.values;
const nfkc = (s: string) => s.normalize("NFKC");
const squash = (s: string) => nfkc(s).replace(/[\s\u3000]+/g, "");

const KIND_WORDS: [RegExp, ValueKind][] = [
  [/(目標値|目標)/, "target"],
  [/(実績値|実績)/, "actual"],
  [/(当初予算額|予算額|予算|事業費)/, "amount"],
];

/** The kind a header word names alone (`目標`, `実績値`, `予算額`), or null. */
export function kindOfWord(text: string): ValueKind | null {
  const s = squash(text).replace(/\(.*\)$/, "");
  for (const [re, kind] of KIND_WORDS) if (new RegExp(`^${re.source}$`).test(s)) return kind;
  return null;
}

/** The fiscal year a header names alone (`H22`, `平成22年度`, `2024年度`, `2024`), or null. */
export function yearOfWord(text: string): number | null {
  const s = squash(text).replace(/^\((.*)\)$/, "$1");
  if (s === "") return null;
  const r = parseFiscalYear(/^\d{4}$/.test(s) ? `${s}年度` : s);
  return r.ok ? r.value : null;
}

/**
 * A year column header: `H22目標` → { 2010, target }; `平成22年度 実績` → { 2010, actual }; `2024年度目標値` →
 * { 2024, target }; `目標値(H22)` too; a bare year (`2024年度`) has kind null. Null for anything else.
 */
export function yearHeaderOf(text: string): { fiscalYear: number; kind: ValueKind | null } | null {
  const s = squash(text);
  if (s === "") return null;
  for (const [re, kind] of KIND_WORDS) {
    const found = re.exec(s);
    if (!found) continue;
    const rest = (s.slice(0, found.index) + s.slice(found.index + found[0].length)).replace(
      /^\((.*)\)$/,
      "$1",
    );
    const year = yearOfWord(rest);
    return year === null ? null : { fiscalYear: year, kind };
  }
  const year = yearOfWord(s);
  return year === null ? null : { fiscalYear: year, kind: null };
}

const KEY_RE = /^(指標キー|事業キー|キー|key|id|指標id|事業id)$/i;
const NAME_RE = /^(指標名|指標|成果指標|数値目標|事業名|事業|主な事業|名称)$/;
const UNIT_RE = /^(単位)$/;
const YEAR_RE = /^(年度|会計年度)$/;

export type YearColumn = { column: number; fiscalYear: number; kind: ValueKind };

export type ValuesLayout = {
  /** 1-based source rows of the header (one or two) */
  headerRows: number[];
  /** each column's header text (both rows of a two-row header), for the mapping form */
  headers: string[];
  keyColumn: number | null;
  nameColumn: number | null;
  unitColumn: number | null;
  years: YearColumn[];
  /** a row per year (the open data): the 年度 column and the value columns, each of the year its row names */
  yearColumn: number | null;
  valueColumns: { column: number; kind: ValueKind }[];
  problems: Problem[];
};

/**
 * Finds the header (within the first 20 rows): the first row with a key or name column and a year column, alone
 * or over a second row of kinds (目標 / 実績) under years (or years under a kind group). Null when there is none.
 */
export function detectValuesLayout(sheet: GridSheet, target: ValuesTarget): ValuesLayout | null {
  const rows = sheet.rows.slice(0, 20);
  for (const [i, row] of rows.entries()) {
    const texts = Array.from({ length: sheet.columnCount }, (_, c) => cellText(sheet, row, c));
    const keyColumn = texts.findIndex((x) => KEY_RE.test(squash(x)));
    const nameColumn = texts.findIndex((x) => NAME_RE.test(squash(x)));
    if (keyColumn < 0 && nameColumn < 0) continue;
    const unitColumn = texts.findIndex((x) => UNIT_RE.test(squash(x)));
    const yearColumn = texts.findIndex((x) => YEAR_RE.test(squash(x)));
    const kinds: readonly ValueKind[] = target === "budgets" ? ["amount"] : ["target", "actual"];
    const valueColumns = texts.flatMap((x, column) => {
      const kind = kindOfWord(x);
      return kind !== null && kinds.includes(kind) ? [{ column, kind }] : [];
    });
    if (yearColumn >= 0 && valueColumns.length > 0) {
      return {
        headerRows: [row.sourceRow],
        headers: texts.map((x) => x.trim()),
        keyColumn: keyColumn < 0 ? null : keyColumn,
        nameColumn: nameColumn < 0 ? null : nameColumn,
        unitColumn: unitColumn < 0 ? null : unitColumn,
        years: [],
        yearColumn,
        valueColumns,
        problems: [],
      };
    }
    const next = rows[i + 1];
    const below = next ? Array.from({ length: sheet.columnCount }, (_, c) => cellText(sheet, next, c)) : [];
    // 年度 over 目標 / 実績, or 目標値 / 実績値 over the years
    const twoRows =
      below.some((x) => kindOfWord(x) !== null) ||
      (texts.some((x) => kindOfWord(x) !== null) &&
        below.some((x) => x.trim() !== "" && yearOfWord(x) !== null));
    const headerRows = twoRows && next ? [row.sourceRow, next.sourceRow] : [row.sourceRow];
    const problems: Problem[] = [];
    const years: YearColumn[] = [];
    const seen = new Map<string, number>();
    let carried = "";
    for (let c = 0; c < texts.length; c++) {
      if (c === keyColumn || c === nameColumn || c === unitColumn) {
        carried = "";
        continue;
      }
      const top = texts[c]!.trim();
      // a year (or kind) over several columns is written once, in its first column
      if (top !== "") carried = top;
      const upper = twoRows ? carried : top;
      const lower = twoRows ? (below[c] ?? "").trim() : "";
      if (upper === "" && lower === "") continue;
      let found: { fiscalYear: number; kind: ValueKind | null } | null = null;
      if (!twoRows) found = yearHeaderOf(upper);
      else {
        const yearUp = yearOfWord(upper);
        const kindUp = kindOfWord(upper);
        if (yearUp !== null && lower !== "") {
          const kind = kindOfWord(lower);
          found = kind ? { fiscalYear: yearUp, kind } : null;
        } else if (kindUp !== null && lower !== "") {
          const year = yearOfWord(lower);
          found = year !== null ? { fiscalYear: year, kind: kindUp } : null;
        } else found = yearHeaderOf(`${upper}${lower}`) ?? yearHeaderOf(lower);
      }
      if (!found) continue;
      let kind = found.kind;
      if (target === "budgets") {
        if (kind === null) kind = "amount";
        if (kind !== "amount") {
          problems.push(problem(sheet, headerRows.at(-1)!, c, t().budgetKind, target));
          continue;
        }
      } else if (kind === null || kind === "amount") {
        problems.push(problem(sheet, headerRows.at(-1)!, c, t().whichKind));
        continue;
      }
      const k = `${found.fiscalYear}:${kind}`;
      const first = seen.get(k);
      if (first !== undefined) {
        problems.push(problem(sheet, headerRows.at(-1)!, c, t().duplicateYear(columnLetter(first)), target));
        continue;
      }
      seen.set(k, c);
      years.push({ column: c, fiscalYear: found.fiscalYear, kind });
    }
    if (years.length === 0 && problems.length === 0) continue;
    return {
      headerRows,
      headers: texts.map((top, c) =>
        [top.trim(), twoRows ? (below[c] ?? "").trim() : ""].filter((x) => x !== "").join(" "),
      ),
      keyColumn: keyColumn < 0 ? null : keyColumn,
      nameColumn: nameColumn < 0 ? null : nameColumn,
      unitColumn: unitColumn < 0 ? null : unitColumn,
      years,
      yearColumn: null,
      valueColumns: [],
      problems,
    };
  }
  return null;
}

function problem(
  sheet: GridSheet,
  row: number | null,
  column: number | null,
  message: string,
  target: ValuesTarget = "indicators",
): Problem {
  return {
    sheet: sheet.name,
    row,
    column: column === null ? null : columnLetter(column),
    field: target === "indicators" ? "indicator" : "budget",
    message,
  };
}

/** An indicator or budget line as the matcher needs it. */
export type SeriesForImport = {
  id: string;
  name: string;
  /** 千円 for a budget line */
  unit: string | null;
  version: number;
  /** a live indicator: actuals are counted, never typed */
  live: boolean;
  /** the years values may be entered for (null: any) */
  window: { from: number | null; to: number | null } | null;
  /** current values by `${fiscalYear}:${kind}` (absent: null) */
  values: Record<string, number | null>;
};

export type ValueChange = {
  fiscalYear: number;
  kind: ValueKind;
  before: number | null;
  after: number | null;
};

export type ValuesRowChange = {
  sheet: string;
  row: number;
  id: string;
  /** the version at preview time: the commit is refused if it moved */
  version: number;
  name: string;
  unit: string | null;
  changes: ValueChange[];
};

export type ValuesPlan = {
  changes: ValuesRowChange[];
  unchanged: { sheet: string; row: number; name: string }[];
  problems: Problem[];
  rowCount: number;
};

export const valueKey = (fiscalYear: number, kind: ValueKind) => `${fiscalYear}:${kind}`;

const inWindow = (year: number, w: SeriesForImport["window"]) =>
  !w || ((w.from === null || year >= w.from) && (w.to === null || year <= w.to));

/** The detected layout as the column mapping every import keeps (and the preview's mapping form edits). */
export function valuesMappingOf(sheet: GridSheet, layout: ValuesLayout): ColumnMapping {
  const fields: ColumnMapping["fields"] = {};
  if (layout.keyColumn !== null) fields.id = layout.keyColumn;
  if (layout.nameColumn !== null) fields.indicatorName = layout.nameColumn;
  if (layout.unitColumn !== null) fields.unit = layout.unitColumn;
  if (layout.yearColumn !== null) fields.fiscalYear = layout.yearColumn;
  return {
    version: 1,
    sheet: sheet.name,
    headerRows: layout.headerRows,
    fields,
    years: layout.years,
    attributes: [],
    headers: layout.headers,
    ...(layout.valueColumns.length > 0 ? { valueColumns: layout.valueColumns } : {}),
  };
}

/**
 * The header of a values table: the first sheet (`sheet` first, when given) whose header names the key or name and
 * the years (a workbook may hold other sheets), as its layout and as the column mapping every import keeps.
 */
export function detectValuesMapping(
  grid: Grid,
  target: ValuesTarget,
  sheet?: string,
): { layout: ValuesLayout; mapping: ColumnMapping } | null {
  const sheets = [...grid.sheets].sort((a, b) => Number(b.name === sheet) - Number(a.name === sheet));
  for (const s of sheets) {
    const layout = detectValuesLayout(s, target);
    if (layout) return { layout, mapping: valuesMappingOf(s, layout) };
  }
  return null;
}

/** detectValuesMapping as a saved mapping's adaptation asks for it (adaptSavedMapping), with the clerk's message. */
export function valuesHeaderDetector(target: ValuesTarget): DetectMapping {
  return (grid, sheet) => {
    const detected = detectValuesMapping(grid, target, sheet);
    if (detected) return { ok: true, value: detected.mapping };
    return { ok: false, reason: target === "budgets" ? t().noBudgetHeader : t().noHeader };
  };
}

/** A mapping (detected or the user's) as the layout the matcher reads; year columns of another kind are left out. */
function layoutOfMapping(mapping: ColumnMapping, target: ValuesTarget): ValuesLayout {
  const kinds: readonly string[] = target === "budgets" ? ["amount"] : ["target", "actual"];
  return {
    headerRows: mapping.headerRows,
    headers: mapping.headers,
    keyColumn: mapping.fields.id ?? null,
    nameColumn: mapping.fields.indicatorName ?? null,
    unitColumn: mapping.fields.unit ?? null,
    years: mapping.years.filter((y): y is YearColumn => kinds.includes(y.kind)),
    yearColumn: mapping.fields.fiscalYear ?? null,
    valueColumns: (mapping.valueColumns ?? []).filter((v) => kinds.includes(v.kind)),
    problems: [],
  };
}

/**
 * Matches the rows under the header to the plan's series and lists what changes, cell by cell. The layout is
 * detected, or given as a mapping (the user's correction in the preview).
 */
export function planValuesImport(
  sheet: GridSheet,
  target: ValuesTarget,
  series: readonly SeriesForImport[],
  mapping?: ColumnMapping,
): ValuesPlan {
  const layout = mapping ? layoutOfMapping(mapping, target) : detectValuesLayout(sheet, target);
  if (!layout)
    return {
      changes: [],
      unchanged: [],
      problems: [
        problem(sheet, null, null, target === "budgets" ? t().noBudgetHeader : t().noHeader, target),
      ],
      rowCount: 0,
    };
  const problems = [...layout.problems];
  const changes: ValuesRowChange[] = [];
  const unchanged: ValuesPlan["unchanged"] = [];
  const byId = new Map(series.map((s) => [s.id, s]));
  const byName = new Map<string, SeriesForImport[]>();
  for (const s of series) byName.set(squash(s.name), [...(byName.get(squash(s.name)) ?? []), s]);
  const matchedAt = new Map<string, number>();
  let rowCount = 0;
  const lastHeader = layout.headerRows.at(-1)!;
  for (const row of sheet.rows) {
    if (row.sourceRow <= lastHeader) continue;
    const text = (c: number | null) => (c === null ? "" : cellText(sheet, row, c).trim());
    const key = text(layout.keyColumn);
    // the template neutralises a name starting with = + - @ with an apostrophe (values-template.ts)
    const name = text(layout.nameColumn).replace(/^'(?=[=+\-@])/, "");
    // a row per year: the value columns are of the year the row names
    const rowYear = layout.yearColumn === null ? null : yearOfWord(text(layout.yearColumn));
    const years: YearColumn[] =
      layout.yearColumn === null
        ? layout.years
        : rowYear === null
          ? []
          : layout.valueColumns.map((v) => ({ column: v.column, fiscalYear: rowYear, kind: v.kind }));
    const cells = years.map((y) => text(y.column));
    if (key === "" && name === "" && cells.every((x) => x === "")) continue;
    rowCount++;
    const at = (column: number | null, message: string) =>
      problems.push(problem(sheet, row.sourceRow, column, message, target));
    let found: SeriesForImport | undefined;
    if (key !== "") {
      found = byId.get(key);
      if (!found) {
        at(layout.keyColumn, t().unknownKey(key));
        continue;
      }
    } else if (name !== "") {
      const candidates = byName.get(squash(name)) ?? [];
      if (candidates.length === 0) {
        at(layout.nameColumn, target === "budgets" ? t().unknownLine(name) : t().unknownIndicator(name));
        continue;
      }
      if (candidates.length > 1) {
        at(layout.nameColumn, t().ambiguous(name));
        continue;
      }
      found = candidates[0];
    } else {
      at(layout.nameColumn ?? layout.keyColumn, t().noName);
      continue;
    }
    const s = found!;
    if (layout.yearColumn !== null && rowYear === null) {
      at(layout.yearColumn, t().unreadableYear(text(layout.yearColumn)));
      continue;
    }
    const once = rowYear === null ? s.id : `${s.id}:${rowYear}`;
    const first = matchedAt.get(once);
    if (first !== undefined) {
      at(layout.keyColumn ?? layout.nameColumn, t().duplicateRow(first));
      continue;
    }
    matchedAt.set(once, row.sourceRow);
    const unitText = text(layout.unitColumn);
    if (unitText !== "" && (s.unit === null || !sameUnit(unitText, s.unit))) {
      at(layout.unitColumn, t().unitMismatch(unitText, s.unit ?? t().noUnit));
      continue;
    }
    const rowChanges: ValueChange[] = [];
    let bad = false;
    for (const [i, y] of years.entries()) {
      const read = parseIndicatorValue(cells[i]!, s.unit);
      if (!read.ok) {
        at(y.column, read.reason);
        bad = true;
        continue;
      }
      const before = s.values[valueKey(y.fiscalYear, y.kind)] ?? null;
      if (read.value === before) continue;
      if (s.live && y.kind === "actual") {
        at(y.column, t().liveActual);
        bad = true;
        continue;
      }
      if (!inWindow(y.fiscalYear, s.window)) {
        at(y.column, t().outsideTerm);
        bad = true;
        continue;
      }
      rowChanges.push({ fiscalYear: y.fiscalYear, kind: y.kind, before, after: read.value });
    }
    if (bad) continue;
    // rows of one series (a row per year) make one change, written once against the version previewed
    const earlier = changes.find((c) => c.id === s.id);
    if (rowChanges.length === 0) unchanged.push({ sheet: sheet.name, row: row.sourceRow, name: s.name });
    else if (earlier) earlier.changes.push(...rowChanges);
    else
      changes.push({
        sheet: sheet.name,
        row: row.sourceRow,
        id: s.id,
        version: s.version,
        name: s.name,
        unit: s.unit,
        changes: rowChanges,
      });
  }
  if (rowCount === 0 && problems.length === 0) problems.push(problem(sheet, null, null, t().noRows, target));
  return { changes, unchanged, problems, rowCount };
}
