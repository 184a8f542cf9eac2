/**
 * Item rows → NodeDef, progress entry and indicator, and the 再掲 links between items. Every cell that cannot be
 * read becomes a Problem located at its sheet, row and column; nothing here throws.
 */
import { matchKey, parseQuantity, parseTierLabel, splitLeadingNumbering } from "../japanese/index.js";
import type {
  EntryDef,
  GradeDef,
  IndicatorDef,
  NodeDef,
  ScheduleMark,
  StatusDef,
} from "../plans/plan-document.js";
import { newNodeDef } from "../plans/plan-document.js";
import {
  departmentsOf,
  gradeKey,
  isBlankValue,
  nextTermOf,
  resolveStatus,
  STANDARD_GRADES,
  scheduleMarkOf,
} from "./cell-values.js";
import type { ColumnMapping } from "./detect.js";
import { columnLetter, type GridRow, type GridSheet } from "./grid.js";
import type { GridToPlanOptions, Problem } from "./grid-to-plan.js";
import type { FieldId } from "./headers.js";

export type Ctx = {
  sheet: GridSheet;
  mapping: ColumnMapping;
  problems: Problem[];
  rowProblems: Map<number, number>;
};

export function newNode(
  key: string,
  kind: NodeDef["kind"],
  level: number,
  label: string | null,
  title: string,
): NodeDef {
  return newNodeDef({ key, kind, level, label, title });
}

export function attach(node: NodeDef, stack: NodeDef[], roots: NodeDef[]): void {
  const parent = stack[stack.length - 1];
  if (parent) parent.children.push(node);
  else roots.push(node);
}

/** The trimmed text of a mapped field's cell ("" when unmapped or empty). */
export function get(ctx: Ctx, row: GridRow, field: FieldId): string {
  const c = ctx.mapping.fields[field];
  if (c === undefined) return "";
  return row.cells[c]?.text.trim() ?? "";
}

function orNull(text: string): string | null {
  return isBlankValue(text) ? null : text;
}

function problemAt(
  ctx: Ctx,
  row: GridRow,
  column: number | undefined,
  field: Problem["field"],
  reason: string,
) {
  const header = column === undefined ? "" : (ctx.mapping.headers[column] ?? "");
  const where =
    column === undefined ? "" : header ? `「${header.replace(/\n/g, "")}」` : `${columnLetter(column)}列`;
  ctx.problems.push({
    sheet: ctx.sheet.name,
    row: row.sourceRow,
    column: column === undefined ? null : columnLetter(column),
    field,
    message: `${row.sourceRow}行目${where}: ${reason}`,
  });
}

/**
 * The leading number label of a category or item title (（1）, ①, Ⅰ, ア, 1.), with its style and the rest of the
 * title; null when there is none or nothing follows it. Kana kinds are one style whichever sequence (五十音 or いろは)
 * the kernel reads them in, so that ア and イ rows share a level.
 */
export function leadingNumbering(text: string): { label: string; style: string; rest: string } | null {
  const { numbering, rest } = splitLeadingNumbering(text);
  if (!numbering) return namedNumbering(text);
  if (rest === "") return null;
  return { label: numbering.label, style: numbering.kind.replace(/-(aiueo|iroha)$/, ""), rest };
}

/**
 * A number written with the name of its level: 基本目標1, 基本方針２, 施策の柱Ⅲ, 分野一. The label is the name and
 * number as printed; each name is a style of its own, so 基本目標 and 基本方針 rows take different levels.
 */
const NAMED_NUMBER =
  /^(基本目標|基本方針|基本施策|重点目標|重点施策|施策の柱|施策の方向|取組方針|施策|方針|目標|柱|分野|視点)[\s\u3000]*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[IVX]{1,4})(?=[\s\u3000：:．.、]|$)[\s\u3000：:．.、]*/;

