/**
 * Grid + ColumnMapping → PlanDocument, with every problem located (sheet, row as Excel shows it, column letter,
 * field, Japanese reason) and a preview of what will be created, row by row. Nothing is written here: the caller
 * shows the preview and commits only a document whose problems the user has resolved.
 *
 * Stated tallies (達成状況 `5/6：済`) are copied as printed into the round's `statedTallies`; nothing is counted
 * here (DESIGN.md: tallies are computed from the items elsewhere and compared with what the source stated).
 */

import { parseFiscalYear } from "../japanese/index.js";
import type {
  EntryDef,
  GradeDef,
  IndicatorDef,
  NodeDef,
  PlanDocument,
  RoundDef,
  StatedTally,
  StatusDef,
  TierDef,
} from "../plans/plan-document.js";
import { emptyPlanDocument } from "../plans/plan-document.js";
import { ofAnotherYear } from "./cell-values.js";
import { type ColumnMapping, classifyRows, columnMappingSchema, readPreambleAbove } from "./detect.js";
import type { Grid, GridRow, GridSheet } from "./grid.js";
import { FIELD_LABELS, type FieldId } from "./headers.js";
import {
  attach,
  type Ctx,
  entryOf,
  get,
  indicatorOf,
  itemNode,
  leadingNumbering,
  linkCrossReferences,
  newNode,
} from "./item-rows.js";

export type Problem = {
  sheet: string;
  /** 1-based row as Excel shows it; null for a problem of the whole sheet or mapping */
  row: number | null;
  /** column letter as Excel shows it (A, B, …, AA); null when no single column is concerned */
  column: string | null;
  field: FieldId | "schedule" | "indicator" | "budget" | "legend" | "mapping" | "round" | null;
  message: string;
};

export type PreviewRow = {
  sheet: string;
  row: number;
  action: "category" | "item" | "legend" | "title" | "as-of" | "repeated-header" | "note" | "blank";
  level: number | null;
  label: string | null;
  title: string;
  nodeKey: string | null;
  /** the row's ID cell (a node's UUID or item key written by the product's exports), matched first on update */
  id?: string;
  /** one line in Japanese: 重点Ⅰ・済・次期案Ⅱ-イ … */
  summary: string;
  problemCount: number;
};

export type GridToPlanOptions = {
  /** file name, kept in source.name */
  sourceName?: string;
  title?: string;
  kind?: string;
  termLabel?: string | null;
  /** The fiscal year the status column reports on; otherwise taken from an as-of text (令和5年12月20日現在). */
  fiscalYear?: number;
  /** The plan's own status vocabulary; without it the standard labels (済, 一部済, 着手中, 未, 中止 …) are used. */
  statusVocabulary?: StatusDef[];
  /** The plan's own grade vocabulary (◎○△×, A–D …); without it the standard marks are accepted. */
  gradeVocabulary?: GradeDef[];
  /** Names of the tree levels, outermost first; the source rarely prints them. */
  levelNames?: string[];
};

export type GridToPlanOutcome = { doc: PlanDocument; problems: Problem[]; preview: PreviewRow[] };

const DEFAULT_LEVEL_NAMES = ["大項目", "中項目", "小項目", "細目"];

