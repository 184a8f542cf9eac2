/**
 * Calendar dates and year-months written in 和暦 or Western style → ISO values, and back.
 */
import { nfkc, quote, readInt } from "./chars.js";
import {
  compareYmd,
  type Era,
  eraOfDate,
  eraSpanJa,
  eraYear,
  findEra,
  lastDayOfEra,
  westernYear,
} from "./era.js";
import { MAX_YEAR, MIN_YEAR, type YearFormatOptions, type YearStyle } from "./fiscal-year.js";
import { err, ok, type Result } from "./result.js";

/** A calendar month (plan revision histories: 平成15年3月 策定). */
export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

const ERA = "(明治|大正|昭和|平成|令和|[MTSHRmtshr])";
const N = "(元|\\d{1,4}|[〇一二三四五六七八九十百千]+)";
const M = "(\\d{1,2}|[〇一二三四五六七八九十]+)";
const D = "(\\d{1,2}|[〇一二三四五六七八九十]+|末)";
const SEP = "[./-]";

/** Forms of a full date. Groups: era, eraYear | west, month, day. */
const DATE_FORMS: readonly { re: RegExp; kind: "era" | "west" | "both" }[] = [
  { re: new RegExp(`^${ERA}${N}年${M}月${D}日?$`), kind: "era" },
  { re: new RegExp(`^${ERA}${N}${SEP}${M}${SEP}${D}$`), kind: "era" },
  { re: new RegExp(`^(\\d{4})年${M}月${D}日?$`), kind: "west" },
  { re: new RegExp(`^(\\d{4})${SEP}${M}${SEP}${D}$`), kind: "west" },
  { re: /^(\d{4})(\d{2})(\d{2})$/, kind: "west" },
  { re: new RegExp(`^(\\d{4})\\(${ERA}${N}\\)年${M}月${D}日?$`), kind: "both" },
];

const MONTH_FORMS: readonly { re: RegExp; kind: "era" | "west" | "both" }[] = [
  { re: new RegExp(`^${ERA}${N}年${M}月$`), kind: "era" },
  { re: new RegExp(`^${ERA}${N}${SEP}${M}$`), kind: "era" },
  { re: new RegExp(`^(\\d{4})年${M}月$`), kind: "west" },
  { re: new RegExp(`^(\\d{4})${SEP}${M}$`), kind: "west" },
  { re: new RegExp(`^(\\d{4})\\(${ERA}${N}\\)年${M}月$`), kind: "both" },
];

const WEEKDAYS = "日月火水木金土";

/** Days in a month of the proleptic Gregorian calendar. @example daysInMonth(2024, 2) // 29 */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** Writes an ISO date (yyyy-mm-dd). */
export function toIsoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

function prepare(input: string): { s: string; weekday: string | null } {
  let s = nfkc(input).replace(/\s+/g, "");
  // Trailing "時点", "現在", "付け"/"付" as in 平成26年12月末日時点, ※12月20日現在.
  s = s.replace(/^※/, "").replace(/(時点|現在|付け|付)$/, "");
  let weekday: string | null = null;
  const w = /\(([日月火水木金土])(?:曜日?)?\)$/.exec(s);
  if (w) {
    weekday = w[1]!;
    s = s.slice(0, w.index);
  }
  return { s, weekday };
}

interface YearParts {
  readonly year: number;
  readonly era?: Era;
}

/** Resolves the year part of a match into a Western year (and the era used, if any). */
function resolveYear(input: string, kind: "era" | "west" | "both", g: readonly string[]): Result<YearParts> {
  if (kind === "west") {
    const y = Number(g[0]);
    return ok({ year: y });
  }
  const eraIdx = kind === "era" ? 0 : 1;
  const era = findEra(g[eraIdx]!)!;
  const n = g[eraIdx + 1] === "元" ? 1 : readInt(g[eraIdx + 1]!);
  if (n === null) return err(`${quote(input)}の年を数字として読めません`);
  if (n < 1) return err(`${quote(input)}は存在しない日付です（${era.name}は元年（1年）から数えます）`);
  const year = westernYear(era, n);
  if (kind === "both" && Number(g[0]) !== year) {
    return err(`${quote(input)}は西暦と和暦が合いません（${era.name}${n}年は${year}年）`);
  }
  return ok({ year, era });
}

function checkYearRange(input: string, year: number): Result<true> {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return err(`${quote(input)}は扱える範囲外の日付です（${MIN_YEAR}年から${MAX_YEAR}年まで）`);
  }
  return ok(true);
}

