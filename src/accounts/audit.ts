/** Pure helpers for showing audit events. */

export type FieldChange = { key: string; before: string; after: string };

/** Turns one stored value into words (a role code into its label, an id into a name); undefined = as stored. */
export type ValueFormatter = (key: string, value: unknown) => string | undefined;

function show(key: string, v: unknown, format?: ValueFormatter): string {
  if (v === undefined || v === null) return "—";
  const own = format?.(key, v);
  if (own !== undefined) return own;
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map((x) => show(key, x, format)).join("、") || "—";
  return JSON.stringify(v);
}

/**
 * The fields an event changed, from its before/after snapshots: every key whose value differs
 * (a creation shows every field, a deletion every field gone). Non-object snapshots count as one field.
 */
export function changedFields(before: unknown, after: unknown, format?: ValueFormatter): FieldChange[] {
  const obj = (v: unknown): Record<string, unknown> =>
    v && typeof v === "object" && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : v == null
        ? {}
        : { value: v };
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: show(k, b[k], format), after: show(k, a[k], format) }));
}

/** Pages needed for a total, at least one. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
