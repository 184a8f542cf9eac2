/**
 * A table that updates a stored plan says only what its columns say. Its document (already aligned to the plan,
 * align-to-plan.ts) is laid over the plan's current document: for every row that names a stored item, the fields
 * of the columns the table has are the table's, every other field stays as stored (a report with No / 内容 / 実績
 * does not blank the 推進課 or the schedule); the plan's chapters, revisions, period, level names, tier
 * definitions, indicators, budgets and other years' progress stay as they are. The tree stays the plan's (see
 * mergeTrees): rows update items where they stand, new rows are laid in, a stored item no row names goes (the
 * preview lists it). Pure.
 */
import { flattenNodeDefs } from "../plans/plan.js";
import type { EntryDef, IndicatorDef, NodeDef, PlanDocument, RoundDef } from "../plans/plan-document.js";
import type { ColumnMapping } from "./detect.js";
import type { FieldId } from "./headers.js";
import { ENTRY_COLUMNS } from "./progress-rows.js";

/** The entry fields a table can fill (progress-rows.ts), less the next-term proposal, which is the node's. */
const ENTRY_FIELDS = ENTRY_COLUMNS.filter(
  (c): c is Extract<(typeof ENTRY_COLUMNS)[number], readonly [keyof EntryDef, FieldId]> =>
    c[0] !== "nextTermLabel" && c[0] !== "nextTermReason",
);

const NODE_FIELDS = [
  ["content", "content"],
  ["yearlyGoal", "yearlyGoal"],
  ["targetState", "targetState"],
  ["tierCode", "tier"],
  ["departments", "departments"],
  ["implementingBody", "implementingBody"],
] as const satisfies readonly (readonly [keyof NodeDef, FieldId])[];

function unionBy<T>(stored: readonly T[], table: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set(stored.map(key));
  return [...stored, ...table.filter((t) => !seen.has(key(t)))];
}

export function overlayOnPlan(
  current: PlanDocument,
  table: PlanDocument,
  mapping: Pick<ColumnMapping, "fields" | "years" | "attributes">,
): PlanDocument {
  const has = (f: FieldId) => mapping.fields[f] !== undefined;
  const scheduleYears = new Set(
    mapping.years.filter((y) => y.kind === "schedule").map((y) => String(y.fiscalYear)),
  );
  const attributeNames = new Set(mapping.attributes.map((a) => a.name));

  const fields = (s: NodeDef, n: NodeDef): NodeDef => {
    const item = n.kind === "item";
    const out: NodeDef = { ...s, kind: n.kind, label: n.label, title: n.title };
    // a category row prints only its number and title; an item row the columns the table has
    if (item) for (const [k, f] of NODE_FIELDS) if (has(f)) Object.assign(out, { [k]: n[k] });
    if (n.label === null && !has("number")) out.label = s.label;
    if (item && (has("nextTerm") || has("reason"))) out.nextTerm = n.nextTerm;
    if (item && has("crossRef")) out.crossRefOf = n.crossRefOf;
    if (item && scheduleYears.size > 0)
      out.schedule = Object.fromEntries(
        [
          ...Object.entries(s.schedule).filter(([y]) => !scheduleYears.has(y)),
          ...Object.entries(n.schedule),
        ].sort(([a], [b]) => Number(a) - Number(b)),
      );
    if (item)
      out.attributes = {
        ...Object.fromEntries(Object.entries(s.attributes).filter(([a]) => !attributeNames.has(a))),
        ...n.attributes,
      };
    return out;
  };
  const nodes = mergeTrees(current.nodes, table.nodes, fields);
  const keys = new Set(flattenNodeDefs(nodes).map((n) => n.key));
  const alive = (k: string | null) => k === null || keys.has(k);
  const dropDangling = (list: NodeDef[]): NodeDef[] =>
    list.map((n) => ({
      ...n,
      crossRefOf: n.crossRefOf !== null && !keys.has(n.crossRefOf) ? null : n.crossRefOf,
      children: dropDangling(n.children),
    }));
  const entryOf = (s: EntryDef | undefined, t: EntryDef | undefined): EntryDef | null => {
    if (!t) return s ?? null;
    if (!s) return t;
    const out: EntryDef = { ...s };
    for (const [k, f] of ENTRY_FIELDS) if (has(f)) Object.assign(out, { [k]: t[k] });
    if (has("departments") && t.department !== null) out.department = t.department;
    return out;
  };
  const roundOf = (s: RoundDef | undefined, t: RoundDef | undefined): RoundDef => {
    const base = (s ?? t)!;
    const storedEntries = (s?.entries ?? []).filter((e) => keys.has(e.nodeKey));
    const tableEntries = new Map((t?.entries ?? []).map((e) => [e.nodeKey, e]));
    const entries: EntryDef[] = [];
    for (const e of storedEntries) {
      const merged = entryOf(e, tableEntries.get(e.nodeKey));
      if (merged) entries.push(merged);
      tableEntries.delete(e.nodeKey);
    }
    entries.push(...tableEntries.values());
    return {
      ...base,
      asOfLabel: t?.asOfLabel ?? s?.asOfLabel ?? null,
      asOfDate: t?.asOfDate ?? s?.asOfDate ?? null,
      statedTallies: t && t.statedTallies.length > 0 ? t.statedTallies : (s?.statedTallies ?? []),
      entries,
    };
  };
  const years = [...new Set([...current.rounds, ...table.rounds].map((r) => r.fiscalYear))].sort(
    (a, b) => a - b,
  );
  const rounds = years.map((y) =>
    roundOf(
      current.rounds.find((r) => r.fiscalYear === y),
      table.rounds.find((r) => r.fiscalYear === y),
    ),
  );

  // indicators: the stored ones; a table with indicator columns sets the years it has of the one it names
  const indicators: IndicatorDef[] = current.indicators
    .filter((i) => alive(i.nodeKey))
    .map((i) => ({ ...i, values: [...i.values] }));
  for (const t of table.indicators) {
    const hit = indicators.find((i) => i.nodeKey === t.nodeKey && i.name === t.name);
    if (!hit) {
      indicators.push(t);
      continue;
    }
    if (has("unit") && t.unit !== null) hit.unit = t.unit;
    for (const v of t.values) {
      const at = hit.values.findIndex((x) => x.fiscalYear === v.fiscalYear);
      if (at < 0) hit.values.push(v);
      else hit.values[at] = { ...hit.values[at]!, target: v.target, actual: v.actual };
    }
    hit.values.sort((a, b) => a.fiscalYear - b.fiscalYear);
  }

  return {
    ...current,
    source: table.source,
    title: table.title,
    kind: table.kind,
    termLabel: table.termLabel,
    tiers: unionBy(current.tiers, table.tiers, (t) => t.code),
    statusVocabulary: unionBy(current.statusVocabulary, table.statusVocabulary, (s) => s.label),
    gradeVocabulary: unionBy(current.gradeVocabulary, table.gradeVocabulary, (g) => g.label),
    departments: unionBy(current.departments, table.departments, (d) => d),
    nodes: dropDangling(nodes),
    indicators,
    budgets: current.budgets.filter((b) => alive(b.nodeKey)),
    rounds,
  };
}

