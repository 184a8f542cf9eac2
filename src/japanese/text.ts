/**
 * Text normalisation for search columns and clean-up of text extracted from PDFs.
 * Store the original text; these functions make derived values only (NFKC turns ① into 1 and
 * ㈱ into (株), see notes/ecosystem.md).
 */
import { nfkc } from "./chars.js";

/** Long-vowel and dash look-alikes that follow kana: unified to ー in search text. */
const LONG_VOWEL_LIKE = /(?<=[\u3041-\u309F\u30A1-\u30FA])[-\u2010-\u2015\u2212\uFF0D\uFF70]/g;

/**
 * The value for a search column: NFKC (full-width → half-width, half-width kana → full-width),
 * lower case, hiragana folded to katakana, long-vowel look-alikes after kana unified to ー, wave
 * dashes to `~`, PDF spacing removed (despacePdfText), all spaces collapsed to one and trimmed,
 * zero-width characters dropped. Apply it to both the stored text and the query.
 *
 * @example normalizeForSearch("ＮＰＯ法人　ｺｰﾃﾞｨﾈｰﾀｰ") // "npo法人 コーディネーター"
 * @example normalizeForSearch("N P O と行政") // "npoト行政" (hiragana folded: query "と" finds "ト" too)
 */
export function normalizeForSearch(text: string): string {
  let s = nfkc(text).replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "");
  s = s.replace(/\s+/g, " ");
  s = despacePdfText(s);
  s = s.toLowerCase();
  s = s.replace(/[\u3041-\u3096\u309D\u309E]/g, (ch) => String.fromCodePoint(ch.codePointAt(0)! + 0x60));
  s = s.replace(LONG_VOWEL_LIKE, "ー");
  s = s.replace(/[\u301C\uFF5E]/g, "~");
  return s.trim();
}

/**
 * A key for "is this the same name?" (department names, group names): normalizeForSearch without
 * any spaces. @example matchKey("協働推進課 ") === matchKey("協働　推進課") // true
 */
export function matchKey(text: string): string {
  return normalizeForSearch(text).replace(/ /g, "");
}

type CharClass = "digit" | "latin" | "cjk" | "other";

function classOf(ch: string | undefined): CharClass {
  if (ch === undefined) return "other";
  if (/[0-9０-９]/.test(ch)) return "digit";
  if (/[A-Za-zＡ-Ｚａ-ｚ]/.test(ch)) return "latin";
  // Kana and kanji; the middle dot ・ (U+30FB) is punctuation, not a letter.
  if (/[\u3041-\u309F\u30A1-\u30FA\u30FC-\u30FF\u3400-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F々〆]/.test(ch))
    return "cjk";
  return "other";
}

const ERA_END = /(明治|大正|昭和|平成|令和)$/;

/**
 * Removes the spaces that PDF text extraction puts between single characters, without joining
 * words that really are separated by spaces. Works per line and per tab-separated cell; only ASCII
 * spaces are touched (a full-width space is deliberate layout).
 *
 * Rules, on tokens split at spaces:
 * 1. A "run" is two or more single-character tokens in a row. Neighbours in a run join unless one
 *    is a digit and the other a Latin letter: `5 2 1 N P O` → `521 NPO`, `山 口 県` → `山口県`,
 *    `N P O が` → `NPOが`.
 * 2. A run of digits, Latin letters or kana/kanji also joins a longer neighbouring token when the
 *    character that touches it is kana/kanji: `平成 2 2 年度` → `平成22年度`, `N P O と` → `NPOと`.
 * 3. A single digit after an era name joins it, and the next kana/kanji token: `令和 5 年度` → `令和5年度`.
 * Everything else is kept: `1 基本計画策定の経緯`, `ア 市民活動団体`, `52101 N P O` → `52101 NPO`,
 * `協働推進課 産業振興課`, `(21) 3,011千円`.
 *
 * @example despacePdfText("5 2 1 N P O (ボランティア団体") // "521 NPO (ボランティア団体"
 * @example despacePdfText("平成 2 2 年度") // "平成22年度"
 */
export function despacePdfText(text: string): string {
  return text
    .split(/(\r?\n|\t)/)
    .map((part) => (part === "\n" || part === "\r\n" || part === "\t" ? part : despaceSegment(part)))
    .join("");
}

function despaceSegment(segment: string): string {
  const lead = /^ */.exec(segment)![0];
  const trail = / *$/.exec(segment.slice(lead.length))![0];
  const body = segment.slice(lead.length, segment.length - trail.length);
  if (!body.includes(" ")) return segment;
  // Keep runs of several spaces as they are (table layout): split only at single spaces.
  const pieces = body.split(/( {2,})/);
  return lead + pieces.map((p) => (p.startsWith(" ") ? p : despaceTokens(p.split(" ")))).join("") + trail;
}

function despaceTokens(tokens: readonly string[]): string {
  const n = tokens.length;
  const single = tokens.map((t) => [...t].length === 1);
  const cls = tokens.map((t) => classOf([...t][0]));
  const inRun = tokens.map(
    (_, i) =>
      single[i]! && cls[i] !== "other" && ((i > 0 && single[i - 1]!) || (i + 1 < n && single[i + 1]!)),
  );
  // Rule 3: a lone digit right after an era name behaves like a run.
  for (let i = 1; i < n; i++) {
    if (single[i] && cls[i] === "digit" && ERA_END.test(tokens[i - 1]!)) inRun[i] = true;
  }
  let out = tokens[0] ?? "";
  for (let i = 1; i < n; i++) {
    const left = tokens[i - 1]!;
    const right = tokens[i]!;
    const lastL = [...left].at(-1);
    const firstR = [...right][0];
    let join = false;
    if (inRun[i - 1] && inRun[i] && (cls[i - 1] === cls[i] || cls[i - 1] === "cjk" || cls[i] === "cjk")) {
      join = true; // rule 1 (a digit–Latin boundary inside a run is a word boundary: 521 NPO)
    } else if (inRun[i] && !single[i - 1] && classOf(lastL) === "cjk") {
      join = true; // rules 2 and 3, run on the right (an era name ends in kanji)
    } else if (inRun[i - 1] && !single[i] && classOf(firstR) === "cjk") {
      join = true; // rule 2, run on the left
    }
    out += join ? right : ` ${right}`;
  }
  return out;
}