/**
 * Reads a date written as 令和5年12月20日, 平成26年12月末日 (末日 = last day of the month), R5.12.20,
 * 2023/12/20, 2023-12-20, 2023年12月20日, 20231220 or 2023（令和5）年12月20日, with full-width or
 * kanji digits, PDF spacing, a trailing 時点/現在 and a weekday in brackets (checked). Returns an
 * ISO date. A 和暦 date must lie inside its era (平成31年5月1日 does not exist). Never throws.
 *
 * @example
 * parseJapaneseDate("令和5年12月20日")    // { ok: true, value: "2023-12-20" }
 * parseJapaneseDate("平成26年12月末日時点") // { ok: true, value: "2014-12-31" }
 * parseJapaneseDate("令和5年2月30日")     // { ok: false, reason: "「令和5年2月30日」は存在しない日付です（2023年2月は28日まで）" }
 */
export function parseJapaneseDate(input: string): Result<string> {
  const { s, weekday } = prepare(input);
  if (s === "") return err("日付が空です");
  for (const form of DATE_FORMS) {
    const m = form.re.exec(s);
    if (!m) continue;
    const g = m.slice(1) as string[];
    const yr = resolveYear(input, form.kind, g);
    if (!yr.ok) return yr;
    const { year, era } = yr.value;
    const range = checkYearRange(input, year);
    if (!range.ok) return range;
    const month = readInt(g.at(-2)!);
    if (month === null || month < 1 || month > 12)
      return err(`${quote(input)}の月が正しくありません（1月から12月まで）`);
    const last = daysInMonth(year, month);
    const dayToken = g.at(-1)!;
    const day = dayToken === "末" ? last : readInt(dayToken);
    if (day === null || day < 1) return err(`${quote(input)}の日が正しくありません`);
    if (day > last) return err(`${quote(input)}は存在しない日付です（${year}年${month}月は${last}日まで）`);
    if (era) {
      const inEra = eraOfDate(year, month, day);
      if (inEra !== era) return err(`${quote(input)}は${era.name}の期間外の日付です（${eraSpanJa(era)}）`);
    }
    if (weekday !== null) {
      const actual = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
      if (actual !== weekday) {
        return err(`${quote(input)}の曜日が合いません（${year}年${month}月${day}日は${actual}曜日）`);
      }
    }
    return ok(toIsoDate(year, month, day));
  }
  if (/^\d{1,2}月\d{1,2}日$/.test(s)) return err(`${quote(input)}には年がありません（例: 令和5年12月20日）`);
  return err(`${quote(input)}を日付として読めません（例: 令和5年12月20日、2023/12/20）`);
}

/**
 * Reads a year-month such as 平成15年3月, H15.3, 2003年3月, 2003/03 or 2003（平成15）年3月. A 和暦
 * month must overlap its era (平成31年4月 exists, 平成31年5月 does not; 昭和64年1月 and 平成元年1月
 * both exist). Never throws.
 *
 * @example parseJapaneseMonth("平成15年3月") // { ok: true, value: { year: 2003, month: 3 } }
 */
export function parseJapaneseMonth(input: string): Result<YearMonth> {
  const { s } = prepare(input);
  if (s === "") return err("年月が空です");
  for (const form of MONTH_FORMS) {
    const m = form.re.exec(s);
    if (!m) continue;
    const g = m.slice(1) as string[];
    const yr = resolveYear(input, form.kind, g);
    if (!yr.ok) return yr;
    const { year, era } = yr.value;
    const range = checkYearRange(input, year);
    if (!range.ok) return range;
    const month = readInt(g.at(-1)!);
    if (month === null || month < 1 || month > 12)
      return err(`${quote(input)}の月が正しくありません（1月から12月まで）`);
    if (era && !monthOverlapsEra(era, year, month)) {
      return err(`${quote(input)}は${era.name}の期間外の年月です（${eraSpanJa(era)}）`);
    }
    return ok({ year, month });
  }
  return err(`${quote(input)}を年月として読めません（例: 平成15年3月、2003年3月）`);
}

function monthOverlapsEra(era: Era, year: number, month: number): boolean {
  const first: [number, number, number] = [year, month, 1];
  const last: [number, number, number] = [year, month, daysInMonth(year, month)];
  const s = era.start;
  if (compareYmd(last, [s.year, s.month, s.day]) < 0) return false;
  const end = lastDayOfEra(era);
  return !end || compareYmd(first, [end.year, end.month, end.day]) <= 0;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function warekiOf(year: number, month: number, day: number): { era: Era; year: number } | undefined {
  const era = eraOfDate(year, month, day);
  return era ? { era, year: eraYear(era, year) } : undefined;
}

/** ICU's Japanese calendar; Asia/Tokyo so a UTC server does not shift the day (see notes/ecosystem.md 3.1). */
const intlWareki = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  timeZone: "Asia/Tokyo",
});

