/**
 * Kana orders: the two sequences used for item labels (ア イ ウ … and イ ロ ハ …), and a 五十音
 * sort key for kana readings (名称_カナ of groups).
 */
import { nfkc } from "./chars.js";

/**
 * 五十音 order as used for item labels in 公用文 (ア イ ウ エ オ カ …). ヰ ヱ are not in it.
 * Source: 「公用文作成の考え方」(2022) and the reference documents (ア イ ウ エ オ under （3）).
 */
export const AIUEO = [
  ..."アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン",
];

/** いろは order (イ ロ ハ ニ ホ ヘ ト …), 47 kana of the いろは歌 plus ン, used by older documents. */
export const IROHA = [
  ..."イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン",
];

/** Which kana sequence numbers a list of items. */
export type KanaOrder = "aiueo" | "iroha";

/**
 * The 1-based position of a katakana label in a sequence, or null. Half-width kana are accepted.
 * @example kanaIndex("ウ", "aiueo") // 3; kanaIndex("ハ", "iroha") // 3
 */
export function kanaIndex(label: string, order: KanaOrder): number | null {
  const ch = nfkc(label);
  const i = (order === "aiueo" ? AIUEO : IROHA).indexOf(ch);
  return i >= 0 ? i + 1 : null;
}

/**
 * Detects which sequence a list of kana labels (in print order) follows: the order under which
 * more neighbours are consecutive wins (a list that starts with ア counts half a point for 五十音,
 * one that starts with イ half a point for いろは, so a lone イ reads as いろは); a label found only
 * in いろは (ヰ, ヱ) decides at once; ties go to 五十音, the 公用文 default. Non-kana labels are ignored.
 *
 * @example detectKanaOrder(["イ", "ロ", "ハ"]) // "iroha"; detectKanaOrder(["ア", "イ", "ウ"]) // "aiueo"
 */
export function detectKanaOrder(labels: readonly string[]): KanaOrder {
  const kana = labels.map((l) => nfkc(l).trim()).filter((l) => IROHA.includes(l) || AIUEO.includes(l));
  if (kana.some((k) => k === "ヰ" || k === "ヱ")) return "iroha";
  const score = (order: KanaOrder): number => {
    let s = 0;
    for (let i = 1; i < kana.length; i++) {
      const a = kanaIndex(kana[i - 1]!, order);
      const b = kanaIndex(kana[i]!, order);
      if (a !== null && b !== null && b === a + 1) s++;
    }
    // A list that starts with the first kana of a sequence counts for that sequence.
    if (kana[0] === (order === "aiueo" ? "ア" : "イ")) s += 0.5;
    return s;
  };
  return score("iroha") > score("aiueo") ? "iroha" : "aiueo";
}

// --- 五十音 sort key for readings -----------------------------------------------------------------

/** Voiced (濁音) and semi-voiced (半濁音) hiragana → [base, 1 = ゛ | 2 = ゜]. */
const VOICED: Record<string, [string, number]> = { ゔ: ["う", 1] };
for (const [base, voiced] of [
  ["かきくけこさしすせそたちつてとはひふへほ", "がぎぐげござじずぜぞだぢづでどばびぶべぼ"],
  ["はひふへほ", "ぱぴぷぺぽ"],
] as const) {
  const mark = voiced.startsWith("ぱ") ? 2 : 1;
  [...base].forEach((b, i) => {
    VOICED[[...voiced][i]!] = [b, mark];
  });
}

/** Small kana → base (small kana sort right before the full-size one). */
const SMALL: Record<string, string> = {
  ぁ: "あ",
  ぃ: "い",
  ぅ: "う",
  ぇ: "え",
  ぉ: "お",
  っ: "つ",
  ゃ: "や",
  ゅ: "ゆ",
  ょ: "よ",
  ゎ: "わ",
  ゕ: "か",
  ゖ: "け",
};

/** Rows of the 五十音 table, to find the vowel that a long-vowel mark ー repeats. */
const ROWS = [
  "あかさたなはまやらわ",
  "いきしちにひみ り",
  "うくすつぬふむゆる",
  "えけせてねへめ れ",
  "おこそとのほもよろを",
];
function vowelOf(base: string): string | null {
  const vowels = "あいうえお";
  for (let v = 0; v < ROWS.length; v++) if (ROWS[v]!.includes(base)) return vowels[v]!;
  if (base === "ゐ") return "い";
  if (base === "ゑ") return "え";
  return null;
}

function toHiragana(ch: string): string {
  const c = ch.codePointAt(0)!;
  // Katakana ァ (U+30A1) … ヶ (U+30F6) sit 0x60 above hiragana ぁ … ゖ.
  return c >= 0x30a1 && c <= 0x30f6 ? String.fromCodePoint(c - 0x60) : ch;
}

/**
 * A string key that sorts kana readings in 五十音 order, following JIS X 4061's levels: first the
 * plain kana (ガ as カ, ャ as ヤ, ー as the vowel it lengthens), then 清音 < 濁音 < 半濁音, then small
 * before full-size, then hiragana before katakana. Half-width kana are folded by NFKC. Characters
 * other than kana keep their code point order (digits and Latin before kana, kanji after).
 * Compare keys with `<` (code-unit order), not localeCompare.
 *
 * @example ["さくら", "カキ", "あい", "がっこう"].sort((a, b) => kanaOrderKey(a) < kanaOrderKey(b) ? -1 : 1)
 * // ["あい", "カキ", "がっこう", "さくら"]
 */
export function kanaOrderKey(reading: string): string {
  const text = nfkc(reading);
  let primary = "";
  let voicing = "";
  let size = "";
  let script = "";
  let prevBase: string | null = null;
  for (const ch of text) {
    const isKatakana = /[\u30A1-\u30F6\u30FC]/.test(ch);
    let h = toHiragana(ch);
    let v = 0;
    let small = 1;
    if (ch === "ー" || ch === "ｰ") {
      h = (prevBase && vowelOf(prevBase)) ?? "ー";
    } else if (VOICED[h]) {
      [h, v] = VOICED[h]!;
    } else if (SMALL[h]) {
      h = SMALL[h]!;
      small = 0;
    }
    primary += h;
    voicing += String(v);
    size += String(small);
    script += isKatakana ? "1" : "0";
    prevBase = h;
  }
  // U+0001 separates the levels and sorts below every real character, so a prefix sorts first.
  return `${primary}\u0001${voicing}\u0001${size}\u0001${script}`;
}

/**
 * Compares two kana readings in 五十音 order (see kanaOrderKey); equal keys fall back to code
 * points so the order is total. @example compareKana("カ", "ガ") < 0
 */
export function compareKana(a: string, b: string): number {
  const ka = kanaOrderKey(a);
  const kb = kanaOrderKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
