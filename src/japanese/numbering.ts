/**
 * Item labels of plan trees (施策体系) and documents: recognise the numbering style, its values and
 * a sort key, so that a parser can tell levels apart and a list can be put back in print order.
 */
import { nfkc, quote, readInt, unifyDashes } from "./chars.js";
import { detectKanaOrder, type KanaOrder, kanaIndex } from "./kana.js";
import { err, ok, type Result } from "./result.js";

/**
 * The numbering styles. Full-width and half-width spellings of one style are the same kind
 * (（１） and (1) are both "paren-arabic"); styles that documents use for different levels are
 * different kinds ("arabic" 1, "paren-arabic" (1), "rparen-arabic" 1), "circled" ①).
 *
 * | kind | examples | values |
 * | --- | --- | --- |
 * | part / chapter / section | 第1編 / 第1章, 第一章 / 第2節 | [n] |
 * | dai | 第1, 第三 | [n] |
 * | roman | I, II, Ⅰ, Ⅳ, Ⅻ | [n] |
 * | roman-kana | Ⅱ-ア, II-イ | [roman, kana position] |
 * | roman-lower | i, ii, ⅳ | [n] |
 * | arabic | 1, １, 1., 1、 | [n] |
 * | hierarchical | 1-2-3, 1.2 | [1, 2, 3] |
 * | paren-arabic | (1), （１）, ⑴ | [n] |
 * | rparen-arabic | 1), １） | [n] |
 * | circled | ① … ⑳ … ㊿ | [n] |
 * | kana-aiueo / kana-iroha | ア イ ウ / イ ロ ハ | [position in the sequence] |
 * | paren-kana-aiueo / paren-kana-iroha | (ア), （イ） | [position] |
 * | kanji | 一, 二十 (followed by 、 or a space in running text) | [n] |
 * | code | 52101 (5 digits or more: 三重県's 基本事業 codes) | [n]; sorted as a digit string |
 */
export type NumberingKind =
  | "part"
  | "chapter"
  | "section"
  | "dai"
  | "roman"
  | "roman-kana"
  | "roman-lower"
  | "arabic"
  | "hierarchical"
  | "paren-arabic"
  | "rparen-arabic"
  | "circled"
  | "kana-aiueo"
  | "kana-iroha"
  | "paren-kana-aiueo"
  | "paren-kana-iroha"
  | "kanji"
  | "code";

/** A recognised label. `label` is the text as given; `sortKey` compares with `<` (code units). */
export interface Numbering {
  readonly kind: NumberingKind;
  readonly values: readonly number[];
  readonly sortKey: string;
  readonly label: string;
}

/** Options for kana labels: which sequence ア/イ/ウ… follow. Default 五十音 ("aiueo"). */
export interface NumberingOptions {
  readonly kanaOrder?: KanaOrder;
}

/**
 * Families share one sort space: a roman-kana label sorts right after its roman parent
 * (Ⅱ < Ⅱ-ア < Ⅱ-イ < Ⅲ) and a hierarchical one after its arabic parent (1 < 1-1 < 2). Between
 * families the order is the usual outline depth: 編 章 節 第 Ⅰ 1 (1) 1) ア (ア) ① i 一 code.
 */
const FAMILY: Record<NumberingKind, string> = {
  part: "A",
  chapter: "B",
  section: "C",
  dai: "D",
  roman: "E",
  "roman-kana": "E",
  arabic: "F",
  hierarchical: "F",
  "paren-arabic": "G",
  "rparen-arabic": "H",
  "kana-aiueo": "I",
  "kana-iroha": "J",
  "paren-kana-aiueo": "K",
  "paren-kana-iroha": "L",
  circled: "M",
  "roman-lower": "N",
  kanji: "O",
  code: "P",
};

/** Largest value inside a label (six digits in the sort key). */
const MAX_VALUE = 999_999;

function makeKey(kind: NumberingKind, values: readonly number[], codeDigits?: string): string {
  if (kind === "code") return `${FAMILY.code}:${codeDigits}`;
  return `${FAMILY[kind]}:${values.map((v) => String(v).padStart(6, "0")).join(".")}`;
}

function build(kind: NumberingKind, values: number[], label: string, codeDigits?: string): Result<Numbering> {
  // Codes sort by their digit string, so only their numeric value must stay exact.
  const max = kind === "code" ? Number.MAX_SAFE_INTEGER : MAX_VALUE;
  if (values.some((v) => !Number.isSafeInteger(v) || v < 0 || v > max)) {
    return err(`${quote(label)}の番号が大きすぎます`);
  }
  return ok({ kind, values, label, sortKey: makeKey(kind, values, codeDigits) });
}