function namedNumbering(text: string): { label: string; style: string; rest: string } | null {
  const m = NAMED_NUMBER.exec(text.trim());
  if (!m) return null;
  const rest = text.trim().slice(m[0].length).trim();
  if (rest === "") return null;
  return { label: `${m[1]}${m[2]}`, style: `named:${m[1]}`, rest };
}

const CROSS_REF_MARK = /[（(]\s*再掲\s*[)）]|【\s*再掲\s*】|^\s*再掲\s*/;

export function itemNode(ctx: Ctx, row: GridRow, level: number): NodeDef {
  const { fields } = ctx.mapping;
  let label = orNull(get(ctx, row, "number"));
  let title = get(ctx, row, "title");
  if (fields.number === undefined && title) {
    const numbering = leadingNumbering(title);
    if (numbering) {
      label = numbering.label;
      title = numbering.rest;
    }
  }
  const content = orNull(get(ctx, row, "content"));
  if (!title) {
    if (content) title = content.split("\n")[0]!;
    else problemAt(ctx, row, fields.title, "title", "項目名が空です");
  }
  const node = newNode(`r${row.sourceRow}`, "item", level, label, title);
  node.content = content;
  node.yearlyGoal = orNull(get(ctx, row, "yearlyGoal"));
  node.targetState = orNull(get(ctx, row, "targetState"));
  node.implementingBody = orNull(get(ctx, row, "implementingBody"));
  node.departments = departmentsOf(get(ctx, row, "departments"));

  const tierText = get(ctx, row, "tier");
  if (!isBlankValue(tierText)) {
    const tier = parseTierLabel(tierText);
    if (tier.ok) node.tierCode = tier.value.code;
    else problemAt(ctx, row, fields.tier, "tier", tier.reason);
  }

  const nextText = get(ctx, row, "nextTerm");
  const reason = orNull(get(ctx, row, "reason"));
  if (!isBlankValue(nextText)) {
    const next = nextTermOf(nextText);
    if (next.ok) node.nextTerm = { ...next.value, reason };
    else {
      problemAt(ctx, row, fields.nextTerm, "nextTerm", next.reason);
      node.nextTerm = { label: nextText, tierCode: null, completed: false, reason };
    }
  } else if (reason) {
    node.nextTerm = { label: "", tierCode: null, completed: false, reason };
  }

  for (const y of ctx.mapping.years) {
    if (y.kind !== "schedule") continue;
    const text = row.cells[y.column]?.text ?? "";
    const mark = scheduleMarkOf(text);
    if (!mark.ok) problemAt(ctx, row, y.column, "schedule", mark.reason);
    else if (mark.value) node.schedule[String(y.fiscalYear)] = mark.value as ScheduleMark;
  }

  const crossRefText = get(ctx, row, "crossRef");
  if (CROSS_REF_MARK.test(title) || !isBlankValue(crossRefText)) {
    node.attributes.再掲 = crossRefText || "再掲";
  }
  for (const a of ctx.mapping.attributes) {
    const text = row.cells[a.column]?.text.trim() ?? "";
    if (text) node.attributes[a.name] = text;
  }
  return node;
}

