/**
 * Fiscal years (年度, April–March) in every spelling the reference documents use, stored as the
 * Western year in which the fiscal year starts (FY2024 = 2024-04-01 … 2025-03-31).
 */
import { nfkc, quote, readInt } from "./chars.js";
import { ERAS, type Era, type EraName, eraYear, findEra, nextEra, westernYear } from "./era.js";
import { err, ok, type Result } from "./result.js";

/** How a year is written: 令和6年度 | R6 | 2024年度 | 2024（令和6）年度. */
export type YearStyle = "wareki" | "wareki-short" | "western" | "both";

/**
 * Which era names a fiscal year that starts under one era and ends under the next (FY2019: April
 * 平成31年, from May 令和元年).
 * - `"new-era"` (default): the newest era whose 元年 is in or before the fiscal year's starting
 *   calendar year → FY2019 = 令和元年度, FY1989 = 平成元年度, FY1926 = 昭和元年度. This is how most
 *   bodies wrote FY2019 after 2019-05-01, and what Intl shows for December of that year.
 * - `"fy-start-era"`: the era in force on April 1 → FY2019 = 平成31年度, FY1926 = 大正15年度,
 *   FY1912 = 明治45年度 (the label used in budgets adopted before the era changed).
 * Parsing accepts both readings, so 平成31年度 and 令和元年度 are both 2019.
 */
export type EraRule = "new-era" | "fy-start-era";

/** Options for formatting a year. */
export interface YearFormatOptions {
  /** Era choice for a fiscal year that spans two eras. Default `"new-era"`. */
  readonly eraRule?: EraRule;
  /** Write the first year as 元 (令和元年度). Default true. Short style always uses digits (R1). */
  readonly gannen?: boolean;
}

/** Context for bare numbers such as `(21)` or the column headers `19 20 21`. */
export interface YearContext {
  /** The era that bare era years belong to (e.g. 平成 for a 2010 budget sheet). */
  readonly era?: EraName;
}

/** Smallest fiscal year the kernel accepts (明治元年度). */
export const MIN_YEAR = 1868;
/** Largest year the kernel accepts; anything later is treated as a typo. */
export const MAX_YEAR = 2999;

const ERA_TOKEN = "(明治|大正|昭和|平成|令和|[MTSHRmtshr])";
const NUM_TOKEN = "(元|\\d{1,4}|[〇一二三四五六七八九十百千]+)";
const SUFFIX = "(年度|年)?";

const RE_ERA = new RegExp(`^${ERA_TOKEN}${NUM_TOKEN}${SUFFIX}$`);
const RE_WEST_WITH_ERA = new RegExp(`^(\\d{4})\\(${ERA_TOKEN}${NUM_TOKEN}\\)${SUFFIX}$`);
const RE_ERA_WITH_WEST = new RegExp(`^${ERA_TOKEN}${NUM_TOKEN}\\((\\d{4})(?:年度|年)?\\)${SUFFIX}$`);
const RE_WEST = /^(?:FY|fy|Fy)?(\d{4}|[〇一二三四五六七八九]{4})(年度|年)?$/;
const RE_BARE = /^\(?(元|\d{1,2})\)?(年度|年)?$/;

/** The last 年度 that can carry an era's name: the fiscal year whose April 1 is still in the era. */
function lastFiscalEraYear(era: Era): number | undefined {
  const next = nextEra(era);
  if (!next) return undefined;
  const s = next.start;
  // April 1 of year s.year is inside `era` when the next era starts after April 1.
  const lastFy = s.month > 4 || (s.month === 4 && s.day > 1) ? s.year : s.year - 1;
  return eraYear(era, lastFy);
}

function eraNumber(token: string): number | null {
  return token === "元" ? 1 : readInt(token);
}

function fromEra(input: string, era: Era, numToken: string): Result<number> {
  const n = eraNumber(numToken);
  if (n === null) return err(`${quote(input)}の年を数字として読めません`);
  if (n < 1) return err(`${quote(input)}は存在しない年度です（${era.name}は元年（1年）から数えます）`);
  const max = lastFiscalEraYear(era);
  if (max !== undefined && n > max) {
    return err(`${quote(input)}は存在しない年度です（${era.name}は${max}年度まで）`);
  }
  return inRange(input, westernYear(era, n));
}

function inRange(input: string, fy: number): Result<number> {
  if (fy < MIN_YEAR || fy > MAX_YEAR) {
    return err(`${quote(input)}は扱える範囲外の年度です（${MIN_YEAR}年度から${MAX_YEAR}年度まで）`);
  }
  return ok(fy);
}

/** Removes every kind of space (PDF extraction writes `平成 2 2 年度`) after NFKC. */
function compact(input: string): string {
  return nfkc(input).replace(/\s+/g, "");
}

interface Parsed {
  readonly fy: number;
  /** The era written in the text, if any (used to carry the era to following bare headers). */
  readonly era?: EraName;
}

function parseDetailed(input: string, ctx?: YearContext): Result<Parsed> {
  const s = compact(input);
  if (s === "") return err("年度が空です");
  let m = RE_ERA.exec(s);
  if (m) {
    const era = findEra(m[1]!)!;
    const r = fromEra(input, era, m[2]!);
    return r.ok ? ok({ fy: r.value, era: era.name }) : r;
  }
  m = RE_WEST_WITH_ERA.exec(s) ?? null;
  if (m) return bothForms(input, m[1]!, m[2]!, m[3]!);
  m = RE_ERA_WITH_WEST.exec(s);
  if (m) return bothForms(input, m[3]!, m[1]!, m[2]!);
  m = RE_WEST.exec(s);
  if (m) {
    const y = readInt(m[1]!);
    if (y === null) return err(`${quote(input)}を年度として読めません`);
    const r = inRange(input, y);
    return r.ok ? ok({ fy: r.value }) : r;
  }
  m = RE_BARE.exec(s);
  if (m) {
    if (!ctx?.era) {
      return err(
        `${quote(input)}はどの元号の年度か分かりません（元号を付けて「平成21年度」のように書くか、元号を指定してください）`,
      );
    }
    const era = findEra(ctx.era)!;
    const r = fromEra(input, era, m[1]!);
    return r.ok ? ok({ fy: r.value, era: era.name }) : r;
  }
  return err(`${quote(input)}を年度として読めません（例: 令和6年度、R6、2024年度）`);
}

