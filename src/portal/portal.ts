/**
 * The public portal: types and pure rules (no SQL, no HTTP). What the public may see, how queries and page numbers
 * are read, the open-data columns (one list feeds the CSV header, the JSON and the column-definition page), the
 * Atom feed and the DCAT-style catalogue.
 */
import { canonicalOf, type StatusDef, type TierDef } from "../plans/plan.js";

export type Licence = { code: string; name: string; shortName: string; url: string };

/**
 * The licences a plan's open data can be published under; CC BY 4.0 unless the plan's owner chooses otherwise
 * when publishing (docs/decisions/0011-portal-publication.md). "custom" takes a name and a URL.
 */
export const LICENCES: readonly Licence[] = [
  {
    code: "cc-by-4.0",
    name: "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）",
    shortName: "CC BY 4.0",
    url: "https://creativecommons.org/licenses/by/4.0/deed.ja",
  },
  {
    code: "cc0-1.0",
    name: "クリエイティブ・コモンズ CC0 1.0 全世界 パブリック・ドメイン提供",
    shortName: "CC0 1.0",
    url: "https://creativecommons.org/publicdomain/zero/1.0/deed.ja",
  },
  {
    code: "pdl-1.0",
    name: "公共データ利用規約（第1.0版）（PDL1.0、CC BY 4.0 互換）",
    shortName: "PDL1.0",
    url: "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
  },
  {
    code: "gov-standard-2.0",
    name: "政府標準利用規約（第2.0版）（CC BY 4.0 互換）",
    shortName: "政府標準利用規約2.0",
    url: "https://cio.go.jp/policy-opendata",
  },
];
export const DEFAULT_LICENCE: Licence = LICENCES[0]!;
export const CUSTOM_LICENCE = "custom";

/** The licence of a publication row: a known code, a custom name and URL, or the default for anything else. */
export function licenceOf(code: string | null, name?: string | null, url?: string | null): Licence {
  if (code === CUSTOM_LICENCE && name && url) return { code, name, shortName: name, url };
  return LICENCES.find((l) => l.code === code) ?? DEFAULT_LICENCE;
}

export type PublicOrg = { id: string; code: string; name: string; yearStyle: string };

export type PublicPlan = {
  id: string;
  title: string;
  kind: string;
  termLabel: string | null;
  subtitle: string | null;
  issuer: string | null;
  firstYear: number | null;
  lastYear: number | null;
  status: string;
  levelNames: string[];
  tiers: TierDef[];
  statusVocabulary: StatusDef[];
  publishedAt: Date;
  /** the licence its open data is published under */
  licence: Licence;
  /** the newest change of anything the public pages of the plan show */
  modifiedAt: Date;
  org: PublicOrg;
};

export type PublicNode = {
  id: string;
  key: string;
  parentId: string | null;
  position: number;
  kind: "item" | "category";
  level: number;
  label: string | null;
  title: string;
  tierCode: string | null;
  crossRefOf: string | null;
};

export type PublicNodeDetail = PublicNode & {
  content: string | null;
  yearlyGoal: string | null;
  targetState: string | null;
  implementingBody: string | null;
  departments: string[];
};

/** One department's approved report on an item in a published round. */
export type PublicProgress = {
  entryId: string;
  roundId: string;
  nodeId: string;
  fiscalYear: number;
  asOfLabel: string | null;
  asOfDate: string | null;
  departmentName: string | null;
  statusLabel: string | null;
  grade: string | null;
  result: string | null;
  doText: string | null;
  checkText: string | null;
  issuesText: string | null;
  actText: string | null;
  updatedAt: Date;
};

export type PublicIndicator = {
  id: string;
  nodeId: string | null;
  role: "main" | "sub" | "statistic";
  name: string;
  unit: string | null;
  definition: string | null;
  direction: "up" | "down" | null;
  baselineYear: number | null;
  sourceNote: string | null;
  values: { fiscalYear: number; target: number | null; actual: number | null }[];
};

