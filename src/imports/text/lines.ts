/**
 * Lines of text extracted from a PDF, despaced and classified by what they look like on the page: chapter
 * headings (第N章), numbered headings (1, (1), I, ①), bullets (- / ・), notes ((※)), lost figures (〔…〕),
 * source notes ((…資料) (年度末)), subheadings (《…》, […]), table rows (tab-separated), page numbers.
 * Classification is by typography only; what a line means for the plan is decided by the class parsers.
 */
import { despace, leadingNumbering, type Numbering } from "./kernel.js";

export type Warning = { line: number; message: string };

export type Line = {
  /** 1-based line number in the source text */
  no: number;
  /** despaced and trimmed; tab-separated cells joined by a tab */
  text: string;
  /** the cells of a tab-separated row (despaced and trimmed), null for other lines */
  cells: string[] | null;
};

export type LineKind =
  | { kind: "blank" }
  | { kind: "page" }
  | { kind: "toc" }
  | { kind: "chapter"; label: string; number: number | null; heading: string }
  | { kind: "heading"; numbering: Numbering }
  | { kind: "bullet"; text: string }
  | { kind: "note"; text: string }
  | { kind: "figure"; caption: string }
  | { kind: "subheading"; text: string; inner: string }
  | { kind: "source"; text: string }
  | { kind: "row"; cells: string[] }
  | { kind: "paragraph"; text: string };

const SPACES = /^[ \u3000\u00a0]+|[ \u3000\u00a0]+$/g;

/** A gap between the columns of a table laid out with spaces (`pdftotext -layout`): two spaces or more. */
const COLUMN_GAP = /[ \u3000\u00a0]{2,}/;

/**
 * Splits text into lines (any line ending, BOM removed), despacing each line and each cell. A row's cells are
 * separated by tabs, or — in text extracted with its layout, where a table's columns are padded with spaces — by
 * gaps of two spaces or more when that gives three cells or more (an indented row starts with an empty cell, as
 * a row of the tab-separated text starting with a tab does). Two parts apart are left as text: a heading set off
 * from its number, or centred, looks the same; a two-column table laid out with spaces is therefore read as lines.
 */
export function readLines(text: string): Line[] {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  return source.split("\n").map((raw, i) => {
    const no = i + 1;
    const parts = raw.includes("\t") ? raw.split("\t") : spacedCells(raw);
    if (parts) {
      const cells = parts.map((c) => despace(c.replace(SPACES, "")).replace(SPACES, ""));
      const filled = cells.filter((c) => c !== "").length;
      if (filled >= 2) return { no, text: cells.join("\t"), cells };
      return { no, text: cells.filter((c) => c !== "").join(" "), cells: null };
    }
    return { no, text: despace(raw.replace(SPACES, "")).replace(SPACES, ""), cells: null };
  });
}

function spacedCells(raw: string): string[] | null {
  const body = raw.replace(/[ \u3000\u00a0]+$/, "");
  const cells = body.trim().split(COLUMN_GAP);
  if (cells.length < 3) return null;
  return /^[ \u3000\u00a0]{2,}/.test(body) ? ["", ...cells] : cells;
}

const KANJI_DIGITS = "〇一二三四五六七八九";
/** 第３章, 第十二章 → 3, 12 */
function chapterNumber(text: string): number | null {
  const t = text.normalize("NFKC");
  if (/^\d+$/.test(t)) return Number(t);
  let value = 0;
  let current = 0;
  for (const ch of t) {
    if (ch === "十") {
      value += (current || 1) * 10;
      current = 0;
    } else if (KANJI_DIGITS.includes(ch)) current = KANJI_DIGITS.indexOf(ch);
    else return null;
  }
  return value + current;
}

const CHAPTER = /^(第\s*([0-9０-９]+|[〇一二三四五六七八九十]+)\s*章)[\s\u3000]*(.*)$/;
const BULLET = /^(?:(?:[-‐－−]\s+|[-‐－−](?=[・•●◆■◇□○◎])|[・•●◆■◇□○◎]\s*))+/;
const NOTE = /^(?:[(（]\s*※\s*[0-9０-９]*\s*[)）]|※)/;
const FIGURE = /^〔[^〕]+〕/;
const SUBHEADING = /^(?:《([^》]+)》|【([^】]+)】|\[([^\]]+)\]|［([^］]+)］)/;
const SOURCE = /^[(（][^()（）]+[)）](?:[\s\u3000]*[(（][^()（）]+[)）])*$/;
const PAGE =
  /^(?:[-－‐—]\s*)?[0-9０-９]{1,3}(?:\s*[-－‐—])?$|^[-－‐—]\s*[0-9０-９]{1,3}\s*[-－‐—]$|^頁$|^ページ$/;

/** What a line looks like. `maxHeading` bounds the length of a numbered heading's text. */
export function classify(line: Line, maxHeading = 60): LineKind {
  const t = line.text;
  if (line.cells) return { kind: "row", cells: line.cells };
  if (t === "") return { kind: "blank" };
  if (PAGE.test(t)) return { kind: "page" };
  if (/^目[\s\u3000]*次$/.test(t)) return { kind: "toc" };
  const chapter = CHAPTER.exec(t);
  if (chapter) {
    return {
      kind: "chapter",
      label: chapter[1]!.replace(/\s/g, ""),
      number: chapterNumber(chapter[2]!),
      heading: chapter[3]!.trim(),
    };
  }
  const bullet = BULLET.exec(t);
  if (bullet && t.length > bullet[0].length)
    return { kind: "bullet", text: t.slice(bullet[0].length).trim() };
  if (NOTE.test(t)) return { kind: "note", text: t };
  if (FIGURE.test(t)) return { kind: "figure", caption: t };
  const sub = SUBHEADING.exec(t);
  if (sub) {
    const inner = (sub[1] ?? sub[2] ?? sub[3] ?? sub[4] ?? "").trim();
    return { kind: "subheading", text: t, inner };
  }
  if (SOURCE.test(t) && !/^[(（]\s*[0-9０-９]+\s*[)）]$/.test(t)) return { kind: "source", text: t };
  const numbering = leadingNumbering(t);
  if (numbering && isHeadingText(numbering.rest, maxHeading)) return { kind: "heading", numbering };
  return { kind: "paragraph", text: t };
}

/** A numbered line is a heading when its text is short and not a sentence. */
function isHeadingText(rest: string, max: number): boolean {
  return rest.length <= max && !/[。．]$/.test(rest);
}
