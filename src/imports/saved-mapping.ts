/**
 * Reusing a saved ColumnMapping on next year's file (persistence of mappings is not part of this module).
 */
import { type ColumnMapping, columnMappingSchema, detectStructure } from "./detect.js";
import type { Grid } from "./grid.js";
import { type FieldId, headerKey } from "./headers.js";

/**
 * Re-applies a mapping the user saved (e.g. last year's corrections) to a new file: each saved field goes to the
 * column that now carries the same header (width, spaces and line breaks ignored), wherever it moved; year columns
 * are taken from the new file's own header. Fields whose header is gone are listed for the user to map again.
 */
export function adaptSavedMapping(
  saved: ColumnMapping,
  grid: Grid,
): { ok: true; value: { mapping: ColumnMapping; unmatched: string[] } } | { ok: false; reason: string } {
  const parsed = columnMappingSchema.safeParse(saved);
  if (!parsed.success) return { ok: false, reason: "保存された列の対応が正しい形式ではありません" };
  const detected = detectStructure(
    grid,
    grid.sheets.some((s) => s.name === saved.sheet) ? { sheet: saved.sheet } : {},
  );
  if (!detected.ok) return detected;
  const fresh = detected.value.mapping;
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
  const used = new Set(Object.values(fields));
  const attributes = saved.attributes
    .map((a) => ({ column: columnOf(saved.headers[a.column] ?? a.name), name: a.name }))
    .filter((a) => a.column >= 0 && !used.has(a.column));
  return { ok: true, value: { mapping: { ...fresh, fields, attributes }, unmatched } };
}