export type PublicItem = {
  plan: PublicPlan;
  node: PublicNodeDetail;
  /** root first, the node's parent last */
  ancestors: Pick<PublicNode, "id" | "label" | "title" | "kind">[];
  progress: PublicProgress[];
  indicators: PublicIndicator[];
};

// ---------------------------------------------------------------------------------------------------------------
// Reading requests

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string | undefined): s is string => typeof s === "string" && UUID.test(s);

/** Longest search text accepted (characters after trimming). */
export const MAX_QUERY_LENGTH = 100;
/** Most search terms (split on spaces) used. */
export const MAX_TERMS = 5;
export const RESULTS_PER_PAGE = 50;
export const MAX_PAGE = 200;

export type SearchQuery = { text: string; terms: string[]; page: number };

/**
 * Reads `q` and `page` of the search form. Terms are split on any space (全角 too); the database normalises both
 * sides (NFKC, lower case, hiragana → katakana). A missing query is not an error (the empty form is shown).
 */
export function readSearchQuery(
  q: string | undefined,
  page: string | undefined,
): { ok: true; query: SearchQuery } | { ok: false; field: "q" | "page"; message: string } {
  // control characters (NUL included, which PostgreSQL refuses in text) count as spaces
  const text = (q ?? "")
    .normalize("NFKC")
    .replace(/[\u0000-\u001F\u007F\s]+/g, " ")
    .trim();
  if (text.length > MAX_QUERY_LENGTH)
    return { ok: false, field: "q", message: `検索語は${MAX_QUERY_LENGTH}文字以内で入力してください。` };
  let n = 1;
  if (page !== undefined && page !== "") {
    if (!/^\d{1,6}$/.test(page) || Number(page) < 1 || Number(page) > MAX_PAGE)
      return {
        ok: false,
        field: "page",
        message: `ページ番号は1から${MAX_PAGE}までの数字で指定してください。`,
      };
    n = Number(page);
  }
  const terms = [...new Set(text.split(" ").filter((t) => t.length > 0))].slice(0, MAX_TERMS);
  return { ok: true, query: { text, terms, page: n } };
}

/** A LIKE pattern that matches `term` literally (% _ and \ escaped), for `like … escape '\'`. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ---------------------------------------------------------------------------------------------------------------
// Summaries

/** The status of each item in the latest published fiscal year that reported it (first department in order). */
export function latestStatusByItem(progress: readonly PublicProgress[]): Map<string, PublicProgress> {
  const out = new Map<string, PublicProgress>();
  for (const p of progress) {
    if (p.statusLabel === null) continue;
    const seen = out.get(p.nodeId);
    if (!seen || p.fiscalYear > seen.fiscalYear) out.set(p.nodeId, p);
  }
  return out;
}

/** The latest fiscal year with published progress, or null. */
export function latestYear(progress: readonly { fiscalYear: number }[]): number | null {
  return progress.reduce<number | null>((y, p) => (y === null || p.fiscalYear > y ? p.fiscalYear : y), null);
}

/** Canonical state of a printed status in the plan's vocabulary (for a badge class), or "unknown". */
export function statusTone(plan: Pick<PublicPlan, "statusVocabulary">, label: string | null): string {
  return canonicalOf(plan.statusVocabulary, label) ?? "unknown";
}