export function gridToPlanDocument(
  grid: Grid,
  mapping: ColumnMapping,
  options: GridToPlanOptions = {},
): GridToPlanOutcome {
  const problems: Problem[] = [];
  const doc = emptyDocument(options);
  const parsed = columnMappingSchema.safeParse(mapping);
  if (!parsed.success) {
    problems.push(mappingProblem(mapping?.sheet ?? "", "列の対応の指定が正しくありません"));
    return { doc, problems, preview: [] };
  }
  const sheet = grid.sheets.find((s) => s.name === mapping.sheet);
  if (!sheet) {
    problems.push(mappingProblem(mapping.sheet, `シート「${mapping.sheet}」が見つかりません`));
    return { doc, problems, preview: [] };
  }
  const ctx: Ctx = { sheet, mapping, problems, rowProblems: new Map() };
  if (mapping.fields.title === undefined && mapping.fields.number === undefined) {
    problems.push(mappingProblem(sheet.name, "「内容」（項目名）または「No」に当たる列を指定してください"));
    return { doc, problems, preview: [] };
  }

  const preview: PreviewRow[] = [];
  const preamble = readPreambleAbove(sheet, Math.min(...mapping.headerRows));
  if (preamble.title) {
    preview.push(
      previewOf(sheet, preamble.title.row, "title", preamble.title.text, "計画の名称として使います"),
    );
  }
  if (preamble.asOf) {
    preview.push(
      previewOf(sheet, preamble.asOf.row, "as-of", preamble.asOf.label, "進捗の基準日として使います"),
    );
  }
  for (const p of preamble.preamble) doc.source.notes.push(`${p.row}行目: ${p.text}`);

  // Tier legend with definitions and stated tallies.
  const tiers = new Map<string, TierDef>();
  const statedTallies: StatedTally[] = [];
  for (const entry of preamble.legend) {
    tiers.set(entry.code, { code: entry.code, label: entry.label, definition: entry.definition });
    if (entry.tallyText) {
      statedTallies.push({
        groupBy: "tier",
        group: entry.code,
        text: entry.tallyText,
        counts: entry.tallies,
      });
    }
    const tallyNote = entry.tallyText ? `・記載の集計 ${entry.tallyText}` : "";
    preview.push({
      ...previewOf(
        sheet,
        entry.row,
        "legend",
        entry.definition ?? "",
        `重点区分「${entry.code}」の定義${tallyNote}`,
      ),
      label: entry.label,
    });
  }

  const title = options.title ?? preamble.title?.text ?? (options.sourceName || "取り込んだ計画");
  doc.title = title;
  doc.kind = options.kind ?? kindOf(title);
  doc.termLabel = options.termLabel !== undefined ? options.termLabel : termOf(title);

  // the year the progress is of: as chosen on the form, else the as-of date's, else the one the title names
  const roundYear =
    options.fiscalYear ??
    preamble.asOf?.fiscalYear ??
    (preamble.title ? yearOfTitle(preamble.title.text) : null);
  // a table listing several years' progress (a 年度 column, as the open data has): only this year's make entries
  const entryOfRow = (row: GridRow, node: NodeDef): EntryDef | null =>
    ofAnotherYear(get(ctx, row, "fiscalYear"), roundYear)
      ? null
      : entryOf(ctx, row, node, options, statusLabels, grades);

  // Walk the rows: categories open levels, items hang under the deepest open category.
  const rows = classifyRows(sheet, mapping);
  const roots: NodeDef[] = [];
  const stack: NodeDef[] = [];
  const styleLevels = new Map<string, number>();
  let previousWasCategory = false;
  let lastUnlabeledLevel: number | null = null;
  const items: { node: NodeDef; row: GridRow }[] = [];
  const itemById = new Map<string, { node: NodeDef; row: number }>();
  const entries: EntryDef[] = [];
  const statusLabels: StatusDef[] = [];
  const grades: GradeDef[] = [];
  const indicators: IndicatorDef[] = [];

  for (const { row, kind, text } of rows) {
    const r = row.sourceRow;
    if (kind === "blank") continue;
    if (kind === "header") {
      preview.push(
        previewOf(sheet, r, "repeated-header", text, "ページごとに繰り返された見出し行なので読み飛ばします"),
      );
      previousWasCategory = false;
      continue;
    }
    if (kind === "note") {
      doc.source.notes.push(`${r}行目: ${text}`);
      preview.push(previewOf(sheet, r, "note", text, "注記として記録します"));
      continue;
    }
    if (kind === "category") {
      const numbering = leadingNumbering(text);
      let level: number;
      if (numbering) {
        const known = styleLevels.get(numbering.style);
        level = known ?? (stack.length > 0 ? stack[stack.length - 1]!.level + 1 : 0);
        if (known === undefined) styleLevels.set(numbering.style, level);
      } else if (previousWasCategory && stack.length > 0) {
        level = stack[stack.length - 1]!.level + 1;
        lastUnlabeledLevel = level;
      } else {
        level = lastUnlabeledLevel ?? (stack.length > 0 ? stack[stack.length - 1]!.level : 0);
      }
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
      const node = newNode(
        `r${r}`,
        "category",
        level,
        numbering?.label ?? null,
        numbering ? numbering.rest : text,
      );
      attach(node, stack, roots);
      stack.push(node);
      previousWasCategory = true;
      const categoryId = get(ctx, row, "id");
      preview.push({
        ...previewOf(sheet, r, "category", node.title, `第${level + 1}階層の分類`),
        level,
        label: node.label,
        nodeKey: node.key,
        ...(categoryId ? { id: categoryId } : {}),
      });
      continue;
    }

    // An item row.
    previousWasCategory = false;
    const before = problems.length;
    const parent = stack[stack.length - 1];
    const node = itemNode(ctx, row, parent ? parent.level + 1 : 0);
    const id = get(ctx, row, "id");
    // the open data repeats an item once per department that reports on it: one item, the departments together
    const first = id ? itemById.get(id) : undefined;
    const item = first?.node ?? node;
    if (first) {
      for (const d of node.departments) if (!item.departments.includes(d)) item.departments.push(d);
    } else {
      if (id) itemById.set(id, { node, row: r });
      attach(node, stack, roots);
      items.push({ node, row });
      if (node.tierCode && !tiers.has(node.tierCode)) {
        tiers.set(node.tierCode, { code: node.tierCode, label: get(ctx, row, "tier"), definition: null });
      }
    }
    for (const d of node.departments) if (!doc.departments.includes(d)) doc.departments.push(d);
    const entry = entryOfRow(row, node);
    if (entry) entries.push({ ...entry, nodeKey: item.key });
    const indicator = first ? null : indicatorOf(ctx, row, node);
    if (indicator) indicators.push(indicator);
    ctx.rowProblems.set(r, problems.length - before);
    const summary = first ? `${first.row}行目と同じ項目（ID ${id}）の、別の課の行` : itemSummary(node, entry);
    preview.push({
      ...previewOf(sheet, r, "item", item.title, summary),
      level: item.level,
      label: item.label,
      nodeKey: item.key,
      ...(id ? { id } : {}),
      problemCount: problems.length - before,
    });
  }

  linkCrossReferences(ctx, items);
  doc.nodes = roots;
  doc.tiers = [...tiers.values()];
  doc.statusVocabulary = statusLabels;
  doc.gradeVocabulary = options.gradeVocabulary ?? grades;
  doc.indicators = indicators;
  const maxLevel = items.reduce((m, i) => Math.max(m, i.node.level), 0);
  doc.levelNames =
    options.levelNames ??
    Array.from({ length: maxLevel + 1 }, (_, i) => DEFAULT_LEVEL_NAMES[i] ?? `第${i + 1}階層`);
  if (!options.levelNames)
    doc.source.notes.push("階層の名前は資料にないため仮の名前（大項目・中項目…）にしています");

  const scheduleYears = mapping.years.filter((y) => y.kind === "schedule").map((y) => y.fiscalYear);
  if (scheduleYears.length > 0) {
    doc.firstYear = Math.min(...scheduleYears);
    doc.lastYear = Math.max(...scheduleYears);
  }

  if (entries.length > 0 || statedTallies.length > 0) {
    if (roundYear === null) {
      problems.push({
        sheet: sheet.name,
        row: null,
        column: null,
        field: "round",
        message: "進捗がどの年度のものか分かりません。取り込むときに年度を指定してください",
      });
    } else {
      const round: RoundDef = {
        fiscalYear: roundYear,
        asOfLabel: preamble.asOf?.label ?? null,
        asOfDate: preamble.asOf?.date ?? null,
        entries,
        statedTallies,
      };
      doc.rounds = [round];
    }
  }
  for (const p of preview)
    if (p.action === "item") p.problemCount = ctx.rowProblems.get(p.row) ?? p.problemCount;
  return { doc, problems, preview };
}