/**
 * The era name and year for a date, from ICU where it knows the era (from 1873; before that ICU
 * counts 慶応 until 1868-10-23), else from the kernel's table.
 */
function intlEraYear(year: number, month: number, day: number): { name: string; year: number } | undefined {
  const table = warekiOf(year, month, day);
  if (!table) return undefined;
  if (year < 1873) return { name: table.era.name, year: table.year };
  // Noon JST on that day; Date.UTC handles years < 100 differently, but our range starts at 1868.
  const parts = intlWareki.formatToParts(new Date(Date.UTC(year, month - 1, day, 3)));
  const eraName = parts.find((p) => p.type === "era")?.value;
  const y = parts.find((p) => p.type === "year")?.value;
  if (!eraName || !y) return { name: table.era.name, year: table.year };
  return { name: eraName, year: y === "元" ? 1 : Number(y) };
}

/**
 * Writes an ISO date in an organisation's style: 令和5年12月20日 | R5.12.20 | 2023年12月20日 |
 * 2023（令和5）年12月20日. The 和暦 comes from Node's Intl Japanese calendar. An input that is not a
 * valid ISO date is returned unchanged (formatters never throw).
 *
 * @example formatJapaneseDate("2019-05-01", "wareki") // "令和元年5月1日"
 */
export function formatJapaneseDate(
  iso: string,
  style: YearStyle,
  options: Pick<YearFormatOptions, "gannen"> = {},
): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return iso;
  const western = `${year}年${month}月${day}日`;
  if (style === "western") return western;
  const w = intlEraYear(year, month, day);
  if (!w) return western;
  const gannen = options.gannen ?? true;
  const yText = w.year === 1 && gannen ? "元" : String(w.year);
  const letter = findEra(w.name)?.letter ?? w.name;
  switch (style) {
    case "wareki":
      return `${w.name}${yText}年${month}月${day}日`;
    case "wareki-short":
      return `${letter}${w.year}.${month}.${day}`;
    case "both":
      return `${year}（${w.name}${yText}）年${month}月${day}日`;
    default:
      return western;
  }
}

/**
 * Writes a year-month: 平成15年3月 | H15.3 | 2003年3月 | 2003（平成15）年3月. A month in which an era
 * begins (1989-01, 2019-05) takes the era in force on its last day. An invalid value is written as
 * `yyyy-mm` without era.
 *
 * @example formatJapaneseMonth({ year: 2003, month: 3 }, "wareki") // "平成15年3月"
 */
export function formatJapaneseMonth(
  ym: YearMonth,
  style: YearStyle,
  options: Pick<YearFormatOptions, "gannen"> = {},
): string {
  const { year, month } = ym;
  if (!Number.isSafeInteger(year) || !Number.isSafeInteger(month) || month < 1 || month > 12) {
    return `${year}-${month}`;
  }
  const western = `${year}年${month}月`;
  if (style === "western") return western;
  const w = warekiOf(year, month, daysInMonth(year, month));
  if (!w) return western;
  const gannen = options.gannen ?? true;
  const yText = w.year === 1 && gannen ? "元" : String(w.year);
  switch (style) {
    case "wareki":
      return `${w.era.name}${yText}年${month}月`;
    case "wareki-short":
      return `${w.era.letter}${w.year}.${month}`;
    case "both":
      return `${year}（${w.era.name}${yText}）年${month}月`;
    default:
      return western;
  }
}

/**
 * The fiscal year (April–March) that contains a date.
 * @example fiscalYearOfDate("2024-03-31") // { ok: true, value: 2023 }
 */
export function fiscalYearOfDate(isoOrJapanese: string): Result<number> {
  const d = parseJapaneseDate(isoOrJapanese);
  if (!d.ok) return d;
  const [y, mo] = d.value.split("-").map(Number) as [number, number];
  return ok(mo >= 4 ? y : y - 1);
}

/**
 * The first and last day of a fiscal year.
 * @example fiscalYearRange(2024) // { start: "2024-04-01", end: "2025-03-31" }
 */
export function fiscalYearRange(fy: number): { start: string; end: string } {
  return { start: toIsoDate(fy, 4, 1), end: toIsoDate(fy + 1, 3, 31) };
}

const TOKYO_DAY = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today in Japan (Asia/Tokyo), as YYYY-MM-DD: the date a clerk means by "today". */
export function todayInJapan(now: Date = new Date()): string {
  return TOKYO_DAY.format(now);
}
