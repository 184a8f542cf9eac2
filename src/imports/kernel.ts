/**
 * The imports' one seam to the Japanese kernel (`src/japanese`, branch feat/japanese): numbering, tier labels,
 * fiscal-year headers, as-of dates, quantities, search keys.
 *
 * The kernel had not landed on feat/japanese when the importer was written, so the functions below are minimal
 * stand-ins covering only what the plan lists need. When `src/japanese/index.ts` exists, each body becomes a call
 * to the kernel (parseTierLabel, splitLeadingNumbering, parseYearHeaders, parseJapaneseDate, parseQuantity,
 * normalizeForSearch) and this file stays the only place the importer depends on it.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

const ROMAN = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ"];
const LATIN_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
const IROHA_KATAKANA =
  "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";

/** `【Ⅱ-イ】`, `【Ⅰ】<重点施策>`, `I`, `Ⅱ－ア` → code `Ⅱ-イ` / `Ⅰ` (note `重点施策`). */
export function tierOf(text: string): Result<{ code: string; note: string | null }> {
  const t = text.trim();
  const m = /^【?\s*([^】<＜《〈]+?)\s*】?\s*(?:[<＜《〈]\s*([^>＞》〉]*)\s*[>＞》〉])?$/.exec(t);
  if (!m) return { ok: false, reason: "重点区分の書き方ではありません" };
  const core = m[1]!.replace(/[Ａ-Ｚａ-ｚ０-９－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const parts = /^([IVXⅠ-Ⅹ]+)\s*(?:[-‐−–ー－]\s*([ア-ン]))?$/i.exec(core);
  if (!parts) return { ok: false, reason: "Ⅰ・Ⅱ-ア のような重点区分ではありません" };
  let roman = parts[1]!.toUpperCase();
  const latinIndex = LATIN_ROMAN.indexOf(roman);
  if (latinIndex >= 0) roman = ROMAN[latinIndex]!;
  if (!ROMAN.includes(roman)) return { ok: false, reason: "Ⅰ・Ⅱ-ア のような重点区分ではありません" };
  const code = parts[2] ? `${roman}-${parts[2]}` : roman;
  return { ok: true, value: { code, note: m[2]?.trim() || null } };
}

export type TallyCount = { statusLabel: string; count: number; of: number };

/** `5/6：済` → { 済, 5, 6 } (a stated tally cell, as printed in 達成状況 legends). */
export function tallyOf(cell: string): TallyCount | null {
  const m = /^\s*([0-9０-９]+)\s*[/／]\s*([0-9０-９]+)\s*[：:]\s*(\S.*?)\s*$/.exec(cell);
  if (!m) return null;
  return { statusLabel: m[3]!, count: toInt(m[1]!), of: toInt(m[2]!) };
}

function toInt(digits: string): number {
  return Number(digits.normalize("NFKC"));
}

const ERAS: Record<string, number> = { 明治: 1867, 大正: 1911, 昭和: 1925, 平成: 1988, 令和: 2018 };
const ERA_LETTERS: Record<string, string> = { M: "明治", T: "大正", S: "昭和", H: "平成", R: "令和" };

/**
 * Fiscal years of a run of year headers: `H25 H26`, `平成30年度 令和元年度`, `2024年度`, and bare `19 20 21`
 * after an era-prefixed header or, alone, read as 平成 (10–31) or 令和 (1–9). null for a header that is no year.
 */
export function yearsOfHeaders(texts: string[]): (number | null)[] {
  let era: string | null = null;
  return texts.map((raw) => {
    const t = raw.normalize("NFKC").replace(/\s/g, "");
    const western = /^((?:19|20)\d{2})年?度?$/.exec(t);
    if (western) return Number(western[1]);
    const japanese = /^(明治|大正|昭和|平成|令和|[MTSHR])(元|\d{1,2})年?度?$/i.exec(t);
    if (japanese) {
      era = ERA_LETTERS[japanese[1]!.toUpperCase()] ?? japanese[1]!;
      const n = japanese[2] === "元" ? 1 : Number(japanese[2]);
      return ERAS[era]! + n;
    }
    const bare = /^\(?(\d{1,2})\)?年?度?$/.exec(t);
    if (bare) {
      const n = Number(bare[1]);
      if (era === "平成" && n <= 8) era = "令和";
      const useEra = era ?? (n >= 10 ? "平成" : "令和");
      return ERAS[useEra]! + n;
    }
    return null;
  });
}

/**
 * The date of an as-of text (`平成26年12月末日時点`, `令和5年12月20日現在`, `2023年12月20日現在`) and its fiscal
 * year (April–March). A text without a year gives date and fiscal year null.
 */
export function asOfOf(text: string): { date: string | null; fiscalYear: number | null } | null {
  const t = text.normalize("NFKC");
  const m =
    /(?:(明治|大正|昭和|平成|令和|[MTSHR])\s*(元|\d{1,2})|((?:19|20)\d{2}))\s*年\s*(\d{1,2})\s*月\s*(末日|末|\d{1,2}\s*日)?/i.exec(
      t,
    );
  if (!m) return /\d{1,2}\s*月\s*\d{1,2}\s*日/.test(t) ? { date: null, fiscalYear: null } : null;
  const year = m[3]
    ? Number(m[3])
    : ERAS[ERA_LETTERS[m[1]!.toUpperCase()] ?? m[1]!]! + (m[2] === "元" ? 1 : Number(m[2]));
  const month = Number(m[4]);
  if (month < 1 || month > 12) return null;
  const dayText = m[5] ?? "";
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = dayText.startsWith("末") ? lastDay : dayText ? Number(dayText.replace(/\D/g, "")) : null;
  if (day !== null && (day < 1 || day > lastDay)) return null;
  const date = day === null ? null : `${year}-${pad(month)}-${pad(day)}`;
  return { date, fiscalYear: month >= 4 ? year : year - 1 };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Leading numbering of a category or item title: （1）, (1), ①, Ⅰ, ア, 1. — with its style and the rest. */
export function numberingOf(text: string): { label: string; style: string; rest: string } | null {
  const t = text.trim();
  const patterns: [string, RegExp][] = [
    ["paren-arabic", /^([（(]\s*[0-9０-９]+\s*[)）])\s*(.*)$/s],
    ["paren-katakana", new RegExp(`^([（(][${IROHA_KATAKANA}][)）])\\s*(.*)$`, "s")],
    ["circled", /^([①-⑳㉑-㉟㊱-㊿])\s*(.*)$/s],
    ["roman", /^([Ⅰ-Ⅹ]+)(?:[\s\u3000.．、]+|(?=[^\s]))(.*)$/s],
    ["katakana", new RegExp(`^([${IROHA_KATAKANA}])(?:[\\s\\u3000]+|[.．、]\\s*)(.*)$`, "s")],
    ["arabic", /^([0-9０-９]+)(?:[\s\u3000]+|[.．、]\s*)(.*)$/s],
  ];
  for (const [style, re] of patterns) {
    const m = re.exec(t);
    if (m && m[2]!.trim() !== "") return { label: m[1]!, style, rest: m[2]!.trim() };
  }
  return null;
}

/** `1,600団体`, `50%以上`, `3,011千円` → value, unit, qualifier. */
export function quantityOf(
  text: string,
): Result<{ value: number | null; unit: string | null; qualifier: string | null }> {
  const t = text.normalize("NFKC").replace(/,/g, "").trim();
  const m = /^(約|概ね)?\s*(-?\d+(?:\.\d+)?)\s*([^\d\s]*?)\s*(以上|以下|未満|超|程度)?$/.exec(t);
  if (!m) return { ok: false, reason: "数値が含まれていません" };
  return {
    ok: true,
    value: {
      value: Number(m[2]),
      unit: m[3] ? m[3] : null,
      qualifier: [m[1], m[4]].filter(Boolean).join("") || null,
    },
  };
}

/** Width-, case- and space-insensitive key for comparing titles. */
export function searchKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u3000]+/g, "");
}