function emptyDocument(options: GridToPlanOptions): PlanDocument {
  return emptyPlanDocument({
    title: options.title ?? "",
    kind: options.kind ?? "",
    termLabel: options.termLabel ?? null,
    source: { name: options.sourceName ?? "", notes: [] },
  });
}

function itemSummary(node: NodeDef, entry: EntryDef | null): string {
  const parts: string[] = [];
  if (node.tierCode) parts.push(`重点${node.tierCode}`);
  if (node.departments.length > 0) parts.push(node.departments.join("・"));
  if (entry?.statusLabel) parts.push(entry.statusLabel);
  if (entry?.grade) parts.push(`評価${entry.grade}`);
  if (node.nextTerm) parts.push(`次期案${node.nextTerm.label || "（空欄）"}`);
  if (node.crossRefOf) parts.push("再掲");
  const years = Object.keys(node.schedule);
  if (years.length > 0) parts.push(`${years[0]}年度〜`);
  return parts.length > 0 ? parts.join("・") : "項目";
}

function previewOf(
  sheet: GridSheet,
  row: number,
  action: PreviewRow["action"],
  title: string,
  summary: string,
): PreviewRow {
  return {
    sheet: sheet.name,
    row,
    action,
    level: null,
    label: null,
    title,
    nodeKey: null,
    summary,
    problemCount: 0,
  };
}

function mappingProblem(sheet: string, message: string): Problem {
  return { sheet, row: null, column: null, field: "mapping", message };
}

function kindOf(title: string): string {
  for (const k of ["指針", "推進計画", "基本計画", "行動計画", "実施計画", "施策別概要", "計画"]) {
    if (title.includes(k)) return k;
  }
  return "計画";
}

function termOf(title: string): string | null {
  return /第[0-9０-９一二三四五六七八九十]+[期次](改定版)?/.exec(title)?.[0] ?? null;
}

export { FIELD_LABELS };

/**
 * The fiscal year a title names, when it names one and only one (令和5年度 進捗管理表, 取組の進捗状況（R5年度）); a
 * period (令和3年度～令和7年度) or several years name none.
 */
export function yearOfTitle(title: string): number | null {
  const t = title.normalize("NFKC");
  if (/[～〜~]|から|まで/.test(t)) return null;
  const found = [...t.matchAll(/(?:令和|平成|R|H)\s*(?:元|[0-9]{1,2})\s*年度|[0-9]{4}\s*年度/g)];
  if (found.length !== 1) return null;
  const year = parseFiscalYear(found[0]![0]);
  return year.ok ? year.value : null;
}
