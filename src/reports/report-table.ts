/**
 * List layouts (the guideline progress list and every custom layout): one row per item, category rows above
 * them, the chosen columns, and the summaries computed from the items — the tier tally beside the one the
 * source document printed, with the differences marked (DOMAIN.md, "A real tally error").
 */
import { canonicalOf, countableDefs } from "../plans/plan.js";
import type { EntryDef, NodeDef } from "../plans/plan-document.js";
import { roundTally } from "../progress/round-tally.js";
import {
  COLUMN_WIDTHS,
  type ColumnRef,
  columnLabel,
  isColumnKey,
  type Layout,
  PDCA_COLUMNS,
} from "./report-layout.js";
import {
  asOfLine,
  type BuildOptions,
  filenameOf,
  type HeadCell,
  headRow,
  pickRound,
  type ReportBlock,
  type ReportModel,
  type ReportSource,
  sheetNameOf,
  styleOf,
  type TableBlock,
  type TableRow,
  walkNodes,
  yearLabel,
} from "./report-model.js";

const CANONICAL_JA: Record<string, string> = {
  done: "完了",
  partly: "一部実施",
  in_progress: "実施中",
  not_started: "未実施",
  discontinued: "中止",
};

type Column = { ref: ColumnRef; header: string; group: string | null; width: number; year?: number };

/** Fiscal years of the 実施目標年度 grid: the plan's period, else the years its items mark. */
function scheduleYears(src: ReportSource): number[] {
  const { firstYear, lastYear } = src.plan;
  if (firstYear !== null && lastYear !== null && lastYear >= firstYear && lastYear - firstYear < 20) {
    return Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  }
  const years = new Set<number>();
  walkNodes(src.nodes, (n) => {
    for (const y of Object.keys(n.schedule)) if (/^\d{4}$/.test(y)) years.add(Number(y));
  });
  return [...years].sort((a, b) => a - b);
}

function expandColumns(src: ReportSource, layout: Layout, style: string, notes: string[]): Column[] {
  const out: Column[] = [];
  for (const ref of layout.columns) {
    if (ref === "schedule") {
      const years = scheduleYears(src);
      if (years.length === 0)
        notes.push("この計画には実施目標年度の記載がないため、年度の列は表示していません。");
      const short = style === "western" ? "western" : "wareki-short";
      for (const y of years)
        out.push({ ref, header: yearLabel(y, short), group: columnLabel("schedule"), width: 5, year: y });
      continue;
    }
    const group = isColumnKey(ref) && PDCA_COLUMNS.includes(ref) ? "進捗管理（PDCA）" : null;
    out.push({
      ref,
      header: columnLabel(ref),
      group,
      width: isColumnKey(ref) ? COLUMN_WIDTHS[ref] : 16,
    });
  }
  return out;
}

/** Header rows: one row, or two when some columns sit under a merged group header (PDCA, 実施目標年度). */
function headOf(columns: readonly Column[]): HeadCell[][] {
  if (!columns.some((c) => c.group)) return [headRow(columns.map((c) => c.header))];
  const top: HeadCell[] = [];
  const second: HeadCell[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    if (!c.group) {
      top.push({ text: c.header, colSpan: 1, rowSpan: 2 });
      continue;
    }
    let span = 1;
    while (columns[i + span]?.group === c.group) span++;
    top.push({ text: c.group, colSpan: span, rowSpan: 1 });
    for (let j = i; j < i + span; j++) second.push({ text: columns[j]!.header, colSpan: 1, rowSpan: 1 });
    i += span - 1;
  }
  return [top, second];
}

/** The entries' values of one field, each prefixed with its department when several departments reported. */
function entryText(entries: readonly EntryDef[], pick: (e: EntryDef) => string | null): string {
  const withValue = entries.filter((e) => pick(e)?.trim());
  if (withValue.length === 0) return "";
  const several = new Set(entries.map((e) => e.department)).size > 1;
  return withValue
    .map((e) => (several && e.department ? `${e.department}：${pick(e)}` : pick(e)!))
    .join("\n");
}