/**
 * The stored tree with the table's rows laid in. A row that names a stored node updates it where it stands (a table
 * may print fewer levels than the plan has: the 施策 rows of a report under 基本目標 only); a new row goes after the
 * nearest row before it among its siblings in the table, else first under its parent; a stored node no row names
 * goes, unless something under it stays.
 */
function mergeTrees(
  stored: readonly NodeDef[],
  table: readonly NodeDef[],
  fields: (stored: NodeDef, row: NodeDef) => NodeDef,
): NodeDef[] {
  const storedFlat = flattenNodeDefs(stored);
  const storedByKey = new Map(storedFlat.map(({ parentKey: _p, ...n }) => [n.key, n as NodeDef]));
  const tableFlat = flattenNodeDefs(table);
  const rowByKey = new Map(tableFlat.map((n) => [n.key, n]));
  const named = (k: string) => storedByKey.has(k) && rowByKey.has(k);
  // the tree as lists of child keys (null: the top), stored first
  const childrenOf = new Map<string | null, string[]>();
  const parentOf = new Map<string, string | null>();
  const levelOf = new Map<string, number>();
  const put = (parent: string | null, key: string, at?: number) => {
    const list = childrenOf.get(parent) ?? [];
    list.splice(at ?? list.length, 0, key);
    childrenOf.set(parent, list);
    parentOf.set(key, parent);
  };
  for (const n of storedFlat) {
    put(n.parentKey, n.key);
    levelOf.set(n.key, n.level);
  }
  const placeNew = (
    row: NodeDef & { parentKey: string | null },
    parent: string | null,
    at: number,
    level: number,
  ) => {
    put(parent, row.key, at);
    levelOf.set(row.key, level);
    let i = 0;
    for (const child of row.children)
      if (!named(child.key)) placeNew(rowByKey.get(child.key)!, row.key, i++, level + 1);
  };
  for (const row of tableFlat) {
    if (named(row.key) || (row.parentKey !== null && !named(row.parentKey))) continue;
    const siblings = row.parentKey === null ? table : rowByKey.get(row.parentKey)!.children;
    const before = siblings
      .slice(
        0,
        siblings.findIndex((s) => s.key === row.key),
      )
      .reverse();
    const anchor = before.find((s) => parentOf.has(s.key));
    if (anchor) {
      const parent = parentOf.get(anchor.key)!;
      const list = childrenOf.get(parent)!;
      placeNew(row, parent, list.indexOf(anchor.key) + 1, levelOf.get(anchor.key)!);
    } else if (row.parentKey !== null) {
      placeNew(row, row.parentKey, 0, levelOf.get(row.parentKey)! + 1);
    } else {
      placeNew(row, null, 0, 0);
    }
  }
  const build = (parent: string | null): NodeDef[] =>
    (childrenOf.get(parent) ?? []).flatMap((key): NodeDef[] => {
      const children = build(key);
      const s = storedByKey.get(key);
      const row = rowByKey.get(key);
      if (s && row) return [{ ...fields(s, row), level: s.level, children }];
      if (s) return children.length > 0 ? [{ ...s, children }] : [];
      const { parentKey: _p, ...fresh } = rowByKey.get(key)!;
      return [{ ...fresh, level: levelOf.get(key)!, children }];
    });
  return build(null);
}
