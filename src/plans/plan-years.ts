/**
 * Fiscal years as the organisation writes them (organisations.year_style: wareki | wareki-short | western | both).
 * 和暦 comes from Intl's Japanese calendar at 1 April of the fiscal year (Asia/Tokyo), so FY2019 is 平成31年度:
 * the fiscal year is named by its start, before the era change of 1 May 2019.
 * To be replaced by the Japanese kernel's formatFiscalYear once feat/japanese is merged.
 */
const era = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  timeZone: "Asia/Tokyo",
});
const eraShort = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "narrow",
  year: "numeric",
  timeZone: "Asia/Tokyo",
});

export type YearStyle = "wareki" | "wareki-short" | "western" | "both";

export function fiscalYearLabel(fy: number, style: string): string {
  const april = new Date(Date.UTC(fy, 3, 1, 3));
  const w = era.format(april).replace(/^(\D+)1年$/, "$1元年");
  switch (style as YearStyle) {
    case "western":
      return `${fy}年度`;
    case "wareki-short":
      return eraShort.format(april).replace(/年$/, "").replace(/元$/, "1");
    case "both":
      return `${fy}（${w.replace(/年$/, "")}）年度`;
    default:
      return `${w}度`;
  }
}

export function periodLabel(first: number | null, last: number | null, style: string): string {
  if (first === null && last === null) return "—";
  const a = first === null ? "" : fiscalYearLabel(first, style);
  const b = last === null ? "" : fiscalYearLabel(last, style);
  return first === last ? a : `${a}〜${b}`;
}
