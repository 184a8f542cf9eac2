/**
 * Numbers with separators, units and qualifiers as written in indicator tables and budgets:
 * 1,600団体, 3,011千円, 50%以上, １５名, ▲1,200千円, and `-` for "none".
 */
import { nfkc, quote, unifyDashes } from "./chars.js";
import { err, ok, type Result } from "./result.js";

/**
 * A value with its unit as written (団体, 千円, %) and a qualifier (以上, 約). `value: null` means
 * absent (`-`, `－`, `―`, blank): not zero. The unit is kept as written: 千円 is not multiplied out.
 */
export interface Quantity {
  readonly value: number | null;
  readonly unit: string | null;
  readonly qualifier: string | null;
}

/** Qualifiers written before the number. */
export const PREFIX_QUALIFIERS = ["約", "概ね", "おおむね", "およそ", "最大", "最低", "延べ"] as const;
/** Qualifiers written after the unit. */
export const SUFFIX_QUALIFIERS = ["以上", "以下", "未満", "超", "程度", "前後", "以内"] as const;

const ABSENT = /^[-ー―〜~]*$/;

/**
 * Reads a quantity. Thousands separators must sit every three digits (1,600 yes, 16,00 no). ▲ and
 * △ mark a negative number, as in Japanese budget tables. Both qualifiers may appear (約50%以上): the
 * qualifier is then `約・以上`. Never throws.
 *
 * @example
 * parseQuantity("1,600団体") // { ok: true, value: { value: 1600, unit: "団体", qualifier: null } }
 * parseQuantity("50%以上")   // { value: 50, unit: "%", qualifier: "以上" }
 * parseQuantity("-")         // { value: null, unit: null, qualifier: null }
 * parseQuantity("- 千円")    // { value: null, unit: "千円", qualifier: null }
 */
export function parseQuantity(text: string): Result<Quantity> {
  let s = unifyDashes(nfkc(text)).replace(/\s+/g, "");
  if (ABSENT.test(s)) return ok({ value: null, unit: null, qualifier: null });
  let prefix: string | null = null;
  for (const q of PREFIX_QUALIFIERS) {
    if (s.startsWith(q)) {
      prefix = q;
      s = s.slice(q.length);
      break;
    }
  }
  let suffix: string | null = null;
  for (const q of SUFFIX_QUALIFIERS) {
    if (s.endsWith(q)) {
      suffix = q;
      s = s.slice(0, -q.length);
      break;
    }
  }
  const qualifier = prefix && suffix ? `${prefix}・${suffix}` : (prefix ?? suffix);
  // "-千円": no value, but the unit is known.
  const absentWithUnit = /^-+([^\d.,]+)$/.exec(s);
  if (absentWithUnit) return ok({ value: null, unit: absentWithUnit[1]!, qualifier });
  const m = /^([-+▲△]?)(\d[\d,]*)(\.\d+)?(.*)$/.exec(s);
  if (!m) return err(`${quote(text)}を数値として読めません（例: 1,600団体、3,011千円、50%以上、-）`);
  const [, sign, intPart, frac, unitRaw] = m as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  if (intPart.includes(",") && !/^\d{1,3}(,\d{3})+$/.test(intPart)) {
    return err(`${quote(text)}の桁区切り（,）の位置が正しくありません`);
  }
  const abs = Number(intPart.replace(/,/g, "") + (frac ?? ""));
  if (!Number.isFinite(abs)) return err(`${quote(text)}は数値が大きすぎます`);
  const unit = unitRaw === "" ? null : unitRaw;
  if (unit !== null && (/\d/.test(unit) || unit.length > 10)) {
    return err(
      `${quote(text)}の単位が読めません（数値の後ろは「団体」「千円」「%」のような単位にしてください）`,
    );
  }
  const value = sign === "-" || sign === "▲" || sign === "△" ? -abs : abs;
  return ok({ value: value === 0 ? 0 : value, unit, qualifier });
}

/**
 * Writes a quantity back: thousands separators, unit, qualifier in its place; absent → `-`
 * (followed by the unit if one is known). Negative numbers are written with `-`.
 * @example formatQuantity({ value: 3011, unit: "千円", qualifier: null }) // "3,011千円"
 */
export function formatQuantity(q: Quantity): string {
  const parts = q.qualifier?.split("・") ?? [];
  const pre = parts.filter((p) => (PREFIX_QUALIFIERS as readonly string[]).includes(p)).join("");
  const post = parts.filter((p) => !(PREFIX_QUALIFIERS as readonly string[]).includes(p)).join("");
  if (q.value === null) return `${pre}-${q.unit ?? ""}${post}`;
  const num = q.value.toLocaleString("en-US", { maximumFractionDigits: 20, useGrouping: true });
  return `${pre}${num}${q.unit ?? ""}${post}`;
}
