/**
 * An import job's source → what the preview shows: the PlanDocument that a commit would write, every problem
 * located (sheet / row / column / why), the preview rows, and for PDF text the detected document class and its
 * warnings. No database, no HTTP: the use cases store the outcome (import_jobs) and the pages render it.
 */
import type { PlanDocument } from "../plans/plan-document.js";
import { checkPlanDocument } from "../plans/plan-document.schema.js";
import { m } from "../web/messages/index.js";
import { type ColumnMapping, detectStructure, mappingFromHeader } from "./detect.js";
import {
  DEFAULT_LIMITS,
  formatBytes,
  type Grid,
  type ReadLimits,
  type Result,
  readCsv,
  readPastedText,
  readTextTable,
  readXlsx,
} from "./grid.js";
import { gridToPlanDocument, type PreviewRow, type Problem } from "./grid-to-plan.js";
import type { ProgressPlan } from "./progress-rows.js";
import { decodeText } from "./read-delimited.js";
import { adaptSavedMapping } from "./saved-mapping.js";
import { detectPlanTextKind, type PlanTextKind, parsePlanText, type Warning } from "./text/index.js";
import type { ValuesPlan, ValuesTarget } from "./year-values.js";

const r = () => m.imports.readers;

export type ImportSourceKind = "xlsx" | "csv" | "text" | "paste";

export type ImportSource = {
  kind: ImportSourceKind;
  /** file name as uploaded, or 貼り付け */
  name: string;
  bytes: Uint8Array | null;
  text: string | null;
};

/** The plan a job updates: its identity is copied into the document, so `importPlanDocument` finds it. */
export type TargetPlan = { id: string; title: string; kind: string; termLabel: string | null };

export type ImportJobOptions = {
  /** null: a new plan (or the plan with the document's own title, kind and term, if one exists) */
  targetPlan: TargetPlan | null;
  /** the fiscal year the status column reports on (Western) */
  fiscalYear: number | null;
  /** title and kind for a new plan; null: as the document says */
  title: string | null;
  kind: string | null;
};

export type GridParse = {
  mode: "grid";
  doc: PlanDocument;
  problems: Problem[];
  preview: PreviewRow[];
  /** header text of every column of the mapped sheet, for the mapping form */
  headers: string[];
  sheetNames: string[];
  encoding: string | null;
  /** data rows of the mapped sheet (for the "rows read" line) */
  rowCount: number;
  /** headers of a saved mapping that the new file no longer has */
  unmatched: string[];
  /** `doc` passed checkPlanDocument when it was parsed (see checkedDocument) */
  docChecked?: boolean;
};

export type TextParse = {
  mode: "text";
  doc: PlanDocument;
  textKind: PlanTextKind;
  warnings: Warning[];
  lineCount: number;
  /** `doc` passed checkPlanDocument when it was parsed (see checkedDocument) */
  docChecked?: boolean;
};

/** Entries of one reporting round from a table (see progress-rows.ts). */
export type ProgressParse = {
  mode: "progress";
  roundId: string;
  planId: string;
  planTitle: string;
  fiscalYear: number;
  plan: ProgressPlan;
  headers: string[];
  sheetNames: string[];
  encoding: string | null;
  /** headers of a saved mapping that the new file no longer has (when one was applied) */
  unmatched?: string[];
};

/** Targets and actuals of a plan's indicators, or amounts of its budget lines, per fiscal year (year-values.ts). */
export type ValuesParse = {
  mode: "values";
  target: ValuesTarget;
  planId: string;
  planTitle: string;
  plan: ValuesPlan;
  sheetNames: string[];
  encoding: string | null;
  /** headers of a saved mapping that the new file no longer has (when one was applied) */
  unmatched?: string[];
};

/** What a whole-plan import previews. */
export type PlanParse = GridParse | TextParse;

export type ImportParse = PlanParse | ProgressParse | ValuesParse;

/** How far a parse has got, stored on the job while it runs and shown on the job page. */
export type ImportProgress = {
  phase: "reading" | "detecting" | "converting" | "storing";
  /** rows read so far */
  rows: number;
  /** rows in all, once known */
  totalRows: number | null;
  percent: number;
};

/** What the commit reported, kept on the job. */
export type ImportResult = {
  kind?: "plan";
  planId: string;
  outcome: "created" | "updated" | "unchanged";
  counts: { nodesCreated: number; nodesUpdated: number; nodesDeleted: number; departmentsCreated: string[] };
};

/** What a progress-entry commit reported, kept on the job. */
export type ProgressImportResult = {
  kind: "progress";
  roundId: string;
  saved: number;
  submitted: boolean;
};

