/**
 * The column mapping as a form, for every import target: one select per header (`col.<index>`), whose value is a
 * field id, `year:<kind>` (a fiscal-year column of that kind, its year in `year.<index>`: 2024, R6, 令和6年度, H22),
 * `value:<kind>` (values of the year each row names in its 年度 column, a row per year as the open data has them),
 * `attr` (keep the column verbatim as an extra item) or "" (ignore the column). Each target offers only the fields
 * it reads (`MAPPING_CHOICES`). Pure: the route reads the form, this turns it back into a ColumnMapping.
 */
import { parseFiscalYear } from "../japanese/fiscal-year.js";
import { m } from "../web/messages/index.js";
import type { ColumnMapping, YearColumn } from "./detect.js";
import { columnLetter } from "./grid.js";
import { FIELD_IDS, FIELD_LABELS, type FieldId, type YearGroupKind } from "./headers.js";
import { ENTRY_COLUMNS } from "./progress-rows.js";

export type ImportTarget = "plan" | "progress" | "indicators" | "budgets";

export type RowYearKind = NonNullable<ColumnMapping["valueColumns"]>[number]["kind"];

export type ColumnChoice = FieldId | "attr" | `year:${YearGroupKind}` | `value:${RowYearKind}` | "";

/** What a target can read from a column. */
export type MappingChoices = {
  fields: readonly FieldId[];
  years: readonly YearGroupKind[];
  /** values of the year each row names (a row per year) */
  values: readonly RowYearKind[];
  attr: boolean;
};

export const MAPPING_CHOICES: Record<ImportTarget, MappingChoices> = {
  plan: { fields: FIELD_IDS, years: ["schedule", "target", "actual"], values: [], attr: true },
  // the item's identity, then every entry field the round import reads (progress-rows.ts)
  progress: {
    fields: ["id", "number", "title", "departments", "fiscalYear", ...ENTRY_COLUMNS.map(([, f]) => f)],
    years: [],
    values: [],
    attr: false,
  },
  indicators: {
    fields: ["id", "indicatorName", "unit", "fiscalYear"],
    years: ["target", "actual"],
    values: ["target", "actual"],
    attr: false,
  },
  budgets: {
    fields: ["id", "indicatorName", "fiscalYear"],
    years: ["amount"],
    values: ["amount"],
    attr: false,
  },
};

/** What each column is mapped to now. */
export function choicesOf(mapping: ColumnMapping): ColumnChoice[] {
  const out: ColumnChoice[] = mapping.headers.map(() => "");
  for (const [field, column] of Object.entries(mapping.fields) as [FieldId, number][]) out[column] = field;
  for (const y of mapping.years) out[y.column] = `year:${y.kind}`;
  for (const v of mapping.valueColumns ?? []) out[v.column] = `value:${v.kind}`;
  for (const a of mapping.attributes) if (out[a.column] === "") out[a.column] = "attr";
  return out;
}

function allowedChoice(v: string, allowed: MappingChoices): v is ColumnChoice {
  if (v === "") return true;
  if (v === "attr") return allowed.attr;
  if (v.startsWith("year:")) return (allowed.years as readonly string[]).includes(v.slice(5));
  if (v.startsWith("value:")) return (allowed.values as readonly string[]).includes(v.slice(6));
  return (allowed.fields as readonly string[]).includes(v);
}

/** A fiscal year as a clerk types it: 2024, R6, 令和6年度, H22, 平成22年度. */
function yearOf(text: string): number | null {
  const s = text.normalize("NFKC").trim();
  if (s === "") return null;
  const r = parseFiscalYear(/^\d{4}$/.test(s) ? `${s}年度` : /年度?$/.test(s) ? s : `${s}年度`);
  return r.ok ? r.value : null;
}

/**
 * The mapping the user chose. Refuses a field chosen for two columns, a year column without a readable year, the
 * same year and kind twice, and anything the target does not read, naming the columns as Excel does.
 */
export function mappingFromForm(
  base: ColumnMapping,
  form: Record<string, string>,
  allowed: MappingChoices = MAPPING_CHOICES.plan,
): { ok: true; mapping: ColumnMapping } | { ok: false; errors: string[] } {
  const fields: Partial<Record<FieldId, number>> = {};
  const attributes: { column: number; name: string }[] = [];
  const years: YearColumn[] = [];
  const valueColumns: NonNullable<ColumnMapping["valueColumns"]> = [];
  const errors: string[] = [];
  const current = choicesOf(base);
  const detectedYear = new Map(base.years.map((y) => [y.column, y.fiscalYear]));
  const yearAt = new Map<string, number>();
  for (const [c, header] of base.headers.entries()) {
    const raw = form[`col.${c}`];
    // an older form sends `year` for "the detected year column"
    const detected = base.years.find((y) => y.column === c);
    const choice =
      raw === undefined ? (current[c] ?? "") : raw === "year" && detected ? `year:${detected.kind}` : raw;
    const where = `${columnLetter(c)}列「${header || "（見出しなし）"}」`;
    if (!allowedChoice(choice, allowed)) {
      errors.push(`${where}: 選択肢にない値が送られました`);
      continue;
    }
    if (choice === "") continue;
    if (choice === "attr") attributes.push({ column: c, name: header || columnLetter(c) });
    else if (choice.startsWith("value:"))
      valueColumns.push({ column: c, kind: choice.slice(6) as RowYearKind });
    else if (choice.startsWith("year:")) {
      const kind = choice.slice(5) as YearGroupKind;
      const typed = form[`year.${c}`];
      const fiscalYear = typed === undefined ? (detectedYear.get(c) ?? null) : yearOf(typed);
      if (fiscalYear === null) {
        errors.push(`${where}: 年度を「2024」「R6」「令和6年度」のように入力してください`);
        continue;
      }
      const key = `${fiscalYear}:${kind}`;
      const first = yearAt.get(key);
      if (first !== undefined) {
        errors.push(`${where}: ${columnLetter(first)}列と同じ年度・種類です。どちらか一方にしてください`);
        continue;
      }
      yearAt.set(key, c);
      years.push({ column: c, fiscalYear, kind });
    } else {
      const field = choice as FieldId;
      if (fields[field] !== undefined)
        errors.push(
          `「${FIELD_LABELS[field]}」が${columnLetter(fields[field])}列と${columnLetter(c)}列の両方に指定されています。どちらか一方にしてください`,
        );
      else fields[field] = c;
    }
  }
  if (valueColumns.length > 0 && fields.fiscalYear === undefined)
    errors.push(m.imports.preview.rowYearNeedsYear);
  if (errors.length > 0) return { ok: false, errors };
  const { valueColumns: _, ...rest } = base;
  return {
    ok: true,
    mapping: { ...rest, fields, years, attributes, ...(valueColumns.length > 0 ? { valueColumns } : {}) },
  };
}
