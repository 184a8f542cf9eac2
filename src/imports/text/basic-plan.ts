/**
 * Basic plan documents (県民活動促進基本計画, 協働推進計画, 市民活動推進計画 …) as text extracted from a PDF →
 * PlanDocument. Layout of the class: a cover (title, edition, draft mark, issued month, issuing body), a table
 * of contents (skipped; its chapters are checked against the body), then chapters 第N章 with numbered
 * sections. Narrative chapters go to `sections`; the 施策の展開方向 chapter becomes the plan tree (see
 * policy-tree.ts); the revision history, the plan period and year-column statistics are read from the narrative.
 */
import type { PlanDocument, SectionDef } from "../../plans/plan-document.js";
import { emptyDocument } from "./document.js";
import { yearMonthOf } from "./kernel.js";
import { classify, type Line, type LineKind, readLines, type Warning } from "./lines.js";
import { readPeriod, readRevisions, readStatistics } from "./narrative-facts.js";
import { buildPolicyTree } from "./policy-tree.js";
import { emptyPlaced, fillSection, newSection } from "./sections.js";

export type TextParse = { doc: PlanDocument; warnings: Warning[] };

type Chapter = { line: Line; label: string; number: number | null; heading: string };
type ChapterKind = Extract<LineKind, { kind: "chapter" }>;

/** The chapter that holds the plan tree (施策の展開方向, 施策の体系, 具体的な施策 …). */
const TREE_CHAPTER = /展開|施策の体系|具体的な?施策|施策の内容|取組の方向|推進施策|施策の方向/;
const KIND =
  /(基本計画|推進計画|行動計画|実施計画|基本指針|推進指針|指針|基本方針|計画|プラン|ビジョン|戦略)$/;

export function parseBasicPlan(text: string, options: { sourceName?: string } = {}): TextParse {
  const warnings: Warning[] = [];
  const lines = readLines(text);
  const kinds = lines.map((l) => classify(l));
  const firstStructure = kinds.findIndex((k) => k.kind === "toc" || k.kind === "chapter");
  const coverEnd = firstStructure < 0 ? Math.min(lines.length, 12) : firstStructure;
  const doc = emptyDocument("", "計画", options.sourceName ?? "");
  readCover(lines.slice(0, coverEnd), doc, warnings);

  let bodyStart = coverEnd;
  let toc: Chapter[] = [];
  if (kinds[coverEnd]?.kind === "toc") {
    const skipped = skipToc(lines, kinds, coverEnd, warnings);
    bodyStart = skipped.bodyStart;
    toc = skipped.chapters;
  }

  const chapters: { chapter: Chapter | null; lines: Line[] }[] = [{ chapter: null, lines: [] }];
  for (let i = bodyStart; i < lines.length; i++) {
    const k = kinds[i]!;
    if (k.kind === "chapter") chapters.push({ chapter: chapterOf(lines[i]!, k), lines: [] });
    else chapters.at(-1)!.lines.push(lines[i]!);
  }
  checkToc(
    toc,
    chapters.flatMap((c) => (c.chapter ? [c.chapter] : [])),
    warnings,
  );

  const placed = emptyPlaced();
  let tree: { section: SectionDef; lines: Line[] } | null = null;
  for (const { chapter, lines: chapterLines } of chapters) {
    if (chapter === null) {
      if (chapterLines.every((l) => l.text === "")) continue;
      const preface = newSection(null, "");
      fillSection(preface, chapterLines, placed);
      doc.sections.push(preface);
      continue;
    }
    const section = newSection(chapter.label, chapter.heading);
    doc.sections.push(section);
    if (tree === null && TREE_CHAPTER.test(chapter.heading)) tree = { section, lines: chapterLines };
    else fillSection(section, chapterLines, placed);
  }

  const built = buildPolicyTree(doc.sections, tree, warnings);
  doc.nodes = built.nodes;
  doc.levelNames = built.levelNames;
  doc.revisions = readRevisions(placed);
  const period = readPeriod(placed);
  if (period) {
    doc.firstYear = period.firstYear;
    doc.lastYear = period.lastYear;
  } else warnings.push({ line: 1, message: "計画期間（○年度から○年度まで）が見つかりませんでした。" });
  doc.indicators = readStatistics(placed, warnings);
  if (doc.nodes.length === 0)
    warnings.push({
      line: 1,
      message: "基本目標・施策の基本方針・施策の展開方向が見つからず、施策体系を作れませんでした。",
    });
  if (tree) doc.source.notes.push(`「${tree.section.heading}」の章は施策体系（nodes）として取り込みました。`);
  return { doc, warnings };
}