function bothForms(input: string, westToken: string, eraToken: string, numToken: string): Result<Parsed> {
  const era = findEra(eraToken)!;
  const fromWareki = fromEra(input, era, numToken);
  if (!fromWareki.ok) return fromWareki;
  const west = Number(westToken);
  if (west !== fromWareki.value) {
    return err(
      `${quote(input)}は西暦と和暦が合いません（${era.name}${numToken}年度は${fromWareki.value}年度）`,
    );
  }
  return ok({ fy: west, era: era.name });
}

/**
 * Reads a fiscal year written in any style found in the documents and returns the Western year in
 * which it starts. Bare numbers (`(21)`, `21`) need `ctx.era`. Never throws.
 *
 * @example
 * parseFiscalYear("H18年度")         // { ok: true, value: 2006 }
 * parseFiscalYear("平成 2 2 年度")   // { ok: true, value: 2010 }
 * parseFiscalYear("令和元年度")      // { ok: true, value: 2019 } (平成31年度 too)
 * parseFiscalYear("(21)", { era: "平成" }) // { ok: true, value: 2009 }
 * parseFiscalYear("平成32年度")      // { ok: false, reason: "「平成32年度」は存在しない年度です（平成は31年度まで）" }
 */
export function parseFiscalYear(input: string, ctx?: YearContext): Result<number> {
  const r = parseDetailed(input, ctx);
  return r.ok ? ok(r.value.fy) : r;
}

/**
 * Reads a row of year column headers. A header with an era (`H18年度`) sets the era for the bare
 * headers after it (`H20 21 22`); `ctx.era` is the era before the first such header. A single cell
 * holding several years separated by spaces (`19 20 21`) is split when it is not one spaced-out year
 * (`平成 2 2 年度` stays one year). A failing cell makes the whole row fail, naming the column.
 *
 * @example
 * parseYearHeaders(["19", "20", "21"], { era: "平成" }) // { ok: true, value: [2007, 2008, 2009] }
 * parseYearHeaders(["H18年度", "H19年度"])              // { ok: true, value: [2006, 2007] }
 */
export function parseYearHeaders(cells: readonly string[], ctx?: YearContext): Result<number[]> {
  const years: number[] = [];
  let era = ctx?.era;
  for (const [i, cell] of cells.entries()) {
    const whole = parseDetailed(cell, era ? { era } : undefined);
    const tokens = nfkc(cell).trim().split(/\s+/);
    const parts: Result<Parsed>[] = [];
    if (whole.ok || tokens.length < 2) {
      parts.push(whole);
    } else {
      for (const t of tokens) {
        const p = parseDetailed(t, era ? { era } : undefined);
        parts.push(p);
        if (p.ok && p.value.era) era = p.value.era;
      }
    }
    for (const p of parts) {
      if (!p.ok) return err(`${i + 1}列目: ${p.reason}`);
      years.push(p.value.fy);
      if (p.value.era) era = p.value.era;
    }
  }
  return ok(years);
}

/**
 * The era and era year that label a fiscal year under a rule, or undefined before 明治.
 * @example fiscalYearEra(2019, "fy-start-era") // { era: 平成, year: 31 }
 */
export function fiscalYearEra(fy: number, rule: EraRule = "new-era"): { era: Era; year: number } | undefined {
  let found: Era | undefined;
  for (const era of ERAS) {
    const s = era.start;
    const applies =
      rule === "new-era"
        ? s.year <= fy
        : s.year < fy || (s.year === fy && s.month <= 4 && (s.month < 4 || s.day <= 1));
    if (applies) found = era;
  }
  return found ? { era: found, year: eraYear(found, fy) } : undefined;
}

function eraYearText(year: number, gannen: boolean): string {
  return year === 1 && gannen ? "元" : String(year);
}

/**
 * Writes a fiscal year in an organisation's style. Years before 明治 fall back to the Western
 * style; a value that is not an integer is returned as `String(fy)` (formatters never throw).
 *
 * @example
 * formatFiscalYear(2024, "wareki")        // "令和6年度"
 * formatFiscalYear(2024, "wareki-short")  // "R6"
 * formatFiscalYear(2024, "western")       // "2024年度"
 * formatFiscalYear(2024, "both")          // "2024（令和6）年度"
 * formatFiscalYear(2019, "wareki")        // "令和元年度"
 * formatFiscalYear(2019, "wareki", { eraRule: "fy-start-era" }) // "平成31年度"
 */
export function formatFiscalYear(fy: number, style: YearStyle, options: YearFormatOptions = {}): string {
  if (!Number.isSafeInteger(fy)) return String(fy);
  const western = `${fy}年度`;
  if (style === "western") return western;
  const e = fiscalYearEra(fy, options.eraRule ?? "new-era");
  if (!e) return western;
  const gannen = options.gannen ?? true;
  switch (style) {
    case "wareki":
      return `${e.era.name}${eraYearText(e.year, gannen)}年度`;
    case "wareki-short":
      return `${e.era.letter}${e.year}`;
    case "both":
      return `${fy}（${e.era.name}${eraYearText(e.year, gannen)}）年度`;
    default:
      return western;
  }
}