/** What a yearly-values commit reported, kept on the job. */
export type ValuesImportResult = {
  kind: "values";
  target: ValuesTarget;
  planId: string;
  /** values (cells) written */
  saved: number;
};

/** Jobs are kept a day: long enough to come back to a preview, short enough not to keep uploads around. */
export const IMPORT_JOB_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The kind of an uploaded file, from its name; null for a kind we do not read. */
export function sourceKindOfFile(name: string): Exclude<ImportSourceKind, "paste"> | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "csv" || ext === "tsv") return "csv";
  if (ext === "txt") return "text";
  return null;
}

/** Gives other requests their turn between the heavy steps of a parse (see `parseImportSource`). */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export type ParseRequest = {
  source: ImportSource;
  options: ImportJobOptions;
  /** a mapping to use instead of the detected one (the user's correction) */
  mapping?: ColumnMapping | null;
  /** a saved mapping to adapt to this file (next year's upload) */
  saved?: ColumnMapping | null;
  /** the user's correction of the header rows ("the header is rows 3–4"): the mapping is detected again from them */
  headerRows?: number[] | null;
  limits?: ReadLimits;
  /** told at each step and every few hundred rows read (the job page shows it) */
  onProgress?: (progress: ImportProgress) => void;
};

export type ParseOutcome =
  | { ok: true; parse: ImportParse; mapping: ColumnMapping | null }
  | { ok: false; reason: string };

/**
 * Reads the source and builds the preview. The steps (read → detect → convert) are separated by a turn of the
 * event loop so that a large workbook does not hold the server for the whole parse; each step itself is
 * synchronous pure code: gridToPlanDocument walks all rows at once (measured on 10,000 pasted rows: 0.5 s in all, the
 * longest uninterrupted step 0.3 s). Finer yielding would need gridToPlanDocument to work on row windows.
 */
export async function parseImportSource(req: ParseRequest): Promise<ParseOutcome> {
  const { source, options } = req;
  const limits = req.limits ?? DEFAULT_LIMITS;
  const report = req.onProgress ?? (() => {});
  report({ phase: "reading", rows: 0, totalRows: null, percent: 0 });
  if (source.bytes && source.bytes.length > limits.maxBytes) {
    return {
      ok: false,
      reason: r().tooLarge(formatBytes(source.bytes.length), formatBytes(limits.maxBytes)),
    };
  }
  let grid: Result<Grid>;
  if (source.kind === "xlsx") {
    grid = await readXlsx(source.bytes ?? new Uint8Array(), limits, (rows, totalRows) =>
      report({
        phase: "reading",
        rows,
        totalRows,
        percent: Math.floor((rows / Math.max(totalRows, 1)) * 60),
      }),
    );
  } else if (source.kind === "csv") {
    grid = readCsv(source.bytes ?? new Uint8Array(), limits);
  } else if (source.kind === "paste") {
    if (!(source.text ?? "").trim()) return { ok: false, reason: "貼り付けられた内容が空です" };
    grid = readPastedText(source.text ?? "", limits);
  } else {
    const decoded =
      source.text !== null
        ? { ok: true as const, value: { text: source.text } }
        : decodeText(source.bytes ?? new Uint8Array());
    if (!decoded.ok) return decoded;
    const text = decoded.value.text;
    if (!text.trim()) return { ok: false, reason: "ファイルが空です" };
    if (detectPlanTextKind(text) !== "unknown")
      return { ok: true, parse: parseProse(text, source, options), mapping: null };
    grid = readTextTable(text, limits);
    if (grid.ok && !detectStructure(grid.value).ok)
      return { ok: true, parse: parseProse(text, source, options), mapping: null };
  }
  if (!grid.ok) return grid;
  const totalRows = grid.value.sheets.reduce((n, s) => n + s.rows.length, 0);
  report({ phase: "detecting", rows: totalRows, totalRows, percent: 60 });
  await yieldToEventLoop();

  let mapping: ColumnMapping;
  let unmatched: string[] = [];
  if (req.mapping) {
    mapping = req.mapping;
  } else if (req.saved) {
    const adapted = adaptSavedMapping(req.saved, grid.value);
    if (!adapted.ok) return adapted;
    mapping = adapted.value.mapping;
    unmatched = adapted.value.unmatched;
  } else {
    const detected = detectStructure(grid.value);
    if (!detected.ok) return detected;
    mapping = detected.value.mapping;
  }
  if (req.headerRows) {
    const corrected = remapHeaderRows(grid.value, mapping, req.headerRows);
    if (!corrected.ok) return corrected;
    mapping = corrected.value;
  }
  report({ phase: "converting", rows: totalRows, totalRows, percent: 70 });
  await yieldToEventLoop();

  const { doc, problems, preview } = gridToPlanDocument(grid.value, mapping, {
    sourceName: source.name,
    ...(options.title ? { title: options.title } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.fiscalYear !== null ? { fiscalYear: options.fiscalYear } : {}),
  });
  applyTarget(doc, options);
  const checked = checkedDocument(doc);
  const sheet = grid.value.sheets.find((s) => s.name === mapping.sheet);
  const lastHeader = Math.max(...mapping.headerRows);
  report({ phase: "storing", rows: totalRows, totalRows, percent: 95 });
  return {
    ok: true,
    mapping,
    parse: {
      mode: "grid",
      ...checked,
      problems,
      preview,
      headers: mapping.headers,
      sheetNames: grid.value.sheets.map((s) => s.name),
      encoding: grid.value.encoding,
      rowCount: sheet ? sheet.rows.filter((r) => r.sourceRow > lastHeader).length : 0,
      unmatched,
    },
  };
}

