/**
 * Achievement of indicators and totals of budgets: computed from the values, never typed or stored.
 * Absent values (`-` or blank in the documents) are `null` and never become zero.
 */
export type Direction = "up" | "down";

export type YearValue = { fiscalYear: number; target: number | null; actual: number | null };

export type YearAchievement = {
  fiscalYear: number;
  target: number | null;
  actual: number | null;
  /** actual against the year's target, in percent, or null when either is absent */
  rate: number | null;
  state: "achieved" | "not-achieved" | "no-target" | "no-actual";
};

/**
 * Rate against the year's target in percent.
 * up (higher is better): actual ÷ target × 100; down (lower is better): target ÷ actual × 100.
 * @example achievementRate(1700, 1931, "up") // 113.58…
 */
export function achievementRate(
  target: number | null,
  actual: number | null,
  direction: Direction,
): number | null {
  if (target === null || actual === null) return null;
  if (direction === "up") return target === 0 ? null : (actual / target) * 100;
  if (actual === 0) return target === 0 ? 100 : null;
  return (target / actual) * 100;
}

/** Whether the actual meets the target, in the indicator's direction. */
export function meetsTarget(target: number, actual: number, direction: Direction): boolean {
  return direction === "up" ? actual >= target : actual <= target;
}

export function yearAchievements(values: readonly YearValue[], direction: Direction): YearAchievement[] {
  return [...values]
    .sort((a, b) => a.fiscalYear - b.fiscalYear)
    .map((v) => ({
      fiscalYear: v.fiscalYear,
      target: v.target,
      actual: v.actual,
      rate: achievementRate(v.target, v.actual, direction),
      state:
        v.target === null
          ? "no-target"
          : v.actual === null
            ? "no-actual"
            : meetsTarget(v.target, v.actual, direction)
              ? "achieved"
              : "not-achieved",
    }));
}

export type BaselineProgress = {
  baselineYear: number;
  baseline: number;
  finalYear: number;
  finalTarget: number;
  latestYear: number;
  latest: number;
  /** (latest − baseline) ÷ (final target − baseline) × 100 */
  percent: number;
};

/**
 * Progress from the baseline to the final target: (latest actual − baseline) ÷ (final target − baseline) × 100.
 * The baseline is the actual of `baselineYear` (or the first year with an actual); the final target is the
 * target of the last year that has one. Null when any of the three is missing or the target equals the baseline.
 * @example NPO数: baseline H18 1,522, final target H22 2,140, latest H20 1,931 → 66.2 %
 */
export function progressFromBaseline(
  values: readonly YearValue[],
  baselineYear: number | null,
): BaselineProgress | null {
  const sorted = [...values].sort((a, b) => a.fiscalYear - b.fiscalYear);
  const base =
    baselineYear !== null
      ? sorted.find((v) => v.fiscalYear === baselineYear)
      : sorted.find((v) => v.actual !== null);
  if (!base || base.actual === null) return null;
  const final = [...sorted].reverse().find((v) => v.target !== null);
  const latest = [...sorted].reverse().find((v) => v.actual !== null && v.fiscalYear > base.fiscalYear);
  if (!final || final.target === null || !latest || latest.actual === null) return null;
  if (final.target === base.actual) return null;
  return {
    baselineYear: base.fiscalYear,
    baseline: base.actual,
    finalYear: final.fiscalYear,
    finalTarget: final.target,
    latestYear: latest.fiscalYear,
    latest: latest.actual,
    percent: ((latest.actual - base.actual) / (final.target - base.actual)) * 100,
  };
}

/** Sum of present amounts; null when every amount is absent (a column of `-` totals to `-`, not 0). */
export function sumPresent(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null) total = (total ?? 0) + v;
  return total;
}

export type BudgetLine = { name: string; amounts: { fiscalYear: number; amount: number | null }[] };

/** Totals of budget lines per fiscal year and per line (thousand yen), absent stays absent. */
export function budgetTotals(lines: readonly BudgetLine[]): {
  years: number[];
  perYear: Map<number, number | null>;
  perLine: (number | null)[];
  grand: number | null;
} {
  const years = [...new Set(lines.flatMap((l) => l.amounts.map((a) => a.fiscalYear)))].sort((a, b) => a - b);
  const perYear = new Map<number, number | null>();
  for (const y of years) {
    perYear.set(
      y,
      sumPresent(lines.flatMap((l) => l.amounts.filter((a) => a.fiscalYear === y).map((a) => a.amount))),
    );
  }
  const perLine = lines.map((l) => sumPresent(l.amounts.map((a) => a.amount)));
  return { years, perYear, perLine, grand: sumPresent(perLine) };
}
