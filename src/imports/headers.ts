import { parseFiscalYear } from "../japanese/index.js";
/**
 * The Japanese column headers the plan lists of this class use, mapped to PlanDocument fields. Matching is done on
 * a key that ignores width, spaces and line breaks (`施策の\n実施`, `施策の 実施`, `ＮＯ` all match), so only the
 * wording variants themselves are listed here.
 */

export const FIELD_IDS = [
  "number",
  "title",
  "content",
  "tier",
  "departments",
  "implementingBody",
  "status",
  "grade",
  "result",
  "nextTerm",
  "reason",
  "doText",
  "checkText",
  "issuesText",
  "actText",
  "yearlyGoal",
  "targetState",
  "crossRef",
  "indicatorName",
  "unit",
  "id",
  "kind",
  "fiscalYear",
] as const;

export type FieldId = (typeof FIELD_IDS)[number];

/** Japanese names of the fields, for the mapping form and for messages. */
export const FIELD_LABELS: Record<FieldId, string> = {
  number: "番号",
  title: "項目名（内容）",
  content: "施策の方向性・計画上の記載",
  tier: "重点（優先度）",
  departments: "担当課",
  implementingBody: "実施主体",
  status: "進捗状況",
  grade: "評価",
  result: "実績",
  nextTerm: "次期案（2期案）",
  reason: "理由",
  doText: "実行(D)",
  checkText: "評価(C)",
  issuesText: "課題",
  actText: "改善(A)",
  yearlyGoal: "取組目標",
  targetState: "目指すべき姿",
  crossRef: "再掲",
  indicatorName: "指標名",
  unit: "単位",
  id: "ID（項目の識別子）",
  kind: "種別（分類・取組）",
  fiscalYear: "年度（行ごと）",
};

/** Width-, space- and case-insensitive key for a header cell. */
export function headerKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .replace(/[()（）]/g, (c) => (c === "（" ? "(" : c === "）" ? ")" : c))
    .toLowerCase();
}

/**
 * A header of one PDCA step: the step's own words (`alone`), or its Japanese name with the English one beside it in
 * brackets, either way round: 計画（Plan）, Plan（計画）, 実行（D）, Do（実施）.
 */
function pdca(japanese: string, english: string, alone: RegExp): RegExp {
  const j = `(?:${japanese})`;
  const e = `(?:${english})`;
  return new RegExp(`^(?:${alone.source}|${j}\\(${e}\\)|${e}\\(${j}\\))$`);
}

const FIELD_HEADERS: [FieldId, RegExp][] = [
  [
    "number",
    /^(no\.?|№|番号|通し番号|項番|整理番号|施策番号|取組番号|事業番号|項目番号|管理番号|事業no\.?)$/,
  ],
  ["checkText", pdca("評価", "check|c", /評価\(c\)|\(c\)評価|c評価|評価c|check|c/)],
  ["doText", pdca("実行|実施", "do|d", /実行\(d\)|\(d\)実行|実行|実施\(d\)|do|d/)],
  [
    "actText",
    pdca(
      "改善|見直し",
      "action|act|a",
      /改善\(a\)|\(a\)改善|改善|今後の方向性\(a\)|今後の方向|今後の方向性|action|a|今後の取組|今後の方針|今後の対応|改善策|次年度の取組|課題・今後の方向性|方向性/,
    ),
  ],
  [
    "content",
    pdca(
      "計画|行動計画",
      "plan|p",
      /行動計画\(p\)|\(p\)行動計画|行動計画|計画\(p\)|plan|p|施策の方向性|計画上の記載|概要|事業概要|施策の内容|施策概要|事業内容|事業の概要|取組の概要|主な取組内容/,
    ),
  ],
  [
    "title",
    /^(内容|項目|項目名|施策|施策名|施策名称|具体施策|具体的施策|具体的な施策|取組|取組名|取組項目|具体的な取組|具体的取組|取組内容|事業名|事業名称|事業|具体的な事業|実施事業|主な事業|主な取組|施策・事業名)$/,
  ],
  ["tier", /^(重点|優先度|優先順位|重点度|重点施策|重点区分)$/],
  [
    "departments",
    /^(推進課|担当課|主担当部|主担当課|担当部|担当部局|担当部署|所管課|所管部|所管|担当|関係課|担当課名|推進課等|所管部局|担当部課|担当課室|所管課名|担当部署名|担当部局名|主管課|主管部局|担当所属)$/,
  ],
  ["implementingBody", /^(実施主体|主体)$/],
  [
    "status",
    /^(施策実施状況|施策の実施|施策の実施状況|進捗状況|進捗|実施状況|達成状況|状況|進捗度|実施の有無)$/,
  ],
  // 評価（A～D）, 自己評価（5段階）: the scale written beside the header (評価(C) is the C of PDCA, read above)
  ["grade", /^(評価|自己評価|評価区分|達成度|総合評価|評価結果|達成度評価)(\(.*\))?$/],
  ["result", /^(実績|取組実績|主な実績|実施内容|取組状況|成果|実施結果|取組の実績|実施実績)$/],
  [
    "nextTerm",
    /^(2期案|第2期案|2期|次期案|次期計画案|次期の方向性|次期方針|見直し案|次期計画での扱い|次期計画での方向性)$/,
  ],
  ["reason", /^(理由|2期案の理由|次期案の理由|変更理由|見直しの理由)$/],
  ["issuesText", /^(課題|今後の課題|課題・問題点)$/],
  ["yearlyGoal", /^(取組目標|年度目標|目標|取組の目標)$/],
  ["targetState", /^(目指すべき姿|目指す姿|最終年度の姿|最終目標|将来像|あるべき姿)$/],
  ["crossRef", /^(再掲|再掲元)$/],
  ["indicatorName", /^(指標|指標名|数値目標|成果指標)$/],
  ["unit", /^(単位)$/],
  // the product's own exports end with the node's UUID (reports) or carry the stable item key (templates)
  ["id", /^(id|uuid|項目id|項目キー|キー|key)$/],
  // item | category, as the open data (data.csv) says it; 分類 / 取組 as a clerk would write it
  ["kind", /^(種別|項目の種別)$/],
  // a table listing several years' progress, a row per year (the open data): only the rows of the year imported
  ["fiscalYear", /^(年度|報告年度|進捗の年度)$/],
];

