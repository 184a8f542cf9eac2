/**
 * Saved column mappings, pure: what each import target may save (checked when saving and again when reading one
 * back), and re-applying a saved mapping to next year's file (persistence is import-job.repository.ts).
 */
import { m } from "../web/messages/index.js";
import { type ColumnMapping, columnMappingSchema, detectStructure, mappingFromHeader } from "./detect.js";
import type { Grid, Result } from "./grid.js";
import { type FieldId, headerKey } from "./headers.js";
import { type ImportTarget, MAPPING_CHOICES } from "./mapping-form.js";

const IMPORT_TARGETS = Object.keys(MAPPING_CHOICES) as ImportTarget[];

export function isImportTarget(value: string): value is ImportTarget {
  return (IMPORT_TARGETS as string[]).includes(value);
}

/**
 * The ColumnMapping of one target: only the fields, year kinds and extra items that target reads (MAPPING_CHOICES,
 * as the preview's mapping form offers them), every column within the headers.
 * @example savedMappingSchema("budgets").safeParse(mapping).success // false for a mapping with a 目標値 column
 */
export function savedMappingSchema(target: ImportTarget) {
  const allowed = MAPPING_CHOICES[target];
  return columnMappingSchema.superRefine((mapping, ctx) => {
    const fields = Object.entries(mapping.fields) as [FieldId, number][];
    const values = mapping.valueColumns ?? [];
    const columns = [
      ...fields.map(([, c]) => c),
      ...mapping.years.map((y) => y.column),
      ...values.map((v) => v.column),
      ...mapping.attributes.map((a) => a.column),
    ];
    const fits =
      fields.every(([f]) => allowed.fields.includes(f)) &&
      mapping.years.every((y) => allowed.years.includes(y.kind)) &&
      values.every((v) => allowed.values.includes(v.kind)) &&
      (allowed.attr || mapping.attributes.length === 0) &&
      columns.every((c) => c < mapping.headers.length);
    if (!fits) ctx.addIssue({ code: "custom", message: m.imports.savedMappings.broken });
  });
}

/**
 * The part of a job's mapping its target reads, as the preview's mapping form shows it: the header detection of a
 * progress list, say, also proposes plan fields and extra items, which that import ignores and does not save.
 */
export function mappingOfTarget(mapping: ColumnMapping, target: ImportTarget): ColumnMapping {
  const allowed = MAPPING_CHOICES[target];
  const fields = Object.entries(mapping.fields).filter(([f]) => allowed.fields.includes(f as FieldId));
  const { valueColumns, ...rest } = mapping;
  const values = (valueColumns ?? []).filter((v) => allowed.values.includes(v.kind));
  return {
    ...rest,
    fields: Object.fromEntries(fields),
    years: mapping.years.filter((y) => allowed.years.includes(y.kind)),
    attributes: allowed.attr ? mapping.attributes : [],
    ...(values.length > 0 ? { valueColumns: values } : {}),
  };
}

/**
 * A saved mapping as read back for an import of `target`: refused with the clerk's message when it was saved for
 * another target or does not have that target's shape (an older or hand-edited row), never thrown.
 */
export function checkSavedMapping(
  saved: { target: string; mapping: unknown },
  target: ImportTarget,
): Result<ColumnMapping> {
  if (saved.target !== target) {
    const label = isImportTarget(saved.target) ? m.imports.savedMappings.targets[saved.target] : saved.target;
    return { ok: false, reason: m.imports.savedMappings.otherTarget(label) };
  }
  const parsed = savedMappingSchema(target).safeParse(saved.mapping);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: m.imports.savedMappings.broken };
}

/** How a target finds the header of a new file: its own detection, on the saved mapping's sheet when it has one. */
export type DetectMapping = (grid: Grid, sheet: string | undefined) => Result<ColumnMapping>;

/** The header detection of a whole plan and of a round's progress list (detectStructure). */
export const detectTableMapping: DetectMapping = (grid, sheet) => {
  const detected = detectStructure(grid, sheet === undefined ? {} : { sheet });
  return detected.ok ? { ok: true, value: detected.value.mapping } : detected;
};

