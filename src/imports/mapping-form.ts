/**
 * The column mapping as a form: one select per detected header (`col.<index>`), whose value is a field id,
 * `year` (keep as the detected fiscal-year column), `attr` (keep the column verbatim as an extra item) or ""
 * (ignore the column). Pure: the route reads the form, this turns it back into a ColumnMapping.
 */
import type { ColumnMapping } from "./detect.js";
import { columnLetter } from "./grid.js";
import { FIELD_IDS, FIELD_LABELS, type FieldId } from "./headers.js";

export type ColumnChoice = FieldId | "year" | "attr" | "";

/** What each column is mapped to now. */
export function choicesOf(mapping: ColumnMapping): ColumnChoice[] {
  const out: ColumnChoice[] = mapping.headers.map(() => "");
  for (const [field, column] of Object.entries(mapping.fields) as [FieldId, number][]) out[column] = field;
  for (const y of mapping.years) out[y.column] = "year";
  for (const a of mapping.attributes) if (out[a.column] === "") out[a.column] = "attr";
  return out;
}

const isChoice = (v: string): v is ColumnChoice =>
  v === "" || v === "year" || v === "attr" || (FIELD_IDS as readonly string[]).includes(v);

/**
 * The mapping the user chose. Refuses a field chosen for two columns and `year` on a column that is not a
 * detected fiscal-year column, naming the columns as Excel does.
 */
export function mappingFromForm(
  base: ColumnMapping,
  form: Record<string, string>,
): { ok: true; mapping: ColumnMapping } | { ok: false; errors: string[] } {
  const fields: Partial<Record<FieldId, number>> = {};
  const attributes: { column: number; name: string }[] = [];
  const years = [];
  const errors: string[] = [];
  const detectedYears = new Map(base.years.map((y) => [y.column, y]));
  for (const [c, header] of base.headers.entries()) {
    const raw = form[`col.${c}`];
    const choice = raw === undefined ? (choicesOf(base)[c] ?? "") : raw;
    const where = `${columnLetter(c)}列「${header || "（見出しなし）"}」`;
    if (!isChoice(choice)) {
      errors.push(`${where}: 選択肢にない値が送られました`);
      continue;
    }
    if (choice === "") continue;
    if (choice === "attr") attributes.push({ column: c, name: header || columnLetter(c) });
    else if (choice === "year") {
      const y = detectedYears.get(c);
      if (y) years.push(y);
      else errors.push(`${where}: 年度として読める見出しではないため、年度の列にはできません`);
    } else if (fields[choice] !== undefined) {
      errors.push(
        `「${FIELD_LABELS[choice]}」が${columnLetter(fields[choice])}列と${columnLetter(c)}列の両方に指定されています。どちらか一方にしてください`,
      );
    } else fields[choice] = c;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, mapping: { ...base, fields, years, attributes } };
}
