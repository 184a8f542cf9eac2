/**
 * Parts of a policy overview that are read line by line: indicator tables (主指標 / 副指標, years across,
 * 目標値 / 実績値 down, a definition sentence under the table) and narrative parts (bullets, paragraphs).
 */
import type { Block, IndicatorDef } from "../../plans/plan-document.js";
import { quantityOf, yearHeaders } from "./kernel.js";
import { classify, type Line, type Warning } from "./lines.js";

type Value = IndicatorDef["values"][number];

/** Indicator tables → IndicatorDef with target and actual per fiscal year (absent stays null). */
export function readIndicatorTables(
  lines: Line[],
  nodeKey: string,
  era: string | null,
  warnings: Warning[],
): IndicatorDef[] {
  const all: IndicatorDef[] = [];
  let table: {
    years: number[];
    first: number;
    role: IndicatorDef["role"];
    indicators: IndicatorDef[];
  } | null = null;
  let definitions: { text: string; line: number }[] = [];
  const closeDefinitions = () => {
    if (table && definitions.length > 0) attachDefinitions(table.indicators, definitions, warnings);
    definitions = [];
  };

  for (const line of lines) {
    const cells = line.cells;
    if (cells) {
      const first = cells.findIndex((c, i) => i > 0 && c !== "");
      const years = first > 0 ? yearHeaders(trimEnd(cells.slice(first)), era) : null;
      if (years && !/^(目標|実績)/.test(cells[first] ?? "")) {
        closeDefinitions();
        const head = cells[0] ?? "";
        const role = /副/.test(head) ? "sub" : /主/.test(head) ? "main" : "sub";
        if (!/[主副]指標/.test(head))
          warnings.push({
            line: line.no,
            message: `指標の表「${head}」が主指標か副指標か分からないため、副指標としました。`,
          });
        table = { years, first, role, indicators: [] };
        continue;
      }
      if (!table) {
        warnings.push({ line: line.no, message: "年度の見出し行がない表の行は読めませんでした。" });
        continue;
      }
      closeDefinitions();
      readRow(cells, line, table, nodeKey, warnings, all);
      continue;
    }
    const k = classify(line);
    if (k.kind === "blank" || k.kind === "page") continue;
    if (table) definitions.push({ text: line.text, line: line.no });
    else warnings.push({ line: line.no, message: `数値目標の「${line.text}」を読めませんでした。` });
  }
  closeDefinitions();
  for (const indicator of all) finish(indicator);
  return all;
}

function readRow(
  cells: string[],
  line: Line,
  table: { years: number[]; first: number; role: IndicatorDef["role"]; indicators: IndicatorDef[] },
  nodeKey: string,
  warnings: Warning[],
  all: IndicatorDef[],
): void {
  // the 目標値 / 実績値 cell: in the header's column before the years, or — in text laid out with spaces, where empty
  // cells leave no trace — the first cell that says so; the values follow it, year by year
  const at = /^(目標|実績)/.test(cells[table.first - 1] ?? "")
    ? table.first - 1
    : cells.findIndex((c) => /^(目標|実績)値?$/.test(c));
  const kindAt = at >= 0 ? at : table.first - 1;
  const name = kindAt > 0 ? (cells[0] ?? "") : "";
  let indicator = table.indicators.at(-1);
  if (name !== "" || !indicator) {
    indicator = {
      nodeKey,
      role: table.role,
      name: name || "（名称なし）",
      unit: null,
      definition: null,
      direction: null,
      baselineYear: null,
      values: table.years.map(
        (fiscalYear): Value => ({ fiscalYear, target: null, actual: null, note: null }),
      ),
      sourceNote: null,
    };
    table.indicators.push(indicator);
    all.push(indicator);
  }
  const kindCell = cells[kindAt] ?? "";
  const field = /目標/.test(kindCell) ? "target" : /実績/.test(kindCell) ? "actual" : null;
  if (field === null) {
    warnings.push({
      line: line.no,
      message: `「${kindCell}」が目標値か実績値か分からないため、この行を読みませんでした。`,
    });
    return;
  }
  table.years.forEach((_, j) => {
    const cell = cells[kindAt + 1 + j] ?? "";
    if (cell === "") return;
    const value = indicator.values[j]!;
    const q = quantityOf(cell);
    if (q === null) {
      value.note = value.note ? `${value.note} ${cell}` : cell;
      warnings.push({
        line: line.no,
        message: `「${cell}」を数値として読めませんでした（${indicator.name}）。`,
      });
      return;
    }
    value[field] = q.value;
    indicator.unit ??= q.unit;
  });
}

/** A definition sentence under a table belongs to its one indicator; with several, to the first without one. */
function attachDefinitions(
  indicators: IndicatorDef[],
  definitions: { text: string; line: number }[],
  warnings: Warning[],
) {
  const text = definitions.map((d) => d.text).join("\n");
  if (indicators.length === 1) {
    indicators[0]!.definition = text;
    return;
  }
  const target = indicators.find((i) => i.definition === null);
  if (target) target.definition = text;
  warnings.push({
    line: definitions[0]!.line,
    message: target
      ? `表の下の説明がどの指標のものか分からないため、「${target.name}」の定義としました。`
      : "表の下の説明を置く指標がありませんでした。",
  });
}

/** Direction from the targets (rising → up, falling → down); a first year with an actual and no target is the baseline. */
function finish(indicator: IndicatorDef): void {
  const targets = indicator.values.flatMap((v) => (v.target === null ? [] : [v.target]));
  if (targets.length >= 2) {
    const rising = targets.every((t, i) => i === 0 || t >= targets[i - 1]!);
    const falling = targets.every((t, i) => i === 0 || t <= targets[i - 1]!);
    if (rising && !falling) indicator.direction = "up";
    else if (falling && !rising) indicator.direction = "down";
  }
  const first = indicator.values[0];
  if (first && first.target === null && first.actual !== null) indicator.baselineYear = first.fiscalYear;
}

function trimEnd(cells: string[]): string[] {
  const out = [...cells];
  while (out.length > 0 && out.at(-1) === "") out.pop();
  return out;
}

/** A narrative part (現状と課題, 取組方向 …) → blocks: bullet lists, paragraphs, notes, tables. */
export function overviewNarrative(lines: Line[]): Block[] {
  const blocks: Block[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    blocks.push({ type: "table", caption: null, header: rows[0]!, rows: rows.slice(1), note: null });
    rows = [];
  };
  for (const line of lines) {
    const k = classify(line);
    if (k.kind !== "row") flush();
    const last = blocks.at(-1);
    switch (k.kind) {
      case "blank":
      case "page":
        break;
      case "row":
        rows.push(k.cells);
        break;
      case "bullet":
        if (last?.type === "bullets") last.items.push(k.text);
        else blocks.push({ type: "bullets", items: [k.text] });
        break;
      case "note":
      case "source":
        blocks.push({ type: "note", text: k.text });
        break;
      case "figure":
        blocks.push({ type: "figure", caption: k.caption });
        break;
      default:
        blocks.push({ type: "paragraph", text: line.text });
    }
  }
  flush();
  return blocks;
}