/** Progress grouped by fiscal year, newest first, departments in printed order. */
export function progressByYear(
  progress: readonly PublicProgress[],
): { fiscalYear: number; rows: PublicProgress[] }[] {
  const years = [...new Set(progress.map((p) => p.fiscalYear))].sort((a, b) => b - a);
  return years.map((fiscalYear) => ({
    fiscalYear,
    rows: progress.filter((p) => p.fiscalYear === fiscalYear),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Open data columns: one definition feeds the CSV header, the JSON keys and the column-definition page

export type Column<R> = {
  key: string;
  header: string;
  type: string;
  description: string;
  value: (r: R) => unknown;
};

export type ItemRow = {
  plan: PublicPlan;
  node: PublicNode;
  path: string;
  /** the item's responsible departments */
  departments: readonly string[];
  progress: PublicProgress | null;
};
export type IndicatorRow = {
  plan: PublicPlan;
  indicator: PublicIndicator;
  nodeKey: string | null;
  value: PublicIndicator["values"][number];
};

const common = <R extends { plan: PublicPlan }>(): Column<R>[] => [
  {
    key: "local_gov_code",
    header: "全国地方公共団体コード",
    type: "文字列（6桁）",
    description: "計画を策定した団体の全国地方公共団体コード（検査数字付き6桁）",
    value: (r) => r.plan.org.code,
  },
  {
    key: "organisation",
    header: "団体名",
    type: "文字列",
    description: "計画を策定した団体の名称",
    value: (r) => r.plan.org.name,
  },
  {
    key: "plan_id",
    header: "計画ID",
    type: "UUID",
    description: "計画を一意に識別するID。公開後は変わりません。",
    value: (r) => r.plan.id,
  },
  {
    key: "plan_title",
    header: "計画名",
    type: "文字列",
    description: "計画の名称",
    value: (r) => r.plan.title,
  },
];

export const ITEM_COLUMNS: Column<ItemRow>[] = [
  ...common<ItemRow>(),
  {
    key: "item_id",
    header: "項目ID",
    type: "UUID",
    description:
      "施策体系の項目を一意に識別するID。公開ページ /public/plans/{計画ID}/items/{項目ID} に対応します。",
    value: (r) => r.node.id,
  },
  {
    key: "item_key",
    header: "項目キー",
    type: "文字列",
    description: "取り込んだ文書での項目のキー。再取込みや次期計画でも変わりません。",
    value: (r) => r.node.key,
  },
  {
    key: "parent_id",
    header: "親項目ID",
    type: "UUID",
    description: "一つ上の階層の項目ID（最上位は空欄）",
    value: (r) => r.node.parentId,
  },
  {
    key: "level",
    header: "階層",
    type: "整数",
    description: "施策体系の階層（1が最上位）",
    value: (r) => r.node.level + 1,
  },
  {
    key: "kind",
    header: "種別",
    type: "item | category",
    description: "item＝取組、category＝分類（分野・施策の方向など）",
    value: (r) => r.node.kind,
  },
  {
    key: "label",
    header: "番号",
    type: "文字列",
    description: "計画に印刷された番号（Ⅰ、1、①など）",
    value: (r) => r.node.label,
  },
  { key: "title", header: "項目名", type: "文字列", description: "項目の名称", value: (r) => r.node.title },
  {
    key: "path",
    header: "体系",
    type: "文字列",
    description: "最上位からこの項目までの名称を「 > 」で結んだもの",
    value: (r) => r.path,
  },
  {
    key: "tier",
    header: "優先度",
    type: "文字列",
    description: "計画が定める優先度（重点など）のコード",
    value: (r) => r.node.tierCode,
  },
  {
    key: "cross_reference_of",
    header: "再掲元項目ID",
    type: "UUID",
    description: "再掲の場合、元の項目のID（集計では元の項目として1回だけ数えます）",
    value: (r) => r.node.crossRefOf,
  },
  {
    key: "fiscal_year",
    header: "年度",
    type: "整数（西暦）",
    description: "進捗の年度（西暦の年度開始年。2024＝令和6年度）",
    value: (r) => r.progress?.fiscalYear ?? null,
  },
  {
    key: "as_of",
    header: "時点",
    type: "文字列",
    description: "進捗の時点（印刷どおり）",
    value: (r) => r.progress?.asOfLabel ?? r.progress?.asOfDate ?? null,
  },
  {
    key: "department",
    header: "担当課",
    type: "文字列",
    description:
      "この行の担当課：課ごとの報告ではその課、それ以外（報告のない項目、全課共通の報告）では項目の担当課（複数は「、」区切り）",
    value: (r) => r.progress?.departmentName ?? (r.departments.join("、") || null),
  },
  {
    key: "status",
    header: "進捗状況",
    type: "文字列",
    description: "計画の用語による進捗状況（済、着手中など）",
    value: (r) => r.progress?.statusLabel ?? null,
  },
  {
    key: "grade",
    header: "評価",
    type: "文字列",
    description: "計画の用語による評価（◎○△など）",
    value: (r) => r.progress?.grade ?? null,
  },
  {
    key: "result",
    header: "実績",
    type: "文字列",
    description: "取組の実績",
    value: (r) => r.progress?.result ?? null,
  },
  {
    key: "issues",
    header: "課題",
    type: "文字列",
    description: "取組の課題（報告どおり）",
    value: (r) => r.progress?.issuesText ?? null,
  },
  {
    key: "next_action",
    header: "今後の方向",
    type: "文字列",
    description: "改善・今後の方向（Act）",
    value: (r) => r.progress?.actText ?? null,
  },
];

export const INDICATOR_COLUMNS: Column<IndicatorRow>[] = [
  ...common<IndicatorRow>(),
  {
    key: "indicator_id",
    header: "指標ID",
    type: "UUID",
    description: "指標を一意に識別するID",
    value: (r) => r.indicator.id,
  },
  {
    key: "item_id",
    header: "項目ID",
    type: "UUID",
    description: "指標が属する項目のID（計画全体の指標は空欄）",
    value: (r) => r.indicator.nodeId,
  },
  {
    key: "item_key",
    header: "項目キー",
    type: "文字列",
    description: "指標が属する項目のキー",
    value: (r) => r.nodeKey,
  },
  {
    key: "role",
    header: "区分",
    type: "main | sub | statistic",
    description: "main＝主指標、sub＝副指標、statistic＝統計（目標なし）",
    value: (r) => r.indicator.role,
  },
  {
    key: "name",
    header: "指標名",
    type: "文字列",
    description: "指標の名称",
    value: (r) => r.indicator.name,
  },
  {
    key: "unit",
    header: "単位",
    type: "文字列",
    description: "単位（団体、人、%、千円など）",
    value: (r) => r.indicator.unit,
  },
  {
    key: "direction",
    header: "方向",
    type: "up | down",
    description: "up＝多いほどよい、down＝少ないほどよい",
    value: (r) => r.indicator.direction,
  },
  {
    key: "fiscal_year",
    header: "年度",
    type: "整数（西暦）",
    description: "値の年度（西暦の年度開始年）",
    value: (r) => r.value.fiscalYear,
  },
  {
    key: "target",
    header: "目標値",
    type: "数値",
    description: "目標値（空欄＝定めなし。0とは区別します）",
    value: (r) => r.value.target,
  },
  {
    key: "actual",
    header: "実績値",
    type: "数値",
    description: "実績値（空欄＝未集計。0とは区別します）",
    value: (r) => r.value.actual,
  },
];

/** Item rows: each item once per published report (an item without reports once, with empty progress columns). */
export function itemRows(
  plan: PublicPlan,
  nodes: readonly PublicNode[],
  progress: readonly PublicProgress[],
  departments: ReadonlyMap<string, readonly string[]>,
): ItemRow[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const pathOf = (n: PublicNode): string => {
    const names: string[] = [];
    let cur: PublicNode | undefined = n;
    for (let guard = 0; cur && guard < 20; guard++) {
      names.unshift(cur.label ? `${cur.label} ${cur.title}` : cur.title);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return names.join(" > ");
  };
  const byNode = new Map<string, PublicProgress[]>();
  for (const p of progress) byNode.set(p.nodeId, [...(byNode.get(p.nodeId) ?? []), p]);
  return nodes.flatMap((node): ItemRow[] => {
    const reports = byNode.get(node.id) ?? [];
    const row = { plan, node, path: pathOf(node), departments: departments.get(node.id) ?? [] };
    return reports.length === 0
      ? [{ ...row, progress: null }]
      : reports.map((p) => ({ ...row, progress: p }));
  });
}

export function indicatorRows(
  plan: PublicPlan,
  indicators: readonly PublicIndicator[],
  keys: Map<string, string>,
): IndicatorRow[] {
  return indicators.flatMap((indicator) =>
    indicator.values.map((value) => ({
      plan,
      indicator,
      nodeKey: indicator.nodeId ? (keys.get(indicator.nodeId) ?? null) : null,
      value,
    })),
  );
}

/** A cell as CSV text: null is empty; text that a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
}

// ---------------------------------------------------------------------------------------------------------------
// Atom (RFC 4287)

export type FeedEntry = { id: string; title: string; updated: Date; link: string; summary: string };

export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** An Atom feed document; `updated` is the newest entry's (or `fallbackUpdated` when there is none). */
export function atomFeed(feed: {
  id: string;
  title: string;
  selfUrl: string;
  alternateUrl: string;
  author: string;
  rights: string;
  fallbackUpdated: Date;
  entries: readonly FeedEntry[];
}): string {
  const updated = feed.entries.reduce((d, e) => (e.updated > d ? e.updated : d), feed.fallbackUpdated);
  const x = escapeXml;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">`,
    `<id>${x(feed.id)}</id>`,
    `<title>${x(feed.title)}</title>`,
    `<updated>${updated.toISOString()}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(feed.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(feed.alternateUrl)}"/>`,
    `<author><name>${x(feed.author)}</name></author>`,
    `<rights>${x(feed.rights)}</rights>`,
    ...feed.entries.map((e) =>
      [
        `<entry>`,
        `<id>${x(e.id)}</id>`,
        `<title>${x(e.title)}</title>`,
        `<updated>${e.updated.toISOString()}</updated>`,
        `<link rel="alternate" type="text/html" href="${x(e.link)}"/>`,
        `<summary type="text">${x(e.summary)}</summary>`,
        `</entry>`,
      ].join(""),
    ),
    `</feed>`,
  ];
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The catalogue (DCAT-AP style JSON-LD)

export type DatasetFile = { path: string; mediaType: string; title: string };

/** The files every published plan offers. */
export function planDistributions(planId: string): DatasetFile[] {
  const base = `/public/plans/${planId}`;
  return [
    { path: `${base}/data.csv`, mediaType: "text/csv", title: "項目と進捗（CSV、UTF-8 BOM付き）" },
    {
      path: `${base}/indicators.csv`,
      mediaType: "text/csv",
      title: "指標の目標値・実績値（CSV、UTF-8 BOM付き）",
    },
    { path: `${base}/data.json`, mediaType: "application/json", title: "項目・進捗・指標（JSON）" },
    { path: `${base}/feed.atom`, mediaType: "application/atom+xml", title: "進捗の更新（Atom）" },
  ];
}

export function catalogue(origin: string, plans: readonly PublicPlan[]): object {
  return {
    "@context": {
      "@vocab": "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      foaf: "http://xmlns.com/foaf/0.1/",
    },
    "@type": "Catalog",
    "dct:title": "協働推進計画 オープンデータカタログ",
    "dct:language": "ja",
    dataset: plans.map((p) => ({
      "@id": `${origin}/public/plans/${p.id}`,
      "@type": "Dataset",
      "dct:identifier": p.id,
      "dct:title": p.title,
      "dct:description": [p.kind, p.termLabel, p.subtitle].filter(Boolean).join(" "),
      "dct:publisher": {
        "@type": "foaf:Organization",
        "foaf:name": p.org.name,
        "dct:identifier": p.org.code,
      },
      "dct:issued": p.publishedAt.toISOString(),
      "dct:modified": p.modifiedAt.toISOString(),
      "dct:license": p.licence.url,
      "dct:rights": p.licence.name,
      "dct:temporal":
        p.firstYear !== null
          ? { startDate: `${p.firstYear}-04-01`, endDate: `${(p.lastYear ?? p.firstYear) + 1}-03-31` }
          : null,
      "dct:conformsTo": `${origin}/public/plans/${p.id}/data-definitions`,
      landingPage: `${origin}/public/plans/${p.id}`,
      distribution: planDistributions(p.id).map((d) => ({
        "@type": "Distribution",
        "dct:title": d.title,
        accessURL: `${origin}${d.path}`,
        downloadURL: `${origin}${d.path}`,
        mediaType: d.mediaType,
        "dct:license": p.licence.url,
      })),
    })),
  };
}
