/**
 * The report model: what every renderer (HTML, xlsx, CSV, PDF) prints, built once from the plan's data by a pure
 * function, so the outputs can never disagree. Tallies in it are computed here, from the items.
 */

import { formatJapaneseDate, type YearStyle } from "../japanese/index.js";
import type { BudgetDef, IndicatorDef, NodeDef, PlanDocument, RoundDef } from "../plans/plan-document.js";
import { fiscalYearLabel } from "../plans/plan-years.js";

export type RoundState = "open" | "closed" | "published";
export type SourceRound = RoundDef & { id: string; state: RoundState };

/** Everything a report may print, read once (load-report-source.ts). Internal comments are never part of it. */
export type ReportSource = {
  plan: Pick<
    PlanDocument,
    | "title"
    | "kind"
    | "termLabel"
    | "subtitle"
    | "issuedLabel"
    | "firstYear"
    | "lastYear"
    | "levelNames"
    | "tiers"
    | "statusVocabulary"
    | "gradeVocabulary"
    | "revisions"
    | "sections"
    | "departments"
  > & { id: string; issuer: string | null };
  orgName: string;
  /** organisations.year_style: wareki | wareki-short | western | both */
  orgYearStyle: string;
  nodes: NodeDef[];
  indicators: IndicatorDef[];
  budgets: BudgetDef[];
  rounds: SourceRound[];
  /** node key → the plan node's UUID (the `ID` column of CSV/xlsx outputs, read back by the importers) */
  nodeIds?: ReadonlyMap<string, string>;
};

export type Audience = "internal" | "public";
export type BuildOptions = { roundId: string | null; audience: Audience };

export type HeadCell = { text: string; colSpan: number; rowSpan: number };
export type TableRow =
  | { kind: "group"; level: number; text: string }
  /** `flagged`: the row holds a difference to mark (a stated tally that disagrees with the computed one) */
  | { kind: "data"; cells: string[]; flagged?: boolean; total?: boolean; id?: string };

export type TableBlock = {
  type: "table";
  caption: string | null;
  /** header rows; cells span columns/rows as printed (merged headers) */
  head: HeadCell[][];
  /** relative widths in characters, one per column */
  widths: number[];
  rows: TableRow[];
  /** the main table of a list layout: its header repeats on every printed page and in the xlsx print titles */
  main?: boolean;
};

export type ReportBlock =
  | { type: "heading"; level: 2 | 3 | 4; text: string }
  | { type: "paragraph"; text: string }
  | { type: "bullets"; items: string[] }
  | { type: "fields"; items: { label: string; text: string }[] }
  | { type: "note"; text: string }
  | TableBlock;

export type ReportModel = {
  title: string;
  subtitle: string | null;
  orgName: string;
  layoutName: string;
  /** 令和5年度 進捗状況（※12月20日現在） — the round the report speaks for */
  asOf: string | null;
  /** things a reader must know: no items, no entries, a field the plan lacks, filters in force */
  notes: string[];
  blocks: ReportBlock[];
  legend: { term: string; text: string }[];
  /** the worksheet name (Japanese, ≤ 31 characters, none of : \ / ? * [ ]) */
  sheetName: string;
  /** the download name without extension */
  filename: string;
  /** a document-style report's items as a table: the xlsx's second sheet and the CSV (see buildReport) */
  itemsTable?: () => ReportModel;
};

/** The year style a layout asks for ("org" = the organisation's). */
export function styleOf(layoutStyle: string, orgStyle: string): string {
  return layoutStyle === "org" ? orgStyle : layoutStyle;
}

export function yearLabel(fy: number, style: string): string {
  return fiscalYearLabel(fy, style);
}

/**
 * The round a report speaks for: the one asked for, else the latest published (by fiscal year), else — for
 * internal readers — the latest of any state. The public only ever sees published rounds.
 */
export function pickRound(
  rounds: readonly SourceRound[],
  opts: BuildOptions,
): { round: SourceRound | null; note: string | null } {
  const visible = opts.audience === "public" ? rounds.filter((r) => r.state === "published") : rounds;
  if (opts.roundId) {
    const r = visible.find((x) => x.id === opts.roundId) ?? null;
    if (r) return { round: r, note: null };
    return {
      round: null,
      note: "指定された報告回は見つからないか、公開されていません。進捗の記載なしで表示しています。",
    };
  }
  const latest = (list: readonly SourceRound[]) =>
    list.reduce<SourceRound | null>((b, r) => (b === null || r.fiscalYear >= b.fiscalYear ? r : b), null);
  const r = latest(visible.filter((x) => x.state === "published")) ?? latest(visible);
  if (r) return { round: r, note: null };
  return {
    round: null,
    note:
      opts.audience === "public"
        ? "公開された進捗の報告回はまだありません。計画の内容のみを表示しています。"
        : "進捗の報告回がありません。計画の内容のみを表示しています。",
  };
}

export function asOfLine(round: SourceRound | null, style: string): string | null {
  if (!round) return null;
  const when =
    round.asOfLabel ??
    (round.asOfDate ? `${formatJapaneseDate(round.asOfDate, style as YearStyle)}時点` : null);
  return `${yearLabel(round.fiscalYear, style)}の進捗${when ? `（${when}）` : ""}`;
}

/** A worksheet name Excel accepts: ≤ 31 characters, none of : \ / ? * [ ], not blank. */
export function sheetNameOf(name: string): string {
  const s = name
    .replace(/[:\\/?*[\]]/g, "・")
    .trim()
    .slice(0, 31);
  return s || "報告書";
}

/** A download name: the plan and layout names, safe on Windows (no \ / : * ? " < > |). */
export function filenameOf(...parts: (string | null)[]): string {
  return (
    parts
      .filter((p): p is string => !!p)
      .join("_")
      .replace(/[\\/:*?"<>|\s]+/g, "_")
      .slice(0, 80) || "report"
  );
}

/** Depth-first walk of a tree of nodes. */
export function walkNodes(nodes: readonly NodeDef[], visit: (n: NodeDef, parent: NodeDef | null) => void) {
  const go = (list: readonly NodeDef[], parent: NodeDef | null) => {
    for (const n of list) {
      visit(n, parent);
      go(n.children, n);
    }
  };
  go(nodes, null);
}

export function headRow(labels: readonly string[]): HeadCell[] {
  return labels.map((text) => ({ text, colSpan: 1, rowSpan: 1 }));
}

/** Thousands separators, as the documents print numbers (1,600); absent → `-`. */
export function num(v: number | null, unit = ""): string {
  if (v === null) return "-";
  return `${v.toLocaleString("ja-JP", { maximumFractionDigits: 10 })}${unit}`;
}
