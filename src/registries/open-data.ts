/**
 * The public directory as open data: one CSV row per public group, columns following the 自治体標準オープンデータセット
 * common columns (デジタル庁 定義書A, 共通項目: 全国地方公共団体コード, ID, 地方公共団体名, 名称, 名称_カナ, …, 法人番号)
 * where they apply; see notes/ecosystem.md §1.2. UTF-8 with BOM (Excel opens it), cells neutralised against formulas.
 */
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import { activityFieldLabel, type Group, neutraliseCell, openDataId, toPublicGroup } from "./group.js";

export const OPEN_DATA_COLUMNS = [
  "全国地方公共団体コード",
  "ID",
  "地方公共団体名",
  "名称",
  "名称_カナ",
  "法人番号",
  "法人格",
  "活動分野",
  "活動地域",
  "所在地_郵便番号",
  "所在地_連結表記",
  "代表者名",
  "電話番号",
  "メールアドレス",
  "URL",
  "登録日",
  "公開書類",
] as const;

function csvRows(org: { code: string; name: string }, groups: readonly Group[]): string[][] {
  const rows = groups.flatMap((g) => {
    const p = toPublicGroup(g);
    if (!p) return [];
    return [
      [
        org.code,
        openDataId(p.id),
        org.name,
        p.name,
        p.nameKana,
        p.corporateNumber ?? "",
        p.legalForm,
        p.fields.map((n) => activityFieldLabel(n)).join(";"),
        p.area ?? "",
        p.postalCode ?? "",
        p.address ?? "",
        p.representative ?? "",
        p.phone ?? "",
        p.email ?? "",
        p.website ?? "",
        p.registeredOn ?? "",
        p.disclosures.join(";"),
      ].map(neutraliseCell),
    ];
  });
  return [[...OPEN_DATA_COLUMNS], ...rows];
}

/** UTF-8 with BOM (Excel opens it as UTF-8). */
export function groupsCsv(org: { code: string; name: string }, groups: readonly Group[]): string {
  return `\uFEFF${stringify(csvRows(org, groups), { record_delimiter: "\r\n" })}`;
}

/** The same CSV in Shift_JIS (CP932), for the many municipal PCs whose Excel opens CSV only that way. */
export function groupsCsvShiftJis(org: { code: string; name: string }, groups: readonly Group[]): Buffer {
  return toShiftJis(stringify(csvRows(org, groups), { record_delimiter: "\r\n" }));
}

/**
 * Unicode characters whose JIS X 0208 mapping differs between the Shift_JIS tables: written as the CP932 (Windows)
 * character every Japanese Excel shows. Without this iconv-lite writes `?` for them (notes/ecosystem.md).
 */
const CP932_FIXES: Record<string, string> = {
  "\u301C": "\uFF5E", // 〜 WAVE DASH → ～
  "\u2212": "\uFF0D", // − MINUS SIGN → －
  "\u2016": "\u2225", // ‖ DOUBLE VERTICAL LINE → ∥
  "\u00A2": "\uFFE0", // ¢
  "\u00A3": "\uFFE1", // £
  "\u00AC": "\uFFE2", // ¬
  "\u2014": "\u2015", // — EM DASH → ―
};

/**
 * Text → CP932 bytes. Characters CP932 cannot hold (e.g. 𠮷, emoji) become 〓 (ゲタ, the customary mark for a
 * character that cannot be printed) rather than a silent `?`.
 * @example toShiftJis("〜") // <Buffer 81 60>
 */
export function toShiftJis(text: string): Buffer {
  const mapped = [...text]
    .map((ch) => {
      const fixed = CP932_FIXES[ch] ?? ch;
      if (fixed.charCodeAt(0) < 0x80) return fixed;
      return iconv.decode(iconv.encode(fixed, "cp932"), "cp932") === fixed ? fixed : "〓";
    })
    .join("");
  return iconv.encode(mapped, "cp932");
}
