/**
 * Fiscal years as the organisation writes them (organisations.year_style: wareki | wareki-short | western | both),
 * by the Japanese kernel's formatFiscalYear: FY2019 is 令和元年度 (its "new-era" rule, docs/decisions/0003).
 */
import { formatFiscalYear, type YearStyle } from "../japanese/index.js";

export function fiscalYearLabel(fy: number, style: string): string {
  return formatFiscalYear(fy, style as YearStyle);
}

export function periodLabel(first: number | null, last: number | null, style: string): string {
  if (first === null && last === null) return "—";
  const a = first === null ? "" : fiscalYearLabel(first, style);
  const b = last === null ? "" : fiscalYearLabel(last, style);
  return first === last ? a : `${a}〜${b}`;
}
