/**
 * Character-level helpers shared by the kernel's parsers (internal; not re-exported by index.ts
 * except where noted there).
 */
import { kanji2number } from "@geolonia/japanese-numeral";

/** NFKC: full-width digits/letters → half-width, half-width kana → full-width, ㍻ → 平成, ① → 1. */
export function nfkc(text: string): string {
  return text.normalize("NFKC");
}

/**
 * Dash-like characters that documents use as a hyphen between numbers or between Ⅱ and ア
 * (‐ ‑ ‒ – — ― − － ﹣). NFKC leaves most of them alone, so they are mapped by hand.
 */
const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;

/**
 * Maps dash variants to ASCII "-". The katakana long-vowel mark ー (and half-width ｰ) is also a
 * dash when it follows a digit, a Latin letter or a closing bracket (as in `1ー2`, `Ⅱｰｲ` after NFKC:
 * `IIーイ`), but stays a long-vowel mark after kana (`コーディネーター`).
 */
export function unifyDashes(text: string): string {
  return text.replace(DASHES, "-").replace(/(?<=[0-9A-Za-z)\u2160-\u217F])[\u30FC\uFF70]/g, "-");
}

const KANJI_DIGITS = "〇一二三四五六七八九十百千万";

/** True when the text is made only of kanji numerals (〇一二…十百千万). */
export function isKanjiNumeral(text: string): boolean {
  if (text.length === 0) return false;
  for (const ch of text) if (!KANJI_DIGITS.includes(ch)) return false;
  return true;
}

/**
 * Reads a non-negative integer written in ASCII digits or kanji numerals (二十二, 二〇二四).
 * Returns null when the text is neither. Never throws (the kanji library throws on bad input).
 */
export function readInt(text: string): number | null {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : null;
  }
  if (isKanjiNumeral(text)) {
    try {
      const n = kanji2number(text);
      return Number.isSafeInteger(n) && n >= 0 ? n : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Quotes user input for a message, shortened so a long cell does not flood the reason. */
export function quote(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `「${t}」`;
}