/** A tier as the list rows print it: 【Ⅱ-ア】. */
function tierText(code: string | null): string {
  return code ? `【${code}】` : "";
}

function cellOf(col: Column, n: NodeDef, entries: readonly EntryDef[]): string {
  const ref = col.ref;
  if (ref.startsWith("attr:")) return n.attributes[ref.slice(5)] ?? "";
  switch (ref) {
    case "label":
      return n.label ?? "";
    case "title":
      return n.crossRefOf ? `${n.title}（再掲）` : n.title;
    case "content":
    case "plan":
      return n.content ?? "";
    case "tier":
      return tierText(n.tierCode);
    case "departments": {
      const names = n.departments.length
        ? n.departments
        : entries.map((e) => e.department ?? "").filter(Boolean);
      return [...new Set(names)].join("、");
    }
    case "implementingBody":
      return n.implementingBody ?? "";
    case "status":
      return entryText(entries, (e) => e.statusLabel);
    case "grade":
      return entryText(entries, (e) => e.grade);
    case "result":
      return entryText(entries, (e) => e.result);
    case "do":
      return entryText(entries, (e) => e.doText);
    case "check":
      return entryText(entries, (e) => e.checkText);
    case "issues":
      return entryText(entries, (e) => e.issuesText);
    case "act":
      return entryText(entries, (e) => e.actText);
    case "yearlyGoal":
      return n.yearlyGoal ?? "";
    case "targetState":
      return n.targetState ?? "";
    case "schedule": {
      const mark = col.year === undefined ? undefined : n.schedule[String(col.year)];
      return mark === "start" ? "○" : mark === "continue" ? "→" : "";
    }
    case "nextTerm":
      return n.nextTerm?.label ?? "";
    case "nextReason":
      return n.nextTerm?.reason ?? "";
    default:
      return "";
  }
}

