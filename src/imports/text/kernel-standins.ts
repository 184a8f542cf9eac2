/**
 * TEMPORARY stand-ins for the Japanese kernel (feat/japanese), with its documented signatures, so the text
 * importer can be built and tested before the kernel lands. Deleted when `src/japanese/index.ts` exists;
 * `kernel.ts` then imports the real functions.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };
export type EraName = "明治" | "大正" | "昭和" | "平成" | "令和";

const ERA_START: Record<EraName, number> = { 明治: 1867, 大正: 1911, 昭和: 1925, 平成: 1988, 令和: 2018 };
const ERA_LETTER: Record<string, EraName> = { M: "明治", T: "大正", S: "昭和", H: "平成", R: "令和" };

type CharClass = "digit" | "latin" | "cjk" | "open" | "close" | "other";
function classOf(ch: string): CharClass {
  if (/[0-9０-９]/.test(ch)) return "digit";
  if (/[A-Za-zＡ-Ｚａ-ｚ]/.test(ch)) return "latin";
  if (/[(（「『《〔［[【]/.test(ch)) return "open";
  if (/[)）」』》〕］\]】]/.test(ch)) return "close";
  if (/[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff〃々〆ー]/.test(ch)) return "cjk";
  return "other";
}

export function despacePdfText(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const tokens = line.split(/ +/);
      let out = tokens[0] ?? "";
      for (let i = 1; i < tokens.length; i++) {
        const left = tokens[i - 1]!;
        const right = tokens[i]!;
        if (left === "" || right === "") {
          out += ` ${right}`;
          continue;
        }
        const l = classOf(left.at(-1)!);
        const r = classOf(right[0]!);
        const single = (t: string) => [...t].length === 1;
        let join = false;
        if (single(left) && single(right))
          join = l === r || l === "cjk" || r === "cjk" || l === "open" || r === "close";
        else if (single(right))
          join = (l === r && l !== "other") || (l === "cjk" && r !== "other") || r === "close";
        else if (single(left))
          join = i > 1 && l !== "other" && (r === "cjk" || l === "open") && !(l === "digit" && r === "latin");
        else
          join =
            (l === "close" && r === "cjk" && i > 1) ||
            (l === "cjk" && r === "open") ||
            (l === "latin" && /^[(（]/.test(right));
        if (single(left) && l === "latin" && r === "open") join = true;
        out += join ? right : ` ${right}`;
      }
      return out;
    })
    .join("\n");
}

const ROMAN = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ"];
const LATIN_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
const AIUEO = [
  ..."アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン",
];

export type NumberingInfo = { label: string; style: string; value: number | null };
export function splitLeadingNumbering(text: string): { numbering: NumberingInfo | null; rest: string } {
  const t = text.trim();
  const n = (s: string) => Number(s.normalize("NFKC"));
  const patterns: [string, RegExp, (m: string) => number | null][] = [
    ["paren-arabic", /^([（(]\s*[0-9０-９]+\s*[)）])[\s\u3000]*(.*)$/s, (m) => n(m.replace(/\D/g, ""))],
    ["circled", /^([①-⑳])[\s\u3000]*(.*)$/s, (m) => m.charCodeAt(0) - 0x2460 + 1],
    ["roman", /^([Ⅰ-Ⅹ])[\s\u3000.．、]*(.*)$/s, (m) => ROMAN.indexOf(m) + 1],
    ["roman", /^((?:VIII|VII|VI|IV|IX|V|X|III|II|I))[\s\u3000]+(.*)$/s, (m) => LATIN_ROMAN.indexOf(m) + 1],
    [
      "roman",
      /^((?:ＶＩＩＩ|ＶＩＩ|ＶＩ|ＩＶ|ＩＸ|Ｖ|Ｘ|ＩＩＩ|ＩＩ|Ｉ))[\s\u3000]+(.*)$/s,
      (m) => LATIN_ROMAN.indexOf(m.normalize("NFKC")) + 1,
    ],
    ["katakana", /^([ア-ン])(?:[\s\u3000]+|[.．、]\s*)(.*)$/s, (m) => AIUEO.indexOf(m) + 1],
    ["arabic", /^([0-9０-９]{1,2})(?:[\s\u3000]+|[.．、]\s*)(.*)$/s, (m) => n(m)],
  ];
  for (const [style, re, value] of patterns) {
    const m = re.exec(t);
    if (m && m[2]!.trim() !== "")
      return { numbering: { label: m[1]!, style, value: value(m[1]!) }, rest: m[2]! };
  }
  return { numbering: null, rest: t };
}

export function parseFiscalYear(input: string, ctx?: { era?: EraName }): Result<number> {
  const t = input.normalize("NFKC").replace(/\s/g, "");
  const west = /^(\d{4})年?度?$/.exec(t);
  if (west) return { ok: true, value: Number(west[1]) };
  const era = /^(明治|大正|昭和|平成|令和|[MTSHR])(元|\d{1,2})(年度|年)?$/i.exec(t);
  if (era) {
    const name = (ERA_LETTER[era[1]!.toUpperCase()] ?? era[1]) as EraName;
    return { ok: true, value: ERA_START[name] + (era[2] === "元" ? 1 : Number(era[2])) };
  }
  const bare = /^\(?(元|\d{1,2})\)?(年度|年)?$/.exec(t);
  if (bare && ctx?.era)
    return { ok: true, value: ERA_START[ctx.era] + (bare[1] === "元" ? 1 : Number(bare[1])) };
  return { ok: false, reason: `「${input}」を年度として読めません` };
}

export function parseJapaneseMonth(input: string): Result<{ year: number; month: number }> {
  const t = input.normalize("NFKC").replace(/\s/g, "");
  const m = /^(明治|大正|昭和|平成|令和)(元|\d{1,2})年(\d{1,2})月$/.exec(t);
  if (!m) return { ok: false, reason: "年月として読めません" };
  const year = ERA_START[m[1] as EraName] + (m[2] === "元" ? 1 : Number(m[2]));
  return { ok: true, value: { year, month: Number(m[3]) } };
}

export function parseQuantity(
  text: string,
): Result<{ value: number | null; unit: string | null; qualifier: string | null }> {
  const t = text.normalize("NFKC").replace(/,/g, "").trim();
  if (/^[-‐−–―ー]\s*(\S*)$/.test(t)) {
    const unit = /^[-‐−–―ー]\s*(\S*)$/.exec(t)![1];
    return { ok: true, value: { value: null, unit: unit || null, qualifier: null } };
  }
  const m = /^(約)?\s*(-?\d+(?:\.\d+)?)\s*([^\d\s]*?)\s*(以上|以下|未満|程度)?$/.exec(t);
  if (!m) return { ok: false, reason: "数値が含まれていません" };
  return { ok: true, value: { value: Number(m[2]), unit: m[3] || null, qualifier: m[1] ?? m[4] ?? null } };
}

export function parseYearHeaders(cells: readonly string[], ctx?: { era?: EraName }): Result<number[]> {
  const years: number[] = [];
  let era = ctx?.era;
  for (const cell of cells) {
    const t = cell.normalize("NFKC").replace(/\s/g, "");
    const letter = /^(明治|大正|昭和|平成|令和|[MTSHR])/i.exec(t);
    if (letter) era = (ERA_LETTER[letter[1]!.toUpperCase()] ?? letter[1]) as EraName;
    const r = parseFiscalYear(t, era ? { era } : undefined);
    if (!r.ok) return r;
    years.push(r.value);
  }
  return { ok: true, value: years };
}
