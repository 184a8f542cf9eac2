/**
 * The sheet a department fills for a reporting round: one row per entry it may edit, with the item's key, number,
 * title and department and the entry's current values, under the headers the progress import reads back. Filled
 * in and pasted (or uploaded), it re-imports with no problem; unchanged, it re-imports with no change.
 */
import { stringify } from "csv-stringify/sync";
import { m } from "../web/messages/index.js";
import { ENTRY_COLUMNS, type EntryFieldName, type RoundEntryForImport } from "./progress-rows.js";
import { exceljs } from "./read-xlsx.js";

/** Which asked field (progress.ts ASKED_FIELDS) each entry field belongs to. */
const ASKED: Record<EntryFieldName, string> = {
  statusLabel: "status",
  grade: "grade",
  result: "result",
  doText: "doText",
  checkText: "checkText",
  issuesText: "issuesText",
  actText: "actText",
  nextTermLabel: "nextTerm",
  nextTermReason: "nextTerm",
};

/** Headers the column detection maps back to the same fields (headers.ts). */
const HEADER: Record<EntryFieldName, string> = {
  statusLabel: "進捗状況",
  grade: "評価",
  result: "実績",
  doText: "実行(D)",
  checkText: "評価(C)",
  issuesText: "課題",
  actText: "改善(A)",
  nextTermLabel: "2期案",
  nextTermReason: "理由",
};

export const KEY_HEADER = "項目キー";

/**
 * A cell starting with = + - @ (or tab/CR) is prefixed with an apostrophe against formula injection (OWASP "CSV
 * Injection"), as the reports do; the progress import strips it again (progress-rows.ts), so the template still
 * re-imports unchanged. A lone "-" (the documents' "none") stays as printed.
 */
function safeCell(v: string): string {
  return v !== "-" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function progressTemplateRows(
  entries: readonly RoundEntryForImport[],
  fieldsAsked: readonly string[],
): string[][] {
  const fields = ENTRY_COLUMNS.map(([name]) => name).filter((name) => fieldsAsked.includes(ASKED[name]));
  const header = [KEY_HEADER, "No", "内容", "担当課", ...fields.map((f) => HEADER[f])];
  const rows = entries
    .filter((e) => e.editable)
    .map((e) => [
      e.nodeKey,
      safeCell(e.label ?? ""),
      safeCell(e.title),
      safeCell(e.departmentName ?? ""),
      ...fields.map((f) => safeCell(e.values[f] ?? "")),
    ]);
  return [header, ...rows];
}

export async function progressTemplateXlsx(
  entries: readonly RoundEntryForImport[],
  fieldsAsked: readonly string[],
): Promise<Uint8Array> {
  const rows = progressTemplateRows(entries, fieldsAsked);
  const wb = new (exceljs().Workbook)();
  const ws = wb.addWorksheet(m.imports.progress.sheetName);
  for (const [i, row] of rows.entries()) {
    ws.getRow(i + 1).values = row;
    ws.getRow(i + 1).alignment = { vertical: "top", wrapText: true };
  }
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 10 : i === 1 ? 6 : i === 2 ? 30 : i === 3 ? 14 : 24;
  });
  ws.views = [{ state: "frozen", ySplit: 1 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** CSV, UTF-8 with BOM and CRLF so that Excel opens it as Japanese text. */
export function progressTemplateCsv(
  entries: readonly RoundEntryForImport[],
  fieldsAsked: readonly string[],
): Uint8Array {
  const rows = progressTemplateRows(entries, fieldsAsked);
  return new Uint8Array(Buffer.from(stringify(rows, { bom: true, record_delimiter: "windows" })));
}
