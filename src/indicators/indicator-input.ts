/**
 * What a clerk types into the indicator and budget forms, validated with zod and read with the Japanese kernel
 * (`1,931団体`, `１９３１`, `H18年度`). Pure: errors come back keyed by field (`values.2.actual`), in Japanese.
 */
import { z } from "zod";
import { formatFiscalYear, parseFiscalYear } from "../japanese/index.js";
import type { FieldErrors } from "../plans/plan-use-case.js";
import { zodErrors } from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import type { Direction } from "./achievement.js";
import {
  BUDGET_UNIT,
  type BudgetAmount,
  INDICATOR_ROLES,
  type IndicatorRole,
  type IndicatorValue,
  parseIndicatorValue,
  sameUnit,
  valueYearWindow,
  yearInWindow,
} from "./indicator.js";
import { formatLiveSource, LIVE_UNITS, liveSourceChoices, parseLiveSource } from "./live-source.js";

const optional = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what}は${max}文字以内で入力してください`)
    .transform((v) => (v === "" ? null : v));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nodeRef = z
  .string()
  .trim()
  .refine((v) => v === "" || UUID.test(v), "項目を一覧から選んでください")
  .transform((v) => (v === "" ? null : v));

/** One row of the year table in a form: the year as typed (H22年度, 2010) and the values as typed. */
const valueRow = z.object({
  year: z.string().default(""),
  target: z.string().default(""),
  actual: z.string().default(""),
  note: z.string().max(500, "備考は500文字以内で入力してください").default(""),
});
export type ValueRowInput = z.input<typeof valueRow>;

export const indicatorFormSchema = z.object({
  nodeId: nodeRef,
  role: z.enum(INDICATOR_ROLES, { message: "区分（主指標・副指標・統計）を選んでください" }),
  name: z
    .string()
    .trim()
    .min(1, "指標名を入力してください")
    .max(200, "指標名は200文字以内で入力してください"),
  unit: optional(10, "単位"),
  definition: optional(2000, "指標の説明"),
  direction: z
    .enum(["up", "down", ""], { message: "目標の向きを選んでください" })
    .transform((v) => (v === "" ? null : (v as Direction))),
  baselineYear: z.string().trim().default(""),
  sourceNote: optional(200, "出典"),
  liveSource: z
    .string()
    .default("")
    .refine((v) => liveSourceChoices().includes(v), "自動集計の対象を一覧から選んでください")
    .transform((v) => (v === "" ? null : v)),
  values: z.array(valueRow).max(60, "年度は60行までです"),
});
export type IndicatorFormInput = z.input<typeof indicatorFormSchema>;

export type IndicatorFields = {
  nodeId: string | null;
  role: IndicatorRole;
  name: string;
  unit: string | null;
  definition: string | null;
  direction: Direction | null;
  baselineYear: number | null;
  sourceNote: string | null;
  /** the registry count the actuals are computed from (live-source.ts), or null */
  liveSource: string | null;
};

type Plan = { firstYear: number | null; lastYear: number | null };

function windowText(w: { from: number | null; to: number | null }): string {
  const f = (y: number | null) => (y === null ? "" : formatFiscalYear(y, "wareki"));
  return `${f(w.from)}〜${f(w.to)}`;
}

/** Reads a fiscal year as typed: 2010, ２０１０, H22, 平成22年度, 令和元年度. Blank → null. */
export function readYear(text: string): { ok: true; value: number | null } | { ok: false; reason: string } {
  if (text.trim() === "") return { ok: true, value: null };
  const r = parseFiscalYear(text);
  return r.ok ? { ok: true, value: r.value } : { ok: false, reason: r.reason };
}

/**
 * The indicator form as fields and values, or the field messages. A row whose target, actual and note are all
 * blank is left out; a statistic has no targets; every year lies in the window valueYearWindow states.
 * A live indicator (bound to a registry count) takes no typed actual: its unit is the count's (blank → filled
 * in), and the years in `frozen` (year → stored actual) keep their frozen actual whatever was typed.
 */
export function parseIndicatorForm(
  input: unknown,
  plan: Plan,
  frozen: ReadonlyMap<number, number | null> = new Map(),
): { ok: true; fields: IndicatorFields; values: IndicatorValue[] } | { ok: false; errors: FieldErrors } {
  const parsed = indicatorFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const f = parsed.data;
  const errors: FieldErrors = {};
  const live = parseLiveSource(f.liveSource);
  if (live) {
    const unit = LIVE_UNITS[live.kind];
    if (f.unit === null) f.unit = unit;
    else if (!sameUnit(f.unit, unit)) errors.unit = m.indicators.errors.liveUnit(unit);
  }
  const baseline = readYear(f.baselineYear);
  if (!baseline.ok) errors.baselineYear = baseline.reason;
  const baselineYear = baseline.ok ? baseline.value : null;
  if (f.role !== "statistic" && f.direction === null) errors.direction = "目標の向きを選んでください";
  const window = valueYearWindow(plan, { role: f.role, baselineYear });
  const values: IndicatorValue[] = [];
  const seen = new Set<number>();
  f.values.forEach((row, i) => {
    if (row.target.trim() === "" && row.actual.trim() === "" && row.note.trim() === "") return;
    const year = readYear(row.year);
    if (!year.ok) {
      errors[`values.${i}.year`] = year.reason;
      return;
    }
    if (year.value === null) {
      errors[`values.${i}.year`] = "年度を入力してください（例: 2024、令和6年度）";
      return;
    }
    if (!yearInWindow(year.value, window)) {
      errors[`values.${i}.year`] = `計画の期間（${windowText(window!)}）の外の年度です`;
      return;
    }
    if (seen.has(year.value)) {
      errors[`values.${i}.year`] = `${formatFiscalYear(year.value, "wareki")}が2回入力されています`;
      return;
    }
    seen.add(year.value);
    const target = parseIndicatorValue(row.target, f.unit);
    const actual = parseIndicatorValue(row.actual, f.unit);
    if (!target.ok) errors[`values.${i}.target`] = target.reason;
    else if (f.role === "statistic" && target.value !== null)
      errors[`values.${i}.target`] = "統計には目標値を入力できません（実績値だけを入力してください）";
    if (!actual.ok) errors[`values.${i}.actual`] = actual.reason;
    else if (live && !frozen.has(year.value) && actual.value !== null)
      errors[`values.${i}.actual`] = m.indicators.errors.liveActual;
    if (target.ok && actual.ok)
      values.push({
        fiscalYear: year.value,
        target: target.value,
        actual: live ? (frozen.get(year.value) ?? null) : actual.value,
        note: row.note.trim() || null,
      });
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  values.sort((a, b) => a.fiscalYear - b.fiscalYear);
  return {
    ok: true,
    fields: {
      nodeId: f.nodeId,
      role: f.role,
      name: f.name,
      unit: f.unit,
      definition: f.definition,
      direction: f.direction,
      baselineYear,
      sourceNote: f.sourceNote,
      liveSource: live ? formatLiveSource(live) : null,
    },
    values,
  };
}

const amountRow = z.object({ year: z.string().default(""), amount: z.string().default("") });

export const budgetFormSchema = z.object({
  nodeId: nodeRef,
  name: z
    .string()
    .trim()
    .min(1, "事業名を入力してください")
    .max(200, "事業名は200文字以内で入力してください"),
  servesLabel: optional(200, "基本事業"),
  summary: optional(2000, "事業概要"),
  amounts: z.array(amountRow).max(60, "年度は60行までです"),
});
export type BudgetFormInput = z.input<typeof budgetFormSchema>;
export type BudgetFields = {
  nodeId: string | null;
  name: string;
  servesLabel: string | null;
  summary: string | null;
};

/**
 * The years a budget may be entered for: the plan's period and the year before it, which budget overviews print
 * beside the current year for comparison (`(21) 3,011千円 (22) 2,612千円` in the fiscal-2010 overview).
 */
export function budgetYearWindow(plan: Plan): { from: number | null; to: number | null } | null {
  if (plan.firstYear === null && plan.lastYear === null) return null;
  return { from: plan.firstYear === null ? null : plan.firstYear - 1, to: plan.lastYear };
}

/** The budget line form as fields and amounts (thousand yen), or the field messages. Blank rows are left out. */
export function parseBudgetForm(
  input: unknown,
  plan: Plan,
): { ok: true; fields: BudgetFields; amounts: BudgetAmount[] } | { ok: false; errors: FieldErrors } {
  const parsed = budgetFormSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error) };
  const f = parsed.data;
  const errors: FieldErrors = {};
  const window = budgetYearWindow(plan);
  const amounts: BudgetAmount[] = [];
  const seen = new Set<number>();
  f.amounts.forEach((row, i) => {
    if (row.year.trim() === "" && row.amount.trim() === "") return;
    const year = readYear(row.year);
    if (!year.ok || year.value === null) {
      errors[`amounts.${i}.year`] = year.ok ? "年度を入力してください（例: 2024、令和6年度）" : year.reason;
      return;
    }
    if (!yearInWindow(year.value, window)) {
      errors[`amounts.${i}.year`] = `計画の期間（${windowText(window!)}）の外の年度です`;
      return;
    }
    if (seen.has(year.value)) {
      errors[`amounts.${i}.year`] = `${formatFiscalYear(year.value, "wareki")}が2回入力されています`;
      return;
    }
    seen.add(year.value);
    const amount = parseIndicatorValue(row.amount, BUDGET_UNIT);
    if (!amount.ok) errors[`amounts.${i}.amount`] = amount.reason;
    else amounts.push({ fiscalYear: year.value, amount: amount.value });
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  amounts.sort((a, b) => a.fiscalYear - b.fiscalYear);
  return {
    ok: true,
    fields: { nodeId: f.nodeId, name: f.name, servesLabel: f.servesLabel, summary: f.summary },
    amounts,
  };
}