/**
 * The title the product writes over the items table it appends to a document-style report's CSV (and names that
 * xlsx sheet): the importer reads the table under it, not the document above, as what was exported.
 */
export const ITEMS_TABLE_TITLE = "項目一覧（取り込み用）";

/** What a 種別 cell says a row is, or null when it says nothing this import knows. */
export function kindOfCell(text: string): "item" | "category" | null {
  const key = headerKey(text);
  if (/^(category|分類|見出し)$/.test(key)) return "category";
  if (/^(item|取組|事業)$/.test(key)) return "item";
  return null;
}

/**
 * Columns of the product's own open data (data.csv) that say where a row belongs rather than what the item is: the
 * organisation, the plan, the parent, level and path, the date of the progress. In a sheet that
 * carries the ID column they are read past, not kept as attributes of every item.
 */
export function isExportContextHeader(text: string): boolean {
  return /^(全国地方公共団体コード|団体コード|団体名|計画id|計画名|親項目id|階層|体系|再掲元項目id|時点)$/.test(
    headerKey(text),
  );
}

/** The field a header names, or null. A year before or after the name is read past: R5実施状況, 実績(令和5年度). */
export function fieldOfHeader(text: string): FieldId | null {
  const key = headerKey(text);
  if (key === "") return null;
  for (const [field, re] of FIELD_HEADERS) if (re.test(key)) return field;
  const bare = withoutYear(key);
  if (bare === key || bare === "") return null;
  for (const [field, re] of FIELD_HEADERS) if (re.test(bare)) return field;
  return null;
}

/** A fiscal year as headers write it: R5, 令和5年度, H25, 2023年度 (in a header key: NFKC, lower case). */
const HEADER_YEAR = "(?:令和|平成|r|h)(?:元|[0-9]{1,2})年?度?|[0-9]{4}年?度?";

/** A header key without the fiscal year written before or after it (`r5実施状況`, `実績(令和5年度)`), if any. */
export function withoutYear(key: string): string {
  return key
    .replace(new RegExp(`^(?:${HEADER_YEAR})の?`), "")
    .replace(new RegExp(`\\((?:${HEADER_YEAR})\\)$|(?:${HEADER_YEAR})$`), "");
}

/** The fiscal year written before or after a field's header (R5実施状況 → 2023), or null. */
export function yearOfHeader(text: string): number | null {
  const key = headerKey(text);
  const bare = withoutYear(key);
  if (bare === key || bare === "") return null;
  const year = new RegExp(`^(?:${HEADER_YEAR})|(?:${HEADER_YEAR})\\)?$`).exec(key)?.[0].replace(/\)$/, "");
  const parsed = year ? parseFiscalYear(year.toUpperCase()) : null;
  return parsed?.ok ? parsed.value : null;
}

/** schedule (○/→ marks), an indicator's target / actual, a budget line's amount (千円) */
export type YearGroupKind = "schedule" | "target" | "actual" | "amount";

/** A header that heads a group of fiscal-year columns (実施目標年度 over H25 H26 …; 目標値 / 実績値 per year). */
export function yearGroupOfHeader(text: string): YearGroupKind | null {
  const key = headerKey(text);
  if (
    /^(実施目標年度|実施年度|目標年度|スケジュール|年次計画|実施時期|実施予定|工程|工程表|計画期間)$/.test(
      key,
    )
  ) {
    return "schedule";
  }
  if (/^(目標値|目標|目標値\(.*\)|数値目標)$/.test(key)) return "target";
  if (/^(実績値|実績|実績値\(.*\))$/.test(key)) return "actual";
  return null;
}

/** Cells of a header row that are not a known field but are plausible header words (short, no sentence). */
export function looksLikeHeaderWord(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 16 && !/[。、]/.test(t);
}
