/**
 * Japanese eras (元号) from 明治 on, and conversions between era years and Western years.
 *
 * Start dates (Gregorian, Japan time), the first day of each era's 元年:
 * - 明治 1868-01-25: the 改元の詔 (1868-10-23) made the whole of 慶応4年 into 明治元年, so 明治元年
 *   begins on 慶応4年1月1日 (lunar) = 1868-01-25. Note: ICU 78 (Node 20.20) starts 明治 on 1868-10-23
 *   and labels earlier dates 慶応4年; both readings only matter before 1873, when Japan still used the
 *   lunar calendar (明治5年12月3日 became 明治6年1月1日 = 1873-01-01).
 * - 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08 (元号法, 平成元年政令第1号),
 *   令和 2019-05-01 (平成31年政令第143号). These four match ICU's Japanese calendar; era.test.ts checks
 *   the table against `Intl.DateTimeFormat('ja-JP-u-ca-japanese')` day by day from 1873, so a future
 *   ICU with a new era makes that test fail until this table is updated.
 */

/** The eras the kernel knows, oldest first. */
export type EraName = "明治" | "大正" | "昭和" | "平成" | "令和";

/** One era with its one-letter abbreviation (H18, R3) and its first day. */
export interface Era {
  readonly name: EraName;
  readonly letter: "M" | "T" | "S" | "H" | "R";
  readonly start: { readonly year: number; readonly month: number; readonly day: number };
}

/** All eras, oldest first. @example ERAS.at(-1)?.name // "令和" */
export const ERAS: readonly Era[] = [
  { name: "明治", letter: "M", start: { year: 1868, month: 1, day: 25 } },
  { name: "大正", letter: "T", start: { year: 1912, month: 7, day: 30 } },
  { name: "昭和", letter: "S", start: { year: 1926, month: 12, day: 25 } },
  { name: "平成", letter: "H", start: { year: 1989, month: 1, day: 8 } },
  { name: "令和", letter: "R", start: { year: 2019, month: 5, day: 1 } },
];

/** The oldest era (明治). */
const FIRST_ERA = ERAS[0]!;

/**
 * Finds an era by its name or one-letter abbreviation (case-insensitive; ㍻-style ligatures should
 * be NFKC-normalised by the caller). @example findEra("H")?.name // "平成"
 */
export function findEra(nameOrLetter: string): Era | undefined {
  const key = nameOrLetter.trim();
  const upper = key.toUpperCase();
  return ERAS.find((e) => e.name === key || e.letter === upper);
}

/** The era that follows `era`, if any. */
export function nextEra(era: Era): Era | undefined {
  const i = ERAS.indexOf(era);
  return i >= 0 ? ERAS[i + 1] : undefined;
}

/** Compares two (year, month, day) triples. */
export function compareYmd(
  a: readonly [number, number, number],
  b: readonly [number, number, number],
): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function startTriple(era: Era): [number, number, number] {
  return [era.start.year, era.start.month, era.start.day];
}

/**
 * The era in force on a given day, or undefined before 明治.
 * @example eraOfDate(2019, 4, 30)?.name // "平成"; eraOfDate(2019, 5, 1)?.name // "令和"
 */
export function eraOfDate(year: number, month: number, day: number): Era | undefined {
  let found: Era | undefined;
  for (const era of ERAS) {
    if (compareYmd([year, month, day], startTriple(era)) >= 0) found = era;
  }
  return found;
}

/** The Western year of an era year: 平成1 → 1989, 令和6 → 2024. @example westernYear(findEra("令和")!, 6) // 2024 */
export function westernYear(era: Era, eraYear: number): number {
  return era.start.year + eraYear - 1;
}

/** The era year of a Western year within an era: (令和, 2024) → 6. */
export function eraYear(era: Era, western: number): number {
  return western - era.start.year + 1;
}

/**
 * The last day of an era (the day before the next era starts), or undefined for the current era.
 * @example lastDayOfEra(findEra("平成")!) // { year: 2019, month: 4, day: 30 }
 */
export function lastDayOfEra(era: Era): { year: number; month: number; day: number } | undefined {
  const next = nextEra(era);
  if (!next) return undefined;
  const d = new Date(Date.UTC(next.start.year, next.start.month - 1, next.start.day - 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The last era year that has any day in the era: 昭和 → 64, 平成 → 31; undefined for 令和. */
export function lastEraYear(era: Era): number | undefined {
  const last = lastDayOfEra(era);
  return last ? eraYear(era, last.year) : undefined;
}

/** Writes an era start or end day for a message: 1989年1月8日. */
export function formatYmdJa(d: { year: number; month: number; day: number }): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

/** True when the Western year is before 明治元年. */
export function isBeforeMeiji(year: number): boolean {
  return year < FIRST_ERA.start.year;
}

/**
 * A sentence describing an era's span, for error messages.
 * @example eraSpanJa(findEra("平成")!) // "平成は1989年1月8日から2019年4月30日まで"
 */
export function eraSpanJa(era: Era): string {
  const last = lastDayOfEra(era);
  return last
    ? `${era.name}は${formatYmdJa(era.start)}から${formatYmdJa(last)}まで`
    : `${era.name}は${formatYmdJa(era.start)}から`;
}