const ROMAN_RE = /^(XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

/** Reads I … LXXXIX (1–89) in ASCII upper case; null otherwise. */
function readRoman(s: string): number | null {
  if (s === "" || !ROMAN_RE.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN_VALUES[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total;
}

const CIRCLED: readonly [number, number, number][] = [
  [0x2460, 0x2473, 1], // ①–⑳
  [0x3251, 0x325f, 21], // ㉑–㉟
  [0x32b1, 0x32bf, 36], // ㊱–㊿
];

function circledValue(ch: string): number | null {
  const c = ch.codePointAt(0)!;
  for (const [from, to, base] of CIRCLED) if (c >= from && c <= to) return base + c - from;
  return null;
}

function kanaValue(ch: string, order: KanaOrder): { value: number; order: KanaOrder } | null {
  const own = kanaIndex(ch, order);
  if (own !== null) return { value: own, order };
  // ヰ and ヱ exist only in いろは.
  const iroha = kanaIndex(ch, "iroha");
  return iroha !== null ? { value: iroha, order: "iroha" } : null;
}

/**
 * Recognises a whole label (surrounding spaces and one trailing `.`/`、`/`．`/`:` are allowed).
 * Returns the kind, values and sort key; unknown text gives a reason. Never throws.
 *
 * @example
 * parseNumbering("（１）")  // kind "paren-arabic", values [1]
 * parseNumbering("Ⅱ-イ")   // kind "roman-kana", values [2, 2]
 * parseNumbering("ロ", { kanaOrder: "iroha" }) // kind "kana-iroha", values [2]
 * parseNumbering("52101")  // kind "code", values [52101]
 */
export function parseNumbering(label: string, options: NumberingOptions = {}): Result<Numbering> {
  const order = options.kanaOrder ?? "aiueo";
  const raw = label.trim();
  if (raw === "") return err("番号が空です");
  // Circled numbers first: NFKC would turn ① into 1.
  if ([...raw].length === 1) {
    const c = circledValue(raw);
    if (c !== null) return build("circled", [c], label);
  }
  let s = unifyDashes(nfkc(raw)).replace(/\s+/g, "");
  s = s.replace(/^(.+?)[.、:。]$/, "$1");

  let m = /^第(\d+|[〇一二三四五六七八九十百千]+)(編|章|節)?$/.exec(s);
  if (m) {
    const n = readInt(m[1]!);
    if (n !== null) {
      const kind: NumberingKind =
        m[2] === "編" ? "part" : m[2] === "章" ? "chapter" : m[2] === "節" ? "section" : "dai";
      return build(kind, [n], label);
    }
  }
  if (/^\d+$/.test(s)) {
    if (s.length >= 5) return build("code", [Number(s)], label, s);
    return build("arabic", [Number(s)], label);
  }
  m = /^\d{1,4}(?:[-.]\d{1,4})+$/.exec(s);
  if (m) return build("hierarchical", s.split(/[-.]/).map(Number), label);
  m = /^\((\d{1,4})\)$/.exec(s);
  if (m) return build("paren-arabic", [Number(m[1])], label);
  m = /^(\d{1,4})\)$/.exec(s);
  if (m) return build("rparen-arabic", [Number(m[1])], label);
  m = /^\(([\u30A1-\u30F6])\)$/.exec(s);
  if (m) {
    const k = kanaValue(m[1]!, order);
    if (k) return build(k.order === "aiueo" ? "paren-kana-aiueo" : "paren-kana-iroha", [k.value], label);
  }
  if (/^[\u30A1-\u30F6]$/.test(s)) {
    const k = kanaValue(s, order);
    if (k) return build(k.order === "aiueo" ? "kana-aiueo" : "kana-iroha", [k.value], label);
  }
  m = /^([IVXL]+)-([\u30A1-\u30F6])$/.exec(s);
  if (m) {
    const r = readRoman(m[1]!);
    const k = kanaValue(m[2]!, order);
    if (r !== null && k) return build("roman-kana", [r, k.value], label);
  }
  const r = readRoman(s);
  if (r !== null) return build("roman", [r], label);
  const rl = readRoman(s.toUpperCase());
  if (rl !== null && s === s.toLowerCase()) return build("roman-lower", [rl], label);
  if (/^[〇一二三四五六七八九十百]+$/.test(s)) {
    const n = readInt(s);
    if (n !== null) return build("kanji", [n], label);
  }
  return err(`${quote(label)}は項目番号として読めません（例: Ⅰ、1、(1)、ア、①、第1章）`);
}

function cmpText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * A total order over any two strings: recognised labels by sort key, then unrecognised ones; ties
 * (1 and １) and unrecognised labels by their text in code-unit order.
 *
 * @example ["Ⅲ", "Ⅱ-イ", "Ⅰ", "Ⅱ-ア"].sort(compareNumbering) // ["Ⅰ", "Ⅱ-ア", "Ⅱ-イ", "Ⅲ"]
 */
export function compareNumbering(a: string, b: string, options: NumberingOptions = {}): number {
  const pa = parseNumbering(a, options);
  const pb = parseNumbering(b, options);
  if (pa.ok && pb.ok) {
    return cmpText(pa.value.sortKey, pb.value.sortKey) || cmpText(a, b);
  }
  if (pa.ok !== pb.ok) return pa.ok ? -1 : 1;
  return cmpText(a, b);
}

/**
 * A comparator for one list of labels, with the kana sequence detected from the list itself.
 * @example labels.sort(numberingComparator(labels))
 */
export function numberingComparator(labels: readonly string[]): (a: string, b: string) => number {
  const kanaOrder = detectKanaOrder(labels);
  return (a, b) => compareNumbering(a, b, { kanaOrder });
}

// --- leading labels in running text ------------------------------------------------------------

/** What may follow a label that is not self-delimiting: spaces, a tab, 、 ．. : ：. */
const SEP = "[\\s\\u3000.．、:：]";
const DIGIT = "[0-9０-９]";
const KATA = "[\\u30A1-\\u30F6\\uFF66-\\uFF9D]";
const DASH = "[-－‐‑–—−ー]";

/** Leading-label patterns, tried in order; `self` = no separator needed after the label. */
const LEADING: readonly { re: RegExp; self: boolean }[] = [
  { re: new RegExp(`^第(?:${DIGIT}+|[〇一二三四五六七八九十百]+)[編章節]`), self: true },
  { re: new RegExp(`^第(?:${DIGIT}+|[〇一二三四五六七八九十百]+)`), self: false },
  { re: new RegExp(`^[(（]${DIGIT}{1,4}[)）]`), self: true },
  { re: /^[\u2474-\u2487]/, self: true },
  { re: new RegExp(`^[(（]${KATA}[)）]`), self: true },
  { re: /^[\u2460-\u2473\u3251-\u325F\u32B1-\u32BF]/, self: true },
  { re: new RegExp(`^[\\u2160-\\u216B](?:${DASH}${KATA})?`), self: true },
  { re: new RegExp(`^[IVXLＩＶＸＬ]+(?:${DASH}${KATA})?`), self: false },
  { re: /^[\u2170-\u217B]/, self: true },
  { re: new RegExp(`^${DIGIT}{1,4}[)）]`), self: true },
  { re: new RegExp(`^${DIGIT}+(?:[-－‐.．]${DIGIT}+)*`), self: false },
  { re: new RegExp(`^${KATA}`), self: false },
  { re: /^[一二三四五六七八九十]+/, self: false },
];

/**
 * Splits a leading item label off a heading or table row. A label that needs a separator (1, ア, I,
 * 一, 52101) must be followed by a space, a tab, 、 or ．, so words such as アンケート or 2024年度
 * are not split; (1), （1）, ①, Ⅰ and 第1章 need none. PDF spacing inside a leading number
 * (`5 2 1 N P O …`) is joined. `rest` is the remaining text, trimmed; the original is not changed
 * otherwise. Never throws.
 *
 * @example
 * splitLeadingNumbering("（1）活動の場の提供に関すること") // { numbering: (1), rest: "活動の場の提供に関すること" }
 * splitLeadingNumbering("ア 市民活動団体等の活動拠点の確保") // numbering ア
 * splitLeadingNumbering("アンケート調査") // { numbering: null, rest: "アンケート調査" }
 */
export function splitLeadingNumbering(
  text: string,
  options: NumberingOptions = {},
): { numbering: Numbering | null; rest: string } {
  let t = text.trim();
  // PDF extraction spaces out digits: "5 2 1 N P O" → "521 N P O".
  const spaced = /^([0-9０-９](?: [0-9０-９])+)(?= )/.exec(t);
  if (spaced) t = spaced[1]!.replace(/ /g, "") + t.slice(spaced[1]!.length);
  for (const { re, self } of LEADING) {
    const m = re.exec(t);
    if (!m) continue;
    const label = m[0];
    const after = t.slice(label.length);
    const sepMatch = new RegExp(`^${SEP}+`).exec(after);
    if (!self && after !== "" && !sepMatch) continue;
    const parsed = parseNumbering(label, options);
    if (!parsed.ok) continue;
    return { numbering: parsed.value, rest: after.slice(sepMatch?.[0].length ?? 0).trim() };
  }
  return { numbering: null, rest: text.trim() };
}
