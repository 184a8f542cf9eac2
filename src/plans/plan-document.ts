/**
 * PlanDocument: a whole plan as plain data — what an importer (xlsx, CSV, paste, PDF text) produces and what
 * `importPlanDocument` writes, and what exports/round trips read back. Lossless for the reference documents in
 * ../shared/reference-docs/ and for their class (basic plans, guideline progress lists, policy overviews, PDCA sheets).
 *
 * Conventions:
 * - Fiscal years are Western integers (2013 = 平成25年度). Dates are ISO `yyyy-mm-dd`; year-months `yyyy-mm`.
 * - Text is kept as printed (full-width digits, line breaks); `label` fields keep the printed form (`（1）`, `Ⅱ-ア`).
 * - Absent is `null`, never 0 or "".
 * - Tallies are never part of the data; a tally printed in a source is kept as `statedTallies` to compare with.
 */
export type CanonicalStatus = "done" | "partly" | "in_progress" | "not_started" | "discontinued";

export type PlanDocument = {
  title: string;
  /** 基本計画 | 推進計画 | 指針 | 施策別概要 | 行動計画 … as the document calls itself */
  kind: string;
  /** 第1期, 第2次改定版 … */
  termLabel: string | null;
  subtitle: string | null;
  /** as printed on the cover, e.g. 平成25年3月 */
  issuedLabel: string | null;
  /** The issuing body as printed on the cover (山口県, ○○市 市民協働課); absent when the source names none. */
  issuer?: string | null;
  firstYear: number | null;
  lastYear: number | null;
  /** Names of the tree levels, outermost first (基本目標 → 基本方針 → 施策の展開方向 → 具体的な取組). */
  levelNames: string[];
  tiers: TierDef[];
  statusVocabulary: StatusDef[];
  gradeVocabulary: GradeDef[];
  revisions: RevisionDef[];
  /** Narrative chapters (第1章 …) with sections, paragraphs, bullet lists and tables. */
  sections: SectionDef[];
  /** The plan tree. Category rows are nodes with kind "category". */
  nodes: NodeDef[];
  indicators: IndicatorDef[];
  budgets: BudgetDef[];
  /** Progress reported in the source (a status column, 実績 text …), as one round per fiscal year. */
  rounds: RoundDef[];
  /** Departments named anywhere in the document (主担当部, 推進課 …), by printed name. */
  departments: string[];
  /** Where the document came from: file name, and anything the importer wants a person to know. */
  source: { name: string; notes: string[] };
};

export type TierDef = {
  /** canonical code: Ⅰ, Ⅱ-ア, Ⅱ-イ, Ⅲ */
  code: string;
  /** as printed: 【Ⅰ】<重点> */
  label: string;
  /** 優先度が高く、短期的（1～2年）に実施していくもの */
  definition: string | null;
};

export type StatusDef = { label: string; canonical: CanonicalStatus };
export type GradeDef = { label: string; definition: string | null };

export type RevisionDef = {
  /** 条例制定 | 策定 | 改定 | 延長 … */
  kind: string;
  /** yyyy-mm (平成15年3月 → 2003-03) */
  month: string | null;
  /** as printed */
  label: string;
  note: string | null;
};

export type Block =
  | { type: "paragraph"; text: string }
  | { type: "bullets"; items: string[] }
  | { type: "table"; caption: string | null; header: string[]; rows: string[][]; note: string | null }
  | { type: "note"; text: string }
  /** a figure the source shows (a chart image) that text extraction lost; its caption is kept */
  | { type: "figure"; caption: string };

export type SectionDef = {
  /** 第1章, 1, (1) — as printed */
  label: string | null;
  heading: string;
  blocks: Block[];
  children: SectionDef[];
};

/** Fiscal year → ○ (start) or → (continue), as in 実施目標年度 grids. */
export type ScheduleMark = "start" | "continue";

export type NodeDef = {
  /** Stable key within the document (used by indicators, budgets and 再掲 to point at a node). */
  key: string;
  kind: "item" | "category";
  /** 0-based index into levelNames */
  level: number;
  /** as printed: I, （1）, ア, 52101, 1 — null when the source prints none */
  label: string | null;
  title: string;
  /** 計画上の記載 / 施策の方向性 / 内容 */
  content: string | null;
  /** 取組目標, e.g. 【毎年15名以上の派遣】 */
  yearlyGoal: string | null;
  /** 目指すべき姿 (final-year target state) */
  targetState: string | null;
  tierCode: string | null;
  /** printed department names; ["全課"] for all divisions */
  departments: string[];
  implementingBody: string | null;
  schedule: Record<string, ScheduleMark>;
  /** 再掲: the key of the node this one lists again (its own fields are then ignored in tallies) */
  crossRefOf: string | null;
  /** Proposal for the next term (2期案) and its reason. */
  nextTerm: { label: string; tierCode: string | null; completed: boolean; reason: string | null } | null;
  /** Further named fields the source has (対象, 意図 …), kept verbatim. */
  attributes: Record<string, string>;
  children: NodeDef[];
};

export type IndicatorDef = {
  nodeKey: string | null;
  /** main (主指標) | sub (副指標) | statistic (統計, no targets) */
  role: "main" | "sub" | "statistic";
  name: string;
  unit: string | null;
  definition: string | null;
  direction: "up" | "down" | null;
  baselineYear: number | null;
  values: { fiscalYear: number; target: number | null; actual: number | null; note: string | null }[];
  /** e.g. (県民生活課資料) (年度末) */
  sourceNote: string | null;
};

export type BudgetDef = {
  nodeKey: string | null;
  name: string;
  /** 基本事業名 as printed, e.g. 52101 NPOと行政との協働の推進 */
  servesLabel: string | null;
  summary: string | null;
  /** thousand yen; null = printed as "-" */
  amounts: { fiscalYear: number; amount: number | null }[];
};

export type RoundDef = {
  fiscalYear: number;
  /** as printed: 平成26年12月末日時点, ※12月20日現在 */
  asOfLabel: string | null;
  asOfDate: string | null;
  entries: EntryDef[];
  /** e.g. tier Ⅰ: "5/6：済 1/6：未" as printed, parsed into counts */
  statedTallies: StatedTally[];
};

export type EntryDef = {
  nodeKey: string;
  department: string | null;
  statusLabel: string | null;
  grade: string | null;
  /** 実績 / 施策実施状況 */
  result: string | null;
  /** PDCA texts */
  doText: string | null;
  checkText: string | null;
  issuesText: string | null;
  actText: string | null;
  /** 現状と課題 bullets, 取組方向 … that a policy overview reports per year */
  narrative: { heading: string; blocks: Block[] }[];
};

export type StatedTally = {
  /** grouping: tier code, department, or null for the whole plan */
  groupBy: "tier" | "department" | "plan";
  group: string | null;
  /** as printed */
  text: string;
  /** status label → { count, of } as printed, e.g. 済 → 5/6 */
  counts: { statusLabel: string; count: number; of: number }[];
};