function chapterOf(line: Line, k: ChapterKind): Chapter {
  return { line, label: k.label, number: k.number, heading: k.heading };
}

/** Cover lines: title, edition (第2次改定版), draft mark ((骨子案)), issued month, issuing body. */
function readCover(cover: Line[], doc: PlanDocument, warnings: Warning[]): void {
  const texts = cover.filter((l) => l.text !== "" && classify(l).kind !== "page");
  const titleLine = texts.find((l) => KIND.test(l.text) || /計画|指針|プラン/.test(l.text)) ?? texts[0];
  if (!titleLine) {
    warnings.push({ line: 1, message: "表紙（計画名）が見つかりませんでした。" });
    doc.title = "（無題）";
    return;
  }
  doc.title = titleLine.text;
  doc.kind = KIND.exec(titleLine.text)?.[1] ?? (/指針/.test(titleLine.text) ? "指針" : "計画");
  const rest: string[] = [];
  for (const line of texts) {
    if (line === titleLine) continue;
    const t = line.text;
    if (doc.termLabel === null && /^第.{1,6}[次期]|(?:改定|改訂)版$|^第.{1,6}版$/.test(t)) doc.termLabel = t;
    else if (doc.issuedLabel === null && yearMonthOf(t) !== null) doc.issuedLabel = t;
    else if (doc.issuer == null && t.length <= 20 && /(?:県|都|道|府|市|町|村|区|部|課|局|委員会)$/.test(t))
      doc.issuer = t;
    else rest.push(t);
  }
  doc.subtitle = rest.length > 0 ? rest.join("\n") : null;
  if (rest.some((t) => /案/.test(t)))
    doc.source.notes.push(`表紙に「${rest.join(" ")}」とあり、案の段階の文書です。`);
}

/**
 * Skips a table of contents (目次): chapter lines and their section lines with page numbers, until a chapter
 * seen in the contents comes again (the body starts there).
 */
function skipToc(
  lines: Line[],
  kinds: LineKind[],
  tocLine: number,
  warnings: Warning[],
): { bodyStart: number; chapters: Chapter[] } {
  const chapters: Chapter[] = [];
  for (let i = tocLine + 1; i < lines.length; i++) {
    const k = kinds[i]!;
    if (k.kind !== "chapter") continue;
    if (chapters.some((c) => c.label === k.label)) return { bodyStart: i, chapters };
    chapters.push(chapterOf(lines[i]!, k));
  }
  warnings.push({
    line: lines[tocLine]!.no,
    message: "目次の終わりが分からないため、目次以降をすべて本文として読みました。",
  });
  return { bodyStart: tocLine + 1, chapters: [] };
}

function checkToc(toc: Chapter[], body: Chapter[], warnings: Warning[]): void {
  for (const entry of toc) {
    const found = body.find((b) => b.label === entry.label);
    if (!found)
      warnings.push({ line: entry.line.no, message: `目次の「${entry.line.text}」が本文にありません。` });
    else if (squash(found.heading) !== squash(entry.heading))
      warnings.push({
        line: found.line.no,
        message: `本文の章題「${found.line.text}」が目次の「${entry.line.text}」と異なります。`,
      });
  }
}

function squash(text: string): string {
  return text.normalize("NFKC").replace(/\s/g, "");
}