export function entryOf(
  ctx: Ctx,
  row: GridRow,
  node: NodeDef,
  options: GridToPlanOptions,
  statuses: StatusDef[],
  grades: GradeDef[],
): EntryDef | null {
  const { fields } = ctx.mapping;
  const statusText = get(ctx, row, "status");
  let statusLabel: string | null = null;
  if (!isBlankValue(statusText)) {
    statusLabel = statusText;
    const status = resolveStatus(statusText, options.statusVocabulary ?? null);
    if (!status.ok) problemAt(ctx, row, fields.status, "status", status.reason);
    else if (!statuses.some((s) => s.label === status.value.label)) statuses.push(status.value);
  }
  const gradeText = get(ctx, row, "grade");
  let grade: string | null = null;
  if (!isBlankValue(gradeText)) {
    grade = gradeText;
    const allowed = options.gradeVocabulary?.map((g) => g.label) ?? STANDARD_GRADES;
    if (!allowed.some((g) => gradeKey(g) === gradeKey(gradeText))) {
      problemAt(
        ctx,
        row,
        fields.grade,
        "grade",
        `「${gradeText}」はこの計画の評価区分（${allowed.join("")}）にありません`,
      );
    } else if (!grades.some((g) => gradeKey(g.label) === gradeKey(gradeText))) {
      grades.push({ label: gradeText, definition: null });
    }
  }
  const entry: EntryDef = {
    nodeKey: node.key,
    department: node.departments.length === 1 ? node.departments[0]! : null,
    statusLabel,
    grade,
    result: orNull(get(ctx, row, "result")),
    doText: orNull(get(ctx, row, "doText")),
    checkText: orNull(get(ctx, row, "checkText")),
    issuesText: orNull(get(ctx, row, "issuesText")),
    actText: orNull(get(ctx, row, "actText")),
    narrative: [],
  };
  const hasAny = [
    entry.statusLabel,
    entry.grade,
    entry.result,
    entry.doText,
    entry.checkText,
    entry.issuesText,
  ]
    .concat(entry.actText)
    .some((v) => v !== null);
  return hasAny ? entry : null;
}

export function indicatorOf(ctx: Ctx, row: GridRow, node: NodeDef): IndicatorDef | null {
  const valueColumns = ctx.mapping.years.filter((y) => y.kind !== "schedule");
  if (valueColumns.length === 0) return null;
  const byYear = new Map<
    number,
    { fiscalYear: number; target: number | null; actual: number | null; note: string | null }
  >();
  let unit = orNull(get(ctx, row, "unit"));
  let any = false;
  for (const y of valueColumns) {
    const text = row.cells[y.column]?.text.trim() ?? "";
    if (isBlankValue(text)) continue;
    const q = parseQuantity(text);
    if (!q.ok) {
      problemAt(ctx, row, y.column, "indicator", q.reason);
      continue;
    }
    any = true;
    unit ??= q.value.unit;
    const slot = byYear.get(y.fiscalYear) ?? {
      fiscalYear: y.fiscalYear,
      target: null,
      actual: null,
      note: null,
    };
    slot[y.kind === "target" ? "target" : "actual"] = q.value.value;
    if (q.value.qualifier) slot.note = slot.note ? `${slot.note} ${q.value.qualifier}` : q.value.qualifier;
    byYear.set(y.fiscalYear, slot);
  }
  if (!any) return null;
  return {
    nodeKey: node.key,
    role: "main",
    name: orNull(get(ctx, row, "indicatorName")) ?? node.title,
    unit,
    definition: null,
    direction: null,
    baselineYear: null,
    values: [...byYear.values()].sort((a, b) => a.fiscalYear - b.fiscalYear),
    sourceNote: null,
  };
}

/** 再掲 items point to the first other item with the same title (marker removed, width and spacing ignored). */
export function linkCrossReferences(ctx: Ctx, items: { node: NodeDef; row: GridRow }[]): void {
  const key = (t: string) => matchKey(t.replace(CROSS_REF_MARK, ""));
  for (const { node, row } of items) {
    if (node.attributes.再掲 === undefined) continue;
    const explicit = node.attributes.再掲 !== "再掲" ? node.attributes.再掲 : null;
    const original = items.find(
      (o) =>
        o.node !== node &&
        o.node.attributes.再掲 === undefined &&
        (explicit
          ? o.node.label === explicit || key(o.node.title) === key(explicit)
          : key(o.node.title) === key(node.title)),
    );
    if (original) node.crossRefOf = original.node.key;
    else {
      problemAt(
        ctx,
        row,
        ctx.mapping.fields.crossRef ?? ctx.mapping.fields.title,
        "crossRef",
        "再掲元の項目が見つかりません",
      );
    }
  }
}
