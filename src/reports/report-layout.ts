/**
 * Report layouts: what a report shows, as plain data validated by zod. Three built-in layouts reproduce the
 * reference documents of ../shared/reference-docs (the per-policy overview, the basic-plan document, the guideline
 * progress list); a custom layout, made in the designer and saved per plan, chooses columns from the plan's fields
 * for any other document of the class (PDCA sheets, 実施目標年度 grids, evaluation lists).
 */
import { z } from "zod";

/** Columns a table layout can show, in the clerk's words. `attr:<name>` shows a named field of the items. */
export const COLUMN_KEYS = [
  "label",
  "title",
  "content",
  "tier",
  "departments",
  "implementingBody",
  "status",
  "grade",
  "result",
  "plan",
  "do",
  "check",
  "issues",
  "act",
  "yearlyGoal",
  "targetState",
  "schedule",
  "nextTerm",
  "nextReason",
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
export type ColumnRef = ColumnKey | `attr:${string}`;

export const COLUMN_LABELS: Record<ColumnKey, string> = {
  label: "No",
  title: "内容",
  content: "計画上の記載",
  tier: "重点",
  departments: "担当課",
  implementingBody: "実施主体",
  status: "施策の実施",
  grade: "評価",
  result: "実績",
  plan: "行動計画(P)",
  do: "実行(D)",
  check: "評価(C)",
  issues: "課題",
  act: "改善(A)",
  yearlyGoal: "取組目標",
  targetState: "目指すべき姿",
  schedule: "実施目標年度",
  nextTerm: "2期案",
  nextReason: "理由",
};

/** Relative column widths (characters), used by the HTML colgroup and the xlsx column widths. */
export const COLUMN_WIDTHS: Record<ColumnKey, number> = {
  label: 5,
  title: 30,
  content: 30,
  tier: 10,
  departments: 12,
  implementingBody: 12,
  status: 8,
  grade: 6,
  result: 30,
  plan: 24,
  do: 24,
  check: 24,
  issues: 20,
  act: 24,
  yearlyGoal: 16,
  targetState: 20,
  schedule: 4,
  nextTerm: 7,
  nextReason: 30,
};

/** P/D/C/A columns print under one merged header, as PDCA sheets do. */
export const PDCA_COLUMNS: readonly ColumnKey[] = ["plan", "do", "check", "act"];

export const BUILTIN_KINDS = ["progress-list", "policy-overview", "basic-plan"] as const;
export type BuiltinKind = (typeof BUILTIN_KINDS)[number];
export const SUMMARY_KINDS = ["tier", "status", "grade"] as const;
export type SummaryKind = (typeof SUMMARY_KINDS)[number];
export const YEAR_STYLES = ["org", "wareki", "wareki-short", "western", "both"] as const;

const columnRef = z
  .string()
  .trim()
  .refine(
    (s) => (COLUMN_KEYS as readonly string[]).includes(s) || /^attr:.{1,60}$/u.test(s),
    "表示できない列です",
  ) as unknown as z.ZodType<ColumnRef>;

const optionalText = z
  .string()
  .trim()
  .max(200)
  .transform((s) => (s === "" ? null : s))
  .nullable()
  .default(null);

export const layoutSchema = z.object({
  kind: z.enum(["builtin", "custom"]),
  builtin: z.enum(BUILTIN_KINDS).nullable().default(null),
  name: z.string().trim().min(1, "レイアウト名を入力してください").max(100, "レイアウト名は100文字以内です"),
  /** the report's printed title; the plan title when empty */
  title: optionalText,
  columns: z.array(columnRef).max(30, "列は30までです").default([]),
  /** tree levels (0-based) printed as category rows above the items; null = no category rows */
  groupLevels: z.number().int().min(0).max(6).nullable().default(null),
  summaries: z.array(z.enum(SUMMARY_KINDS)).default([]),
  filters: z
    .object({ department: optionalText, tier: optionalText, status: optionalText })
    .default({ department: null, tier: null, status: null }),
  showAsOf: z.boolean().default(true),
  showLegend: z.boolean().default(true),
  yearStyle: z.enum(YEAR_STYLES).default("org"),
});
export type Layout = z.infer<typeof layoutSchema>;

/** A layout with its identity: a built-in one (`builtin-progress-list`) or a saved one (uuid, with its version). */
export type LayoutRecord = { id: string; version: number; builtin: boolean; layout: Layout };

export const BUILTIN_LAYOUTS: readonly LayoutRecord[] = [
  {
    id: "builtin-progress-list",
    version: 0,
    builtin: true,
    // city-guideline-progress-list.txt: 【達成状況】 then No / 内容 / 重点 / 施策の実施 / 実績 / 2期案 / 理由
    layout: layoutSchema.parse({
      kind: "builtin",
      builtin: "progress-list",
      name: "具体施策の進捗状況一覧",
      columns: ["label", "title", "tier", "status", "result", "nextTerm", "nextReason"],
      groupLevels: 2,
      summaries: ["tier"],
    }),
  },
  {
    id: "builtin-policy-overview",
    version: 0,
    builtin: true,
    // pref-policy-overview-fy2010.txt: 施策の目的, 数値目標, 現状と課題, 取組方向, 主な事業と予算額
    layout: layoutSchema.parse({ kind: "builtin", builtin: "policy-overview", name: "施策別概要" }),
  },
  {
    id: "builtin-basic-plan",
    version: 0,
    builtin: true,
    // pref-basic-plan-2013.txt: cover, 策定経緯, chapters with the policy tree in the 施策の展開方向 chapter
    layout: layoutSchema.parse({ kind: "builtin", builtin: "basic-plan", name: "基本計画書" }),
  },
];

export function builtinLayout(id: string): LayoutRecord | null {
  return BUILTIN_LAYOUTS.find((l) => l.id === id) ?? null;
}

/** The label a column prints in its header. */
export function columnLabel(c: ColumnRef): string {
  return c.startsWith("attr:") ? c.slice(5) : (COLUMN_LABELS[c as ColumnKey] ?? c);
}

export function isColumnKey(c: string): c is ColumnKey {
  return (COLUMN_KEYS as readonly string[]).includes(c);
}

/**
 * The designer's form → a layout to validate. Checkboxes arrive as `col.<key>`, the order as `order.<key>`
 * (smaller first), further fields as `attrs` (one name per line).
 */
export function layoutFromForm(form: Record<string, string>): unknown {
  const chosen = COLUMN_KEYS.filter((k) => form[`col.${k}`] === "on");
  const order = (k: string) => {
    const n = Number(form[`order.${k}`]);
    return Number.isFinite(n) && form[`order.${k}`]?.trim() ? n : 1000 + COLUMN_KEYS.indexOf(k as ColumnKey);
  };
  const attrs = (form.attrs ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => `attr:${s}`);
  const columns = [...[...chosen].sort((a, b) => order(a) - order(b)), ...attrs];
  const level = form.groupLevels?.trim() ?? "";
  return {
    kind: "custom",
    builtin: null,
    name: form.name ?? "",
    title: form.title ?? "",
    columns,
    groupLevels: level === "" ? null : /^\d$/.test(level) ? Number(level) : -1,
    summaries: SUMMARY_KINDS.filter((s) => form[`summary.${s}`] === "on"),
    filters: { department: form.department ?? "", tier: form.tier ?? "", status: form.status ?? "" },
    showAsOf: form.showAsOf === "on",
    showLegend: form.showLegend === "on",
    yearStyle: form.yearStyle || "org",
  };
}
