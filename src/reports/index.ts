/**
 * What other capabilities (the public portal) use of reports.
 * @example const layouts = await listReportLayouts(db, planId);
 * @example const r = await renderReport(db, { planId, layoutId: "builtin-progress-list", format: "html", audience: "public" });
 */
import type { DbOrTx } from "../db/client.js";
import { ITEMS_TABLE_TITLE } from "../imports/headers.js";
import { loadReportSource } from "./load-report-source.js";
import { renderReportHtml } from "./render-html.js";
import { renderPdf } from "./render-pdf.js";
import { renderReportCsv, renderReportCsvSjis, renderReportXlsx } from "./render-sheets.js";
import { findLayout, findPlanLayouts } from "./report.repository.js";
import { buildBasicPlan, buildPolicyOverview } from "./report-documents.js";
import {
  BUILTIN_LAYOUTS,
  builtinLayout,
  COLUMN_KEYS,
  type Layout,
  type LayoutRecord,
  layoutSchema,
} from "./report-layout.js";
import type { Audience, ReportModel, ReportSource } from "./report-model.js";
import { buildTableReport } from "./report-table.js";

export type ReportFormat = "html" | "xlsx" | "csv" | "csv-sjis" | "pdf";
export const REPORT_FORMATS: readonly ReportFormat[] = ["html", "xlsx", "csv", "csv-sjis", "pdf"];

export type RenderedReport =
  | { ok: true; body: string | Uint8Array; contentType: string; filename: string }
  | { ok: false; reason: "not_found" | "unavailable"; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A saved layout as a record; a definition that no longer validates falls back to a plain list, with a note. */
function savedRecord(row: {
  id: string;
  version: number;
  name: string;
  definition: unknown;
}): LayoutRecord & {
  problem: string | null;
} {
  const parsed = layoutSchema.safeParse(row.definition);
  if (parsed.success)
    return { id: row.id, version: row.version, builtin: false, layout: parsed.data, problem: null };
  return {
    id: row.id,
    version: row.version,
    builtin: false,
    layout: layoutSchema.parse({ kind: "custom", name: row.name, columns: ["label", "title"] }),
    problem: `保存されたレイアウト「${row.name}」の設定に読めない項目があるため、番号と内容だけで表示しています。`,
  };
}

/** The built-in layouts, then the plan's saved layouts, in the order they were made. */
export async function listReportLayouts(db: DbOrTx, planId: string): Promise<LayoutRecord[]> {
  const saved = UUID.test(planId) ? await findPlanLayouts(db, planId) : [];
  return [...BUILTIN_LAYOUTS, ...saved.map((r) => savedRecord(r))];
}

export async function findReportLayout(
  db: DbOrTx,
  planId: string,
  layoutId: string,
): Promise<(LayoutRecord & { problem: string | null }) | null> {
  const builtin = builtinLayout(layoutId);
  if (builtin) return { ...builtin, problem: null };
  if (!UUID.test(layoutId) || !UUID.test(planId)) return null;
  const row = await findLayout(db, planId, layoutId);
  return row ? savedRecord(row) : null;
}

/** The report model of a layout: the one thing every output prints. */
export function buildReport(
  src: ReportSource,
  layout: Layout,
  opts: { roundId: string | null; audience: Audience },
): ReportModel {
  const document =
    layout.builtin === "policy-overview"
      ? buildPolicyOverview(src, layout, opts)
      : layout.builtin === "basic-plan"
        ? buildBasicPlan(src, layout, opts)
        : null;
  if (!document) return buildTableReport(src, layout, opts);
  return { ...document, itemsTable: () => buildTableReport(src, ITEMS_TABLE, opts) };
}

/**
 * The plan's items as one table, every column with its ID: what a document-style report (施策別概要, 基本計画書)
 * adds as data — the xlsx's second sheet, the end of its CSV — so that every file the product exports imports
 * back unchanged (issue 7).
 */
const ITEMS_TABLE = layoutSchema.parse({
  kind: "custom",
  name: ITEMS_TABLE_TITLE,
  columns: [...COLUMN_KEYS],
  groupLevels: 1,
});

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: "text/html; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  "csv-sjis": "text/csv; charset=Shift_JIS",
  pdf: "application/pdf",
};
const EXTENSIONS: Record<ReportFormat, string> = {
  html: "html",
  xlsx: "xlsx",
  csv: "csv",
  "csv-sjis": "sjis.csv",
  pdf: "pdf",
};

/** Renders a model in one format (the HTML links the stylesheet at `cssHref`, or inlines it). */
export async function renderModel(
  model: ReportModel,
  format: ReportFormat,
  html: Parameters<typeof renderReportHtml>[1] = { css: { href: "/static/report.css" } },
): Promise<RenderedReport> {
  const filename = `${model.filename}.${EXTENSIONS[format]}`;
  const contentType = CONTENT_TYPES[format];
  switch (format) {
    case "html":
      return { ok: true, body: renderReportHtml(model, html), contentType, filename };
    case "xlsx": {
      const more = model.itemsTable ? [model.itemsTable()] : [];
      return { ok: true, body: await renderReportXlsx(model, more), contentType, filename };
    }
    case "csv":
      return { ok: true, body: renderReportCsv(model), contentType, filename };
    case "csv-sjis":
      return { ok: true, body: renderReportCsvSjis(model), contentType, filename };
    case "pdf": {
      const pdf = await renderPdf(renderReportHtml(model, { css: "inline" }));
      if (!pdf.ok) return { ok: false, reason: "unavailable", message: pdf.message };
      return { ok: true, body: pdf.body, contentType, filename };
    }
  }
}

/**
 * Renders a report of a plan. With audience "public" only published rounds' entries are used (and no report ever
 * prints internal comments). A plan or layout that does not exist → `{ ok: false, reason: "not_found" }`; a PDF
 * without Chromium → `{ ok: false, reason: "unavailable" }`; data the layout cannot fill → a note in the report.
 */
export async function renderReport(
  db: DbOrTx,
  input: {
    planId: string;
    layoutId: string;
    format: ReportFormat;
    roundId?: string;
    audience: Audience;
  },
): Promise<RenderedReport> {
  if (!UUID.test(input.planId)) return { ok: false, reason: "not_found", message: "計画が見つかりません。" };
  const record = await findReportLayout(db, input.planId, input.layoutId);
  if (!record) return { ok: false, reason: "not_found", message: "レイアウトが見つかりません。" };
  const opts = { roundId: input.roundId ?? null, audience: input.audience };
  const src = await loadReportSource(db, input.planId, opts);
  if (!src) return { ok: false, reason: "not_found", message: "計画が見つかりません。" };
  const model = buildReport(src, record.layout, opts);
  if (record.problem) model.notes.unshift(record.problem);
  return renderModel(model, input.format);
}

/** `<layoutId>.xlsx` → the layout and the format (no suffix = HTML). */
export function parseReportFile(file: string): { layoutId: string; format: ReportFormat } {
  for (const [suffix, format] of [
    [".sjis.csv", "csv-sjis"],
    [".csv", "csv"],
    [".xlsx", "xlsx"],
    [".pdf", "pdf"],
  ] as const) {
    if (file.endsWith(suffix)) return { layoutId: file.slice(0, -suffix.length), format };
  }
  return { layoutId: file, format: "html" };
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 (Japanese) file name. */
export function reportAttachment(filename: string): string {
  const ext = /\.(sjis\.csv|csv|xlsx|pdf|html)$/.exec(filename)?.[0] ?? "";
  return `attachment; filename="report${ext}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export type { Layout, LayoutRecord } from "./report-layout.js";