/**
 * Re-applies a mapping the user saved (e.g. last year's corrections) to a new file: each saved field goes to the
 * column that now carries the same header (width, spaces and line breaks ignored), wherever it moved, and so does
 * each saved year column (same year and kind) and extra item; the other year columns are the ones the target's own
 * detection finds in the new header (next year's column). When that detection finds no header (the saved mapping
 * named columns the detection does not know), the saved header rows are read as the header. Fields whose header is
 * gone are listed for the user to map again.
 */
export function adaptSavedMapping(
  saved: ColumnMapping,
  grid: Grid,
  detect: DetectMapping = detectTableMapping,
): Result<{ mapping: ColumnMapping; unmatched: string[] }> {
  const parsed = columnMappingSchema.safeParse(saved);
  if (!parsed.success) return { ok: false, reason: m.imports.savedMappings.broken };
  const detected = detect(grid, grid.sheets.some((s) => s.name === saved.sheet) ? saved.sheet : undefined);
  const fresh = detected.ok ? detected.value : savedHeaderIn(grid, parsed.data);
  if (!fresh) return detected as Extract<typeof detected, { ok: false }>;
  const columnOf = (header: string | undefined) => {
    if (!header) return -1;
    return fresh.headers.findIndex((h) => headerKey(h) === headerKey(header));
  };
  const fields: Partial<Record<FieldId, number>> = {};
  const unmatched: string[] = [];
  for (const [field, column] of Object.entries(saved.fields) as [FieldId, number][]) {
    const header = saved.headers[column];
    const now = columnOf(header);
    if (now >= 0) fields[field] = now;
    else unmatched.push(header ?? field);
  }
  // the saved header rows found none of the saved headers: this is not that table
  if (!detected.ok && Object.keys(fields).length === 0) return detected;
  const used = new Set<number>(Object.values(fields));
  const years: ColumnMapping["years"] = [];
  const yearKeys = new Set<string>();
  const takeYear = (y: ColumnMapping["years"][number]) => {
    const key = `${y.fiscalYear}:${y.kind}`;
    if (y.column < 0 || used.has(y.column) || yearKeys.has(key)) return;
    used.add(y.column);
    yearKeys.add(key);
    years.push(y);
  };
  for (const y of saved.years) takeYear({ ...y, column: columnOf(saved.headers[y.column]) });
  for (const y of fresh.years) takeYear(y);
  years.sort((a, b) => a.column - b.column);
  // values of each row's year (a row per year): found by their headers, as fields are
  const values = (saved.valueColumns ?? [])
    .map((v) => ({ column: columnOf(saved.headers[v.column]), kind: v.kind }))
    .filter((v) => v.column >= 0 && !used.has(v.column));
  for (const v of values) used.add(v.column);
  const attributes = saved.attributes
    .map((a) => ({ column: columnOf(saved.headers[a.column] ?? a.name), name: a.name }))
    .filter((a) => a.column >= 0 && !used.has(a.column));
  const { valueColumns: freshValues, ...base } = fresh;
  const valueColumns = saved.valueColumns ? values : (freshValues ?? []);
  return {
    ok: true,
    value: {
      mapping: { ...base, fields, years, attributes, ...(valueColumns.length > 0 ? { valueColumns } : {}) },
      unmatched,
    },
  };
}

/** The saved header rows of the saved sheet (or of the only sheet: a paste, a CSV) as a header with nothing mapped. */
function savedHeaderIn(grid: Grid, saved: ColumnMapping): ColumnMapping | null {
  const sheet =
    grid.sheets.find((s) => s.name === saved.sheet) ??
    (grid.sheets.length === 1 ? grid.sheets[0] : undefined);
  if (!sheet || !saved.headerRows.every((r) => sheet.rows.some((x) => x.sourceRow === r))) return null;
  return { ...mappingFromHeader(sheet, saved.headerRows), fields: {}, years: [], attributes: [] };
}
