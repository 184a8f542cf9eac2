/**
 * Indicators and budget lines: types and pure rules (no SQL, no HTTP, no I/O).
 * Achievement and totals are computed in achievement.ts from these values and never stored.
 */
import { parseQuantity } from "../japanese/index.js";
import type { BudgetDef, IndicatorDef, PlanDocument } from "../plans/plan-document.js";
import { achievementRate, type Direction } from "./achievement.js";

export const INDICATOR_ROLES = ["main", "sub", "statistic"] as const;
const nfkc = (s: string) => s.normalize("NFKC");

export type IndicatorRole = (typeof INDICATOR_ROLES)[number];

export type IndicatorValue = {
  fiscalYear: number;
  /** null: absent (`-` in the documents), never zero */
  target: number | null;
  actual: number | null;
  note: string | null;
};

export type Indicator = {
  id: string;
  orgId: string;
  planId: string;
  nodeId: string | null;
  role: IndicatorRole;
  name: string;
  unit: string | null;
  definition: string | null;
  direction: Direction | null;
  baselineYear: number | null;
  sourceNote: string | null;
  /** the registry count the actual is computed from (live-source.ts); null: actuals are typed */
  liveSource: string | null;
  position: number;
  version: number;
  /** ordered by fiscal year */
  values: IndicatorValue[];
  /** the years whose actual was frozen from the live count (who and when), ordered by fiscal year */
  frozen: FrozenActual[];
};

/** A live indicator's actual stored for good (when the year's report was published, or by hand). */
export type FrozenActual = { fiscalYear: number; at: Date; by: string | null };

export type BudgetAmount = { fiscalYear: number; amount: number | null };

export type BudgetLineRow = {
  id: string;
  orgId: string;
  planId: string;
  nodeId: string | null;
  name: string;
  servesLabel: string | null;
  summary: string | null;
  position: number;
  version: number;
  /** thousand yen (千円), ordered by fiscal year */
  amounts: BudgetAmount[];
};

/** The unit budgets are kept in, as the documents print them. */
export const BUDGET_UNIT = "千円";

/** Sorted distinct fiscal years of several series: the columns of a year table (H18年度 … H22年度). */
export function yearColumns(series: readonly { fiscalYear: number }[][]): number[] {
  return [...new Set(series.flat().map((v) => v.fiscalYear))].sort((a, b) => a - b);
}

/**
 * The fiscal years an indicator's values may be entered for: up to the plan's last year; from its baseline year
 * (or the plan's first year, whichever is earlier) for targeted indicators. Statistics (現状) describe the years
 * before the plan, so they have no lower bound. Null when the plan states no period.
 * @example valueYearWindow({ firstYear: 2010, lastYear: 2010 }, { role: "main", baselineYear: 2006 }) // { from: 2006, to: 2010 }
 */
export function valueYearWindow(
  plan: { firstYear: number | null; lastYear: number | null },
  indicator: { role: IndicatorRole; baselineYear: number | null },
): { from: number | null; to: number | null } | null {
  if (plan.firstYear === null && plan.lastYear === null) return null;
  const to = plan.lastYear;
  if (indicator.role === "statistic") return { from: null, to };
  const starts = [plan.firstYear, indicator.baselineYear].filter((y): y is number => y !== null);
  return { from: starts.length > 0 ? Math.min(...starts) : null, to };
}

export function yearInWindow(year: number, window: ReturnType<typeof valueYearWindow>): boolean {
  if (!window) return true;
  return (window.from === null || year >= window.from) && (window.to === null || year <= window.to);
}

/** Units that may hold a negative value (differences); every count, amount and rate is zero or more. */
const SIGNED_UNITS = new Set(["ポイント", "pt", "増減"]);

/** Same unit after width folding: `％` is `%`, `ｐｔ` is `pt`. */
export function sameUnit(a: string, b: string): boolean {
  return nfkc(a).trim() === nfkc(b).trim();
}

/**
 * Reads a value typed by a clerk in the indicator's unit: `1,931団体`, `１９３１`, `1931` → 1931; blank or `-` →
 * absent (null). Refuses a non-number, a different unit, a qualifier (以上, 約) and a negative count.
 * @example parseIndicatorValue("1,931団体", "団体") // { ok: true, value: 1931 }
 */
