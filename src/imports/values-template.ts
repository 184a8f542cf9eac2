/**
 * The sheet a plan owner fills for a plan's yearly values: one row per indicator (or budget line) with its key,
 * name and unit and its current values per fiscal year under the headers the values import reads back
 * (`令和6年度目標`, `令和6年度実績`; `令和6年度` for budgets in 千円). Unchanged, it re-imports with no change.
 */
import { stringify } from "csv-stringify/sync";
import { formatFiscalYear } from "../japanese/index.js";
import { m } from "../web/messages/index.js";
import type { PlanSeries } from "./plan-values-import.js";
import { exceljs } from "./read-xlsx.js";
import { type ValueKind, type ValuesTarget, valueKey } from "./year-values.js";

const t = () => m.imports.values;

/** A value as the template writes it: plain digits (no separators), `-` for absent. */
export function templateValue(v: number | null | undefined): string {
  return v === null || v === undefined ? "-" : String(v);
}

/**
 * A name or unit starting with = + - @ (or tab/CR) is prefixed with an apostrophe against formula injection (OWASP
 * "CSV Injection"), as the reports do; the values import strips it again (year-values.ts) when it matches by name.
 */
function safeCell(v: string): string {
  return v !== "-" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function valuesTemplateRows(
  target: ValuesTarget,
  { series, years }: Pick<PlanSeries, "series" | "years">,
) {
  const kinds: ValueKind[] = target === "indicators" ? ["target", "actual"] : ["amount"];
  const suffix: Record<ValueKind, string> = { target: "目標", actual: "実績", amount: "" };
  const columns = years.flatMap((y) => kinds.map((k) => ({ y, k })));
  const header = [
    target === "indicators" ? t().keyIndicator : t().keyBudget,
    target === "indicators" ? t().nameIndicator : t().nameBudget,
    t().unit,
    ...columns.map(({ y, k }) => `${formatFiscalYear(y, "wareki")}${suffix[k]}`),
  ];
  const rows = series.map((s) => [
    s.id,
    safeCell(s.name),
    safeCell(s.unit ?? ""),
    ...columns.map(({ y, k }) => templateValue(s.values[valueKey(y, k)])),
  ]);
  return [header, ...rows];
}

export async function valuesTemplateXlsx(target: ValuesTarget, data: Pick<PlanSeries, "series" | "years">) {
  const rows = valuesTemplateRows(target, data);
  const wb = new (exceljs().Workbook)();
  const ws = wb.addWorksheet(target === "indicators" ? t().sheetIndicators : t().sheetBudgets);
  for (const [i, row] of rows.entries()) ws.getRow(i + 1).values = row;
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 38 : i === 1 ? 36 : i === 2 ? 8 : 14;
  });
  ws.views = [{ state: "frozen", ySplit: 1, xSplit: 2 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** CSV, UTF-8 with BOM and CRLF so that Excel opens it as Japanese text. */
export function valuesTemplateCsv(
  target: ValuesTarget,
  data: Pick<PlanSeries, "series" | "years">,
): Uint8Array {
  return new Uint8Array(
    Buffer.from(stringify(valuesTemplateRows(target, data), { bom: true, record_delimiter: "windows" })),
  );
}
