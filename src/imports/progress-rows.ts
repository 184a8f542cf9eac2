/**
 * Progress entries of one reporting round from a table (an Excel paste, a CSV or an xlsx): each item row is matched
 * to the round's entry by the item's number label (No / 番号, or the stable item key in an 「項目キー」 column), and
 * its cells (進捗状況, 評価, 実績, 実行(D) 評価(C) 課題 改善(A), 2期案, 理由) are checked against the plan's
 * vocabularies. The outcome lists, entry by entry, what a commit would change and every problem located as
 * sheet / row / column / reason. Pure: the use case loads the round and writes through the progress use cases.
 */
import { canonicalOf, sameLabel } from "../plans/plan.js";
import type { GradeDef, StatusDef } from "../plans/plan-document.js";
import { m } from "../web/messages/index.js";
import { ofAnotherYear } from "./cell-values.js";
import { type ColumnMapping, classifyRows } from "./detect.js";
import { columnLetter, type GridRow, type GridSheet } from "./grid.js";
import type { Problem } from "./grid-to-plan.js";
import type { FieldId } from "./headers.js";

/** The entry fields a table can fill, with the column field that holds each. */
export const ENTRY_COLUMNS = [
  ["statusLabel", "status"],
  ["grade", "grade"],
  ["result", "result"],
  ["doText", "doText"],
  ["checkText", "checkText"],
  ["issuesText", "issuesText"],
  ["actText", "actText"],
  ["nextTermLabel", "nextTerm"],
  ["nextTermReason", "reason"],
] as const satisfies readonly (readonly [string, FieldId])[];

export type EntryFieldName = (typeof ENTRY_COLUMNS)[number][0];
export type EntryValues = Record<EntryFieldName, string | null>;

/** Which asked field (progress.ts ASKED_FIELDS) opens each entry field. */
const ASKED_OF: Record<EntryFieldName, string> = {
  statusLabel: "status",
  grade: "grade",
  result: "result",
  doText: "doText",
  checkText: "checkText",
  issuesText: "issuesText",
  actText: "actText",
  nextTermLabel: "nextTerm",
  nextTermReason: "nextTerm",
};

/** An entry of the round as the matcher needs it. */
export type RoundEntryForImport = {
  entryId: string;
  nodeId: string;
  nodeKey: string;
  label: string | null;
  title: string;
  departmentName: string | null;
  version: number;
  values: EntryValues;
  /** the actor may edit it now (responsible department or plan owner, and the entry's state allows a save) */
  editable: boolean;
  /** why not, in Japanese, when not editable */
  refusal: string | null;
};

export type ProgressImportContext = {
  statusVocabulary: readonly StatusDef[];
  gradeVocabulary: readonly GradeDef[];
  fieldsAsked: readonly string[];
  entries: readonly RoundEntryForImport[];
  /** the round's fiscal year: a row whose 年度 column names another year is another round's, read past */
  fiscalYear: number;
};

export type FieldChange = { field: EntryFieldName; before: string | null; after: string | null };

export type ProgressRowChange = {
  sheet: string;
  row: number;
  entryId: string;
  /** the entry's version when the preview was made: the commit is refused if it moved */
  version: number;
  label: string | null;
  title: string;
  departmentName: string | null;
  /** the entry's values after the commit (all fields, for the entry use case) */
  values: EntryValues;
  changes: FieldChange[];
};

export type ProgressPlan = {
  changes: ProgressRowChange[];
  unchanged: { sheet: string; row: number; label: string | null; title: string }[];
  problems: Problem[];
  /** mapped columns the round does not ask for (their cells are not written) */
  notAsked: string[];
  /** item rows read */
  rowCount: number;
};

const t = () => m.imports.progress;

/** Width- and space-insensitive key of a number label (`１`, ` 1 `, `1.` all match `1`). */
export function labelKey(label: string): string {
  return label
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/[.．。]$/, "");
}