export function parseIndicatorValue(
  text: string,
  unit: string | null,
): { ok: true; value: number | null } | { ok: false; reason: string } {
  if (text.trim() === "") return { ok: true, value: null };
  const q = parseQuantity(text);
  if (!q.ok) return { ok: false, reason: q.reason };
  const { value, unit: written, qualifier } = q.value;
  if (written !== null && (unit === null || !sameUnit(written, unit))) {
    return {
      ok: false,
      reason:
        unit === null
          ? `単位「${written}」は付けずに数値だけを入力してください`
          : `単位が違います（この欄の単位は「${unit}」です）`,
    };
  }
  if (qualifier !== null)
    return { ok: false, reason: `「${qualifier}」は付けずに数値だけを入力してください` };
  if (value !== null && value < 0 && !(unit !== null && SIGNED_UNITS.has(nfkc(unit)))) {
    return { ok: false, reason: "マイナスの値は入力できません（件数・人数・金額などは0以上です）" };
  }
  return { ok: true, value };
}

export type DocumentProblem = { path: string; message: string };

/**
 * What the tables cannot hold of a document's indicators and budgets: two values for one year, and two indicators
 * (or projects) of the same name on the same item (re-imports match them by name within the item).
 */
export function checkIndicatorDefs(doc: Pick<PlanDocument, "indicators" | "budgets">): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const names = (list: readonly (IndicatorDef | BudgetDef)[], prefix: string, what: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      const k = matchKey(x.nodeKey, x.name);
      if (seen.has(k))
        problems.push({
          path: `${prefix}[${i}].name`,
          message: `同じ項目に${what}「${x.name}」が重複しています`,
        });
      seen.add(k);
    });
  };
  const years = (list: readonly { fiscalYear: number }[], path: string) => {
    const seen = new Set<number>();
    for (const v of list) {
      if (seen.has(v.fiscalYear)) problems.push({ path, message: `${v.fiscalYear}年度の値が重複しています` });
      seen.add(v.fiscalYear);
    }
  };
  names(doc.indicators, "indicators", "指標");
  names(doc.budgets, "budgets", "事業");
  for (const [i, x] of doc.indicators.entries()) years(x.values, `indicators[${i}].values`);
  for (const [i, x] of doc.budgets.entries()) years(x.amounts, `budgets[${i}].amounts`);
  return problems;
}

/** How a re-import recognises an indicator or a project: its item and its name (width-folded). */
export function matchKey(nodeKey: string | null, name: string): string {
  return `${nodeKey ?? ""}\u0000${nfkc(name).trim()}`;
}

/** Rounds a percentage for display: one decimal, as the reports print it (113.6%). */
export function formatPercent(p: number | null): string {
  if (p === null) return "-";
  return `${(Math.round(p * 10) / 10).toLocaleString("ja-JP", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** A value with its unit as the documents print it (1,931団体); absent → `-`. */
export function formatValue(v: number | null, unit: string | null): string {
  if (v === null) return "-";
  return `${v.toLocaleString("ja-JP", { maximumFractionDigits: 10 })}${unit ?? ""}`;
}

/**
 * One line per indicator for the plan page: the latest year with an actual (else the last year), its actual, target
 * and achievement rate, e.g. `主指標 NPOの数: 平成20年度 実績値 1,931団体／目標値 1,700団体（達成率 113.6%）`.
 */
export function compactSummary(
  x: Pick<Indicator, "role" | "name" | "unit" | "direction" | "values">,
  words: {
    role: string;
    actual: string;
    target: string;
    rate: string;
    yearLabel: (fy: number) => string;
    line: (role: string, name: string, year: string, values: string) => string;
  },
): string | null {
  const latest = [...x.values].reverse().find((v) => v.actual !== null) ?? x.values.at(-1);
  if (!latest) return null;
  const parts = [`${words.actual} ${formatValue(latest.actual, x.unit)}`];
  if (x.role !== "statistic") {
    parts.push(`${words.target} ${formatValue(latest.target, x.unit)}`);
    const rate =
      latest.target !== null && latest.actual !== null && x.direction
        ? achievementRate(latest.target, latest.actual, x.direction)
        : null;
    if (rate !== null)
      return words.line(
        words.role,
        x.name,
        words.yearLabel(latest.fiscalYear),
        `${parts.join("／")}（${words.rate} ${formatPercent(rate)}）`,
      );
  }
  return words.line(words.role, x.name, words.yearLabel(latest.fiscalYear), parts.join("／"));
}
