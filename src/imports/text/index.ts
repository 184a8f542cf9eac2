/**
 * Plain text extracted from PDFs → PlanDocument, for two document classes: basic plans (基本計画 with
 * chapters 第N章, a policy tree and narrative) and policy overviews (施策別概要 with indicators, progress and
 * budgets). `parsePlanText` detects the class; text of neither class is kept as paragraphs with a warning.
 * Never throws: what cannot be placed is reported with its line number and a reason in Japanese.
 */
import type { PlanDocument } from "../../plans/plan-document.js";
import { parseBasicPlan, type TextParse } from "./basic-plan.js";
import { emptyDocument } from "./document.js";
import { readLines, type Warning } from "./lines.js";
import { parsePolicyOverview } from "./policy-overview.js";
import { emptyPlaced, fillSection, newSection } from "./sections.js";

export { parseBasicPlan, type TextParse } from "./basic-plan.js";
export type { Warning } from "./lines.js";
export { parsePolicyOverview } from "./policy-overview.js";

export type PlanTextKind = "basic-plan" | "policy-overview" | "unknown";

export type PlanTextResult = { doc: PlanDocument; kind: PlanTextKind; warnings: Warning[] };

const OVERVIEW_SIGNALS = [
  /施策別概要|施策評価|施策概要/,
  /主指標|副指標/,
  /予算額/,
  /基本事業/,
  /目標値/,
  /実績値/,
  /主な事業/,
  /主担当部/,
];
const CHAPTER = /^[\s\u3000]*第[\s\u3000]*[0-9０-９一二三四五六七八九十]+[\s\u3000]*章/;
const PLAN_TITLE = /計画|指針|プラン|ビジョン|戦略/;

/** Which class a text belongs to, from its vocabulary and layout. */
export function detectPlanTextKind(text: string): PlanTextKind {
  const lines = readLines(text);
  const joined = lines.map((l) => l.text.replace(/\s/g, "")).join("\n");
  const overview = OVERVIEW_SIGNALS.filter((re) => re.test(joined)).length;
  const chapters = lines.filter((l) => CHAPTER.test(l.text)).length;
  const head = lines
    .slice(0, 15)
    .map((l) => l.text)
    .join("\n");
  if (overview >= 3 && chapters < 2) return "policy-overview";
  if (chapters >= 2 || (chapters >= 1 && PLAN_TITLE.test(head))) return "basic-plan";
  if (overview >= 3) return "policy-overview";
  return "unknown";
}

/** Parses PDF text of a basic plan or a policy overview into a PlanDocument. */
export function parsePlanText(text: string, options: { sourceName?: string } = {}): PlanTextResult {
  const kind = detectPlanTextKind(text);
  if (kind === "basic-plan") return { kind, ...parseBasicPlan(text, options) };
  if (kind === "policy-overview") return { kind, ...parsePolicyOverview(text, options) };
  return { kind, ...parseUnknown(text, options) };
}

/** Text of no known class: every line kept as narrative, with one warning saying so. */
function parseUnknown(text: string, options: { sourceName?: string }): TextParse {
  const lines = readLines(text);
  const first = lines.find((l) => l.text !== "");
  const doc = emptyDocument(first?.text.slice(0, 200) || "（無題）", "不明", options.sourceName ?? "");
  const section = newSection(null, "");
  fillSection(section, lines, emptyPlaced());
  if (section.blocks.length > 0 || section.children.length > 0) doc.sections.push(section);
  return {
    doc,
    warnings: [
      {
        line: first?.no ?? 1,
        message:
          "基本計画（第N章 …）とも施策別概要（主指標・予算額 …）とも判別できないため、本文を段落として取り込みました。",
      },
    ],
  };
}