/** Builds a list report: the guideline progress list, or any custom layout. */
export function buildTableReport(src: ReportSource, layout: Layout, opts: BuildOptions): ReportModel {
  const style = styleOf(layout.yearStyle, src.orgYearStyle);
  const notes: string[] = [];
  const { round, note } = pickRound(src.rounds, opts);
  if (note) notes.push(note);
  else if (round && round.entries.length === 0)
    notes.push("この報告回にはまだ記入がありません。進捗の欄は空欄で表示しています。");

  const byKey = new Map<string, NodeDef>();
  walkNodes(src.nodes, (n) => byKey.set(n.key, n));
  const entriesOf = new Map<string, EntryDef[]>();
  for (const e of round?.entries ?? []) entriesOf.set(e.nodeKey, [...(entriesOf.get(e.nodeKey) ?? []), e]);
  /** a 再掲 row reports what its original reports */
  const entriesFor = (n: NodeDef) => entriesOf.get(n.crossRefOf ?? n.key) ?? [];
  const statusOf = (n: NodeDef) => entriesFor(n).find((e) => e.statusLabel !== null)?.statusLabel ?? null;

  // fields the layout names that the plan's items never have
  for (const ref of layout.columns) {
    if (!ref.startsWith("attr:")) continue;
    const name = ref.slice(5);
    let found = false;
    walkNodes(src.nodes, (n) => {
      if (n.attributes[name] !== undefined) found = true;
    });
    if (!found) notes.push(`この計画の項目には「${name}」の欄がありません。その列は空欄で表示しています。`);
  }

  // filters
  const f = layout.filters;
  const filterText: string[] = [];
  if (f.department) filterText.push(`担当課「${f.department}」`);
  if (f.tier) filterText.push(`重点「${f.tier}」`);
  if (f.status) filterText.push(`施策の実施「${f.status}」`);
  if (filterText.length) notes.push(`絞り込み：${filterText.join("・")}の項目のみを表示し、集計しています。`);
  const matches = (n: NodeDef): boolean => {
    if (f.department) {
      const names = [...n.departments, ...entriesFor(n).map((e) => e.department ?? "")];
      if (!names.some((d) => d.includes(f.department!))) return false;
    }
    if (f.tier && n.tierCode !== f.tier && !`【${n.tierCode}】`.includes(f.tier)) return false;
    if (f.status) {
      const s = statusOf(n);
      const canonical = canonicalOf(src.plan.statusVocabulary, f.status);
      if (s !== f.status && (canonical === null || canonicalOf(src.plan.statusVocabulary, s) !== canonical))
        return false;
    }
    return true;
  };

  const columns = expandColumns(src, layout, style, notes);
  const rows: TableRow[] = [];
  const groupLevels = layout.groupLevels;
  const walk = (list: readonly NodeDef[]): TableRow[] => {
    const out: TableRow[] = [];
    for (const n of list) {
      if (n.kind === "category") {
        const inner = walk(n.children);
        if (inner.length === 0) continue;
        if (groupLevels !== null && n.level < groupLevels)
          out.push({ kind: "group", level: n.level, text: [n.label, n.title].filter(Boolean).join(" ") });
        out.push(...inner);
      } else {
        if (matches(n)) {
          const id = src.nodeIds?.get(n.key);
          out.push({
            kind: "data",
            cells: columns.map((c) => cellOf(c, n, entriesFor(n))),
            ...(id ? { id } : {}),
          });
        }
        out.push(...walk(n.children));
      }
    }
    return out;
  };
  rows.push(...walk(src.nodes));

  const countables = countableDefs(src.nodes).filter((c) => c.kind !== "item" || matches(c.def));
  const items = countables.filter((c) => c.kind === "item");
  if (items.length === 0)
    notes.push(
      filterText.length
        ? "絞り込みの条件に合う項目がありません。"
        : "この計画にはまだ項目がありません。計画の項目を登録すると、ここに一覧が表示されます。",
    );

  const blocks: ReportBlock[] = [];
  const stated = filterText.length ? [] : (round?.statedTallies ?? []);
  for (const kind of layout.summaries) {
    if (kind === "tier") blocks.push(tierSummary(src, countables, round?.entries ?? [], stated));
    if (kind === "status") blocks.push(statusSummary(src, countables, statusOf));
    if (kind === "grade") blocks.push(gradeSummary(src, countables, entriesFor));
  }
  if (columns.length === 0) notes.push("表示する列が選ばれていません。");
  else
    blocks.push({
      type: "table",
      caption: null,
      head: headOf(columns),
      widths: columns.map((c) => c.width),
      rows,
      main: true,
    });

  const legend: ReportModel["legend"] = [];
  if (layout.showLegend) {
    if (layout.columns.includes("tier") || layout.summaries.includes("tier"))
      for (const t of src.plan.tiers) legend.push({ term: t.label, text: t.definition ?? "" });
    if (layout.columns.includes("grade") || layout.summaries.includes("grade"))
      for (const g of src.plan.gradeVocabulary) legend.push({ term: g.label, text: g.definition ?? "" });
    if (layout.columns.includes("status") || layout.summaries.includes("status"))
      for (const s of src.plan.statusVocabulary)
        legend.push({ term: s.label, text: `集計上は「${CANONICAL_JA[s.canonical] ?? s.canonical}」` });
    if (layout.columns.includes("schedule"))
      legend.push({ term: "○ / →", text: "○ 実施開始年度、→ 継続して実施する年度" });
    if (layout.columns.includes("title"))
      legend.push({ term: "（再掲）", text: "ほかの項目の再掲。集計では1件と数えます" });
  }

  const title = layout.title ?? src.plan.title;
  return {
    title,
    subtitle: layout.title
      ? src.plan.title
      : src.plan.termLabel && !title.includes(src.plan.termLabel)
        ? src.plan.termLabel
        : null,
    orgName: src.orgName,
    layoutName: layout.name,
    asOf: layout.showAsOf ? asOfLine(round, style) : null,
    notes,
    blocks,
    legend,
    sheetName: sheetNameOf(layout.name),
    filename: filenameOf(src.plan.title, src.plan.title.includes(layout.name) ? null : layout.name),
  };
}

type Countable = ReturnType<typeof countableDefs>[number];