const clean = (text: string): string | null => {
  // the template neutralises cells starting with = + - @ with an apostrophe (progress-template.ts): read back as typed
  const v = text
    .replace(/\r\n?/g, "\n")
    .trim()
    .replace(/^'(?=[=+\-@])/, "");
  return v === "" ? null : v;
};

/**
 * Matches the item rows of `sheet` (per `mapping`) to the round's entries and lists the changes. A row that cannot
 * be matched, names an item twice, or holds a value outside the plan's vocabularies is a problem; so is a row for
 * an entry the actor may not edit. Cells of columns the round does not ask for are left out (reported once).
 */
export function planProgressImport(
  sheet: GridSheet,
  mapping: ColumnMapping,
  ctx: ProgressImportContext,
): ProgressPlan {
  const problems: Problem[] = [];
  const changes: ProgressRowChange[] = [];
  const unchanged: ProgressPlan["unchanged"] = [];
  const msg = t();
  // 項目キー (the template) or ID (the reports: the node's UUID); either names the item whatever its number
  const keyColumn = mapping.fields.id;
  const numberColumn = mapping.fields.number;
  const departmentColumn = mapping.fields.departments;
  const where = (row: GridRow, column: number | undefined) => {
    if (column === undefined) return `${row.sourceRow}行目`;
    const header = (mapping.headers[column] ?? "").replace(/\n/g, "");
    return `${row.sourceRow}行目${header ? `「${header}」` : `${columnLetter(column)}列`}`;
  };
  const problem = (
    row: GridRow | null,
    column: number | undefined,
    field: Problem["field"],
    reason: string,
  ) =>
    problems.push({
      sheet: sheet.name,
      row: row?.sourceRow ?? null,
      column: column === undefined ? null : columnLetter(column),
      field,
      message: row ? `${where(row, column)}: ${reason}` : reason,
    });

  if (numberColumn === undefined && keyColumn === undefined) {
    problem(null, undefined, "mapping", msg.noNumberColumn);
    return { changes, unchanged, problems, notAsked: [], rowCount: 0 };
  }
  const mapped = ENTRY_COLUMNS.filter(([, f]) => mapping.fields[f] !== undefined);
  if (mapped.length === 0) problem(null, undefined, "mapping", msg.noEntryColumn);
  const asked = mapped.filter(([name]) => ctx.fieldsAsked.includes(ASKED_OF[name]));
  const notAsked = mapped
    .filter(([name]) => !ctx.fieldsAsked.includes(ASKED_OF[name]))
    .map(([, f]) => (mapping.headers[mapping.fields[f]!] ?? f).replace(/\n/g, ""));

  const byKey = new Map<string, RoundEntryForImport[]>();
  const byLabel = new Map<string, RoundEntryForImport[]>();
  for (const e of ctx.entries) {
    for (const k of [e.nodeKey, e.nodeId]) byKey.set(k, [...(byKey.get(k) ?? []), e]);
    if (e.label) byLabel.set(labelKey(e.label), [...(byLabel.get(labelKey(e.label)) ?? []), e]);
  }
  const statuses = ctx.statusVocabulary.map((s) => s.label).join("・");
  const grades = ctx.gradeVocabulary.map((g) => g.label).join("");
  const seen = new Map<string, number>();
  let rowCount = 0;

  for (const classified of classifyRows(sheet, mapping)) {
    if (classified.kind !== "item") continue;
    const row = classified.row;
    const cell = (column: number | undefined) =>
      column === undefined ? "" : (row.cells[column]?.text ?? "");
    if (ofAnotherYear(cell(mapping.fields.fiscalYear), ctx.fiscalYear)) continue;
    rowCount++;
    const keyText = cell(keyColumn).trim();
    const numberText = cell(numberColumn).trim();
    let candidates: RoundEntryForImport[] | undefined;
    if (keyText) candidates = byKey.get(keyText);
    if (!candidates && numberText) candidates = byLabel.get(labelKey(numberText));
    if (!keyText && !numberText) {
      problem(row, numberColumn ?? keyColumn, "round", msg.noNumber);
      continue;
    }
    if (!candidates || candidates.length === 0) {
      // an item the round asks nothing of (a report lists every item): a row with nothing to enter changes nothing
      if (asked.every(([, f]) => clean(cell(mapping.fields[f])) === null)) continue;
      problem(row, keyText ? keyColumn : numberColumn, "round", msg.unknownItem(keyText || numberText));
      continue;
    }
    let entry = candidates[0]!;
    if (candidates.length > 1) {
      const departmentText = clean(cell(departmentColumn));
      const byDepartment = departmentText
        ? candidates.filter((c) => c.departmentName !== null && sameLabel(c.departmentName, departmentText))
        : [];
      const mine = candidates.filter((c) => c.editable);
      if (byDepartment.length === 1) entry = byDepartment[0]!;
      else if (mine.length === 1) entry = mine[0]!;
      else {
        problem(
          row,
          departmentColumn ?? numberColumn,
          "departments",
          msg.whichDepartment(candidates.map((c) => c.departmentName ?? "").join("・")),
        );
        continue;
      }
    }
    const firstRow = seen.get(entry.entryId);
    if (firstRow !== undefined) {
      problem(row, numberColumn ?? keyColumn, "round", msg.duplicate(firstRow));
      continue;
    }
    seen.set(entry.entryId, row.sourceRow);

    const values: EntryValues = { ...entry.values };
    let bad = false;
    for (const [name, field] of asked) {
      const column = mapping.fields[field]!;
      const value = clean(cell(column));
      if (value !== null && name === "statusLabel" && canonicalOf(ctx.statusVocabulary, value) === null) {
        problem(row, column, "status", msg.unknownStatus(value, statuses));
        bad = true;
        continue;
      }
      if (
        value !== null &&
        name === "grade" &&
        ctx.gradeVocabulary.length > 0 &&
        !ctx.gradeVocabulary.some((g) => sameLabel(g.label, value))
      ) {
        problem(row, column, "grade", msg.unknownGrade(value, grades));
        bad = true;
        continue;
      }
      const max = name === "statusLabel" || name === "grade" || name === "nextTermLabel" ? 50 : 8000;
      if (value !== null && value.length > max) {
        problem(row, column, field, msg.tooLong(max));
        bad = true;
        continue;
      }
      values[name] = value;
    }
    if (bad) continue;
    const diff: FieldChange[] = asked
      .map(([name]) => ({ field: name, before: entry.values[name], after: values[name] }))
      .filter((c) => c.before !== c.after);
    const base = { sheet: sheet.name, row: row.sourceRow, label: entry.label, title: entry.title };
    if (diff.length === 0) unchanged.push(base);
    // an entry the actor may not edit now is a problem only where the row would change it
    else if (!entry.editable)
      problem(row, numberColumn ?? keyColumn, "round", entry.refusal ?? msg.notEditable);
    else
      changes.push({
        ...base,
        entryId: entry.entryId,
        version: entry.version,
        departmentName: entry.departmentName,
        values,
        changes: diff,
      });
  }
  if (rowCount === 0 && problems.length === 0) problem(null, undefined, "round", msg.noRows);
  return { changes, unchanged, problems, notAsked, rowCount };
}