function parseProse(text: string, source: ImportSource, options: ImportJobOptions): TextParse {
  const { doc, kind, warnings } = parsePlanText(text, { sourceName: source.name });
  if (options.title) doc.title = options.title;
  if (options.kind) doc.kind = options.kind;
  applyTarget(doc, options);
  return {
    mode: "text",
    ...checkedDocument(doc),
    textKind: kind,
    warnings,
    lineCount: text.split("\n").length,
  };
}

/**
 * The document checked as a commit would check it, here in the parse (a worker thread for a big file) rather
 * than in the commit: a commit that writes the document as it is (a new plan) need not check it again. A document
 * that fails is kept as it is, unmarked, and the commit checks it and reports what is wrong.
 */
function checkedDocument(doc: PlanDocument): { doc: PlanDocument; docChecked: boolean } {
  const checked = checkPlanDocument(doc);
  return checked.ok ? { doc: checked.document, docChecked: true } : { doc, docChecked: false };
}

/** Updating a chosen plan: the document takes that plan's identity (title, kind, term). */
function applyTarget(doc: PlanDocument, options: ImportJobOptions): void {
  if (!options.targetPlan) return;
  doc.title = options.targetPlan.title;
  doc.kind = options.targetPlan.kind;
  doc.termLabel = options.targetPlan.termLabel;
}

/** Problems that block a commit: every located problem of a table; none for PDF prose (its warnings inform). */
export function blockingProblems(parse: ImportParse): Problem[] {
  if (parse.mode === "grid") return parse.problems;
  if (parse.mode === "progress" || parse.mode === "values") return parse.plan.problems;
  return [];
}

/**
 * The mapping detected again from header rows the user named (1-based, on the mapped sheet). Refuses rows outside
 * the sheet, more than three rows, or rows that are not consecutive.
 */
export function remapHeaderRows(
  grid: Grid,
  mapping: ColumnMapping,
  headerRows: number[],
): Result<ColumnMapping> {
  const sheet = grid.sheets.find((s) => s.name === mapping.sheet) ?? grid.sheets[0];
  if (!sheet) return { ok: false, reason: "シートがありません" };
  const rows = [...new Set(headerRows)].sort((a, b) => a - b);
  const last = sheet.rows[sheet.rows.length - 1]?.sourceRow ?? 0;
  if (rows.length === 0 || rows.length > 2)
    return { ok: false, reason: "見出し行は1行か2行で指定してください（例: 3-4）" };
  if (rows.some((r, i) => i > 0 && r !== rows[i - 1]! + 1))
    return { ok: false, reason: "見出し行は続いた行で指定してください（例: 3-4）" };
  if (rows[0]! < 1 || rows[rows.length - 1]! >= last)
    return {
      ok: false,
      reason: `見出し行はシート「${sheet.name}」の1〜${Math.max(last - 1, 1)}行目で指定してください`,
    };
  return { ok: true, value: mappingFromHeader(sheet, rows) };
}

/** "3-4", "３〜４", "3,4" or "3" → [3, 4] / [3] (one or two rows); null when it cannot be read. Empty → []. */
export function parseHeaderRows(text: string): number[] | null {
  const t = text.normalize("NFKC").replace(/\s+/g, "").replace(/行目?/g, "");
  if (t === "") return [];
  const range = /^(\d{1,6})[-~〜～](\d{1,6})$/.exec(t);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (b < a || b - a > 1) return null;
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  if (/^\d{1,6}(,\d{1,6})?$/.test(t)) return t.split(",").map(Number);
  return null;
}