/** 【達成状況】: per tier, counted from the items (再掲 once), beside the tally the document printed. */
function tierSummary(
  src: ReportSource,
  countables: readonly Countable[],
  entries: readonly EntryDef[],
  stated: NonNullable<ReportSource["rounds"][number]["statedTallies"]>,
): TableBlock {
  const tally = roundTally(
    src.plan,
    countables,
    entries.map((e, i) => ({ nodeId: e.nodeKey, statusLabel: e.statusLabel, position: i })),
    stated,
  );
  const showStated = tally.some((t) => t.stated !== null);
  const rows: TableRow[] = tally.map((t) => {
    const tier = src.plan.tiers.find((x) => x.code === t.tierCode);
    const computed = [t.computed, t.unreported ? `${t.unreported}/${t.total}：未報告` : ""]
      .filter(Boolean)
      .join(" ");
    const diff = t.differences
      .map((d) => `${d.statusLabel} 記載${d.stated ?? "なし"}→計算${d.computed ?? "なし"}`)
      .join("、");
    const cells = [t.tierLabel ?? "（重点の指定なし）", tier?.definition ?? "", computed || "—"];
    if (showStated) cells.push(t.stated ?? "—", diff ? `※差異あり：${diff}` : t.stated ? "一致" : "");
    return { kind: "data", cells, flagged: diff !== "" };
  });
  const total = countables.length ? tally.reduce((s, t) => s + t.total, 0) : 0;
  const totalCells = ["合計", "", `${total}件`];
  if (showStated) totalCells.push("", "");
  rows.push({ kind: "data", cells: totalCells, total: true });
  const header = ["重点", "区分の定義", "達成状況（項目から計算）"];
  if (showStated) header.push("資料に記載の達成状況", "差異");
  return {
    type: "table",
    caption: "【達成状況】",
    head: [headRow(header)],
    widths: showStated ? [12, 30, 30, 24, 30] : [12, 40, 40],
    rows,
  };
}

function distinctItems(countables: readonly Countable[]): Countable[] {
  return countables.filter((c) => c.kind === "item" && c.crossRefOf === null);
}

function countTable(caption: string, header: string, counts: Map<string, number>, total: number): TableBlock {
  const rows: TableRow[] = [...counts]
    .filter(([, n]) => n > 0)
    .map(([label, n]) => ({
      kind: "data",
      cells: [label, `${n}件`, total ? `${((n / total) * 100).toFixed(1)}%` : "-"],
    }));
  rows.push({ kind: "data", cells: ["合計", `${total}件`, total ? "100.0%" : "-"], total: true });
  return { type: "table", caption, head: [headRow([header, "件数", "割合"])], widths: [16, 10, 10], rows };
}

/** Counts per status label as reported (再掲 once, unreported items counted apart). */
function statusSummary(
  src: ReportSource,
  countables: readonly Countable[],
  statusOf: (n: NodeDef) => string | null,
): TableBlock {
  const items = distinctItems(countables);
  const counts = new Map<string, number>(src.plan.statusVocabulary.map((s) => [s.label, 0]));
  let unreported = 0;
  for (const c of items) {
    const s = statusOf(c.def);
    if (s === null) unreported++;
    else counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  counts.set("未報告", unreported);
  return countTable("【施策の実施状況別の件数】", "施策の実施", counts, items.length);
}

/** Counts per evaluation grade (◎ ○ △ × or A–D, in the plan's order). */
function gradeSummary(
  src: ReportSource,
  countables: readonly Countable[],
  entriesFor: (n: NodeDef) => EntryDef[],
): TableBlock {
  const items = distinctItems(countables);
  const counts = new Map<string, number>(src.plan.gradeVocabulary.map((g) => [g.label, 0]));
  let none = 0;
  for (const c of items) {
    const g = entriesFor(c.def).find((e) => e.grade !== null)?.grade ?? null;
    if (g === null) none++;
    else counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  counts.set("未評価", none);
  return countTable("【評価別の件数】", "評価", counts, items.length);
}
