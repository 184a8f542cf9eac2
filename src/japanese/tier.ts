/**
 * Priority tiers (重点 / 優先度) such as 【Ⅰ】<重点施策>, 【Ⅱ-ア】, 【Ⅱ-イ】, 【Ⅲ】 in the city's guideline
 * progress list, and the bare codes of its 2期案 column (Ⅱ-イ, I). Other plans rank by letters: ［A］, 【S】, B.
 */
import { nfkc, quote, unifyDashes } from "./chars.js";
import { err, ok, type Result } from "./result.js";

/** A tier: a canonical code (Ⅰ, Ⅱ-イ, A) and the note written beside it (重点施策), if any. */
export interface TierLabel {
  readonly code: string;
  readonly note: string | null;
}

const ROMAN_CHARS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ";
const ROMAN_ASCII = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

/**
 * Reads a tier label and returns its canonical code: a roman numeral as one character Ⅰ … Ⅻ (ASCII `I`, `II` and
 * full-width `Ｉ` are the same tier) or one capital letter (`A`, full-width `Ａ`), then `-` and a full-width
 * katakana if present. The brackets may be 【】, ［］, 〔〕 or (); the note may be in <>, ＜＞, 〈〉, 《》 or follow as
 * plain text. Never throws.
 *
 * @example
 * parseTierLabel("【Ⅰ】<重点施策>") // { ok: true, value: { code: "Ⅰ", note: "重点施策" } }
 * parseTierLabel("【Ⅱ-イ】")        // { ok: true, value: { code: "Ⅱ-イ", note: null } }
 * parseTierLabel("I")              // { ok: true, value: { code: "Ⅰ", note: null } }
 * parseTierLabel("［A］")           // { ok: true, value: { code: "A", note: null } }
 */
export function parseTierLabel(text: string): Result<TierLabel> {
  const s = unifyDashes(nfkc(text)).trim();
  if (s === "") return err("優先度（区分）が空です");
  const m = /^[【[〔(]?\s*([A-Z]+)\s*(?:-\s*([\u30A1-\u30F6]))?\s*[】\]〕)]?\s*(.*)$/.exec(s);
  if (m) {
    const letters = m[1]!;
    const idx = ROMAN_ASCII.indexOf(letters);
    const base = idx >= 0 ? ROMAN_CHARS[idx]! : letters.length === 1 ? letters : null;
    const bracketed = /^[【[〔(]/.test(s);
    const restRaw = m[3]!.trim();
    // Without brackets, a tier code must stand alone or be followed by a space ("I" vs "IT推進", "A市").
    const standsAlone = bracketed || restRaw === "" || /^[A-Z]+(?:-[\u30A1-\u30F6])?[\s<〈《]/.test(s);
    if (base !== null && standsAlone) {
      const code = base + (m[2] ? `-${m[2]}` : "");
      const noteMatch = /^[<〈《]\s*(.*?)\s*[>〉》]$/.exec(restRaw);
      const note = noteMatch ? noteMatch[1]! : restRaw;
      return ok({ code, note: note === "" ? null : note });
    }
  }
  return err(`${quote(text)}は優先度（区分）として読めません（例: 【Ⅰ】<重点施策>、【Ⅱ-イ】、Ⅲ、［A］）`);
}

/**
 * Writes a tier back in the documents' bracket style.
 * @example formatTierLabel({ code: "Ⅰ", note: "重点施策" }) // "【Ⅰ】<重点施策>"
 */
export function formatTierLabel(tier: TierLabel): string {
  return `【${tier.code}】${tier.note ? `<${tier.note}>` : ""}`;
}
