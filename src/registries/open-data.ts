/**
 * The public directory as open data: one CSV row per public group, columns following the 自治体標準オープンデータセット
 * common columns (デジタル庁 定義書A, 共通項目: 全国地方公共団体コード, ID, 地方公共団体名, 名称, 名称_カナ, …, 法人番号)
 * where they apply; see notes/ecosystem.md §1.2. UTF-8 with BOM (Excel opens it), cells neutralised against formulas.
 */
import { stringify } from "csv-stringify/sync";
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

export function groupsCsv(org: { code: string; name: string }, groups: readonly Group[]): string {
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
  return `\uFEFF${stringify([[...OPEN_DATA_COLUMNS], ...rows], { record_delimiter: "\r\n" })}`;
}
