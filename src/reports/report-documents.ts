/**
 * Document layouts: the per-policy overview (pref-policy-overview-fy2010.txt: 施策の目的, 数値目標 by fiscal year,
 * 現状と課題, 取組方向, 主な事業 with budget per year) and the basic-plan document (pref-basic-plan-2013.txt: cover,
 * 策定経緯, chapters, the policy tree in the chapter named after its levels). Built from any plan of the class:
 * whatever a plan lacks is left out with a note, never an error.
 */
import { achievementRate, budgetTotals } from "../indicators/achievement.js";
import { formatPercent } from "../indicators/indicator.js";
import { formatJapaneseMonth, type YearStyle } from "../japanese/index.js";
import type { Block, BudgetDef, IndicatorDef, NodeDef, SectionDef } from "../plans/plan-document.js";
import { periodLabel } from "../plans/plan-years.js";
import type { Layout } from "./report-layout.js";
import {
  asOfLine,
  type BuildOptions,
  filenameOf,
  headRow,
  num,
  pickRound,
  type ReportBlock,
  type ReportModel,
  type ReportSource,
  sheetNameOf,
  styleOf,
  type TableBlock,
  type TableRow,
  walkNodes,
  yearLabel,
} from "./report-model.js";

const ROLE_CAPTION: Record<IndicatorDef["role"], string> = {
  main: "施策目標項目（主指標）",
  sub: "取組目標項目（副指標）",
  statistic: "統計",
};

/** Indicator tables by fiscal year: 目標値 and 実績値 rows, the achievement rate computed, the definitions after. */
export function indicatorBlocks(indicators: readonly IndicatorDef[], style: string): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (const role of ["main", "sub", "statistic"] as const) {
    const list = indicators.filter((i) => i.role === role);
    if (list.length === 0) continue;
    const years = [...new Set(list.flatMap((i) => i.values.map((v) => v.fiscalYear)))].sort((a, b) => a - b);
    const rows: TableRow[] = [];
    for (const i of list) {
      const at = (y: number) => i.values.find((v) => v.fiscalYear === y);
      const unit = i.unit ?? "";
      if (role !== "statistic")
        rows.push({
          kind: "data",
          cells: [i.name, "目標値", ...years.map((y) => num(at(y)?.target ?? null, unit))],
        });
      rows.push({
        kind: "data",
        cells: [
          role === "statistic" ? i.name : "",
          "実績値",
          ...years.map((y) => num(at(y)?.actual ?? null, unit)),
        ],
      });
      if (role !== "statistic" && i.values.some((v) => v.target !== null && v.actual !== null))
        rows.push({
          kind: "data",
          cells: [
            "",
            "達成率",
            ...years.map((y) => {
              const v = at(y);
              const rate = v ? achievementRate(v.target, v.actual, i.direction ?? "up") : null;
              return rate === null ? "" : formatPercent(rate);
            }),
          ],
        });
    }
    out.push({
      type: "table",
      caption: null,
      head: [headRow([ROLE_CAPTION[role], "", ...years.map((y) => yearLabel(y, style))])],
      widths: [34, 8, ...years.map(() => 11)],
      rows,
    });
    for (const i of list) {
      if (i.definition) out.push({ type: "paragraph", text: i.definition });
      if (i.sourceNote) out.push({ type: "note", text: i.sourceNote });
    }
  }
  return out;
}

/** 主な事業: one row per project with its budget per fiscal year (千円) and the totals computed. */
export function budgetBlocks(budgets: readonly BudgetDef[], style: string): ReportBlock[] {
  if (budgets.length === 0) return [];
  const totals = budgetTotals(budgets);
  const short = style === "western" ? "western" : style;
  const rows: TableRow[] = budgets.map((b) => ({
    kind: "data",
    cells: [
      b.name,
      b.servesLabel ?? "",
      ...totals.years.map((y) => num(b.amounts.find((a) => a.fiscalYear === y)?.amount ?? null)),
      b.summary ?? "",
    ],
  }));
  rows.push({
    kind: "data",
    total: true,
    cells: ["合計", "", ...totals.years.map((y) => num(totals.perYear.get(y) ?? null)), ""],
  });
  const table: TableBlock = {
    type: "table",
    caption: "予算額（単位：千円）",
    head: [headRow(["事業名", "基本事業名", ...totals.years.map((y) => yearLabel(y, short)), "事業概要"])],
    widths: [24, 18, ...totals.years.map(() => 10), 44],
    rows,
  };
  return [{ type: "heading", level: 3, text: "主な事業" }, table];
}

function subtreeKeys(n: NodeDef): Set<string> {
  const keys = new Set<string>();
  walkNodes([n], (x) => keys.add(x.key));
  return keys;
}

function narrativeBlocks(blocks: readonly Block[]): ReportBlock[] {
  const out: ReportBlock[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph") out.push({ type: "paragraph", text: b.text });
    else if (b.type === "bullets") out.push({ type: "bullets", items: b.items });
    else if (b.type === "note") out.push({ type: "note", text: b.text });
    else if (b.type === "figure") out.push({ type: "note", text: `（図）${b.caption}` });
    else
      out.push({
        type: "table",
        caption: b.caption,
        head: [headRow(b.header)],
        widths: b.header.map((_, i) => (i === 0 ? 30 : 12)),
        rows: b.rows.map((cells) => ({ kind: "data", cells: b.header.map((_, i) => cells[i] ?? "") })),
      });
    if (b.type === "table" && b.note) out.push({ type: "note", text: b.note });
  }
  return out;
}

const PURPOSE_FIELDS = ["対象", "意図"];

/** 施策別概要: one part per policy (top-level node) with its purpose, indicators, progress and projects. */
export function buildPolicyOverview(src: ReportSource, layout: Layout, opts: BuildOptions): ReportModel {
  const style = styleOf(layout.yearStyle, src.orgYearStyle);
  const notes: string[] = [];
  const { round, note } = pickRound(src.rounds, opts);
  if (note) notes.push(note);
  else if (round && round.entries.length === 0) notes.push("この報告回にはまだ記入がありません。");
  const blocks: ReportBlock[] = [];
  const placed = new Set<string>();
  const policies = src.nodes;
  if (policies.length === 0) notes.push("この計画にはまだ施策が登録されていません。");
  for (const p of policies) {
    const keys = subtreeKeys(p);
    blocks.push({ type: "heading", level: 2, text: [p.label, p.title].filter(Boolean).join(" ") });
    const children = p.children.map((c) => {
      const depts = c.departments.length ? ` (${c.departments.join("・")})` : "";
      return `${[c.label, c.title].filter(Boolean).join(" ")}${depts}`;
    });
    if (children.length) blocks.push({ type: "bullets", items: children });
    const lead = p.attributes.主担当部 ?? (p.departments.length ? p.departments.join("・") : null);
    if (lead) blocks.push({ type: "fields", items: [{ label: "主担当部", text: lead }] });
    const purpose = PURPOSE_FIELDS.filter((f) => p.attributes[f]).map((f) => ({
      label: `（${f}）`,
      text: p.attributes[f]!,
    }));
    if (purpose.length)
      blocks.push({ type: "heading", level: 3, text: "施策の目的" }, { type: "fields", items: purpose });
    const indicators = src.indicators.filter((i) => i.nodeKey !== null && keys.has(i.nodeKey));
    for (const i of indicators) placed.add(`i:${src.indicators.indexOf(i)}`);
    if (indicators.length)
      blocks.push(
        { type: "heading", level: 3, text: "施策の数値目標" },
        ...indicatorBlocks(indicators, style),
      );
    const entries = (round?.entries ?? []).filter((e) => keys.has(e.nodeKey));
    for (const e of entries)
      for (const n of e.narrative)
        blocks.push({ type: "heading", level: 3, text: n.heading }, ...narrativeBlocks(n.blocks));
    const texts = entries.flatMap((e) =>
      [
        ["施策の実施", e.statusLabel],
        ["評価", e.grade],
        ["実績", e.result],
        ["実行(D)", e.doText],
        ["評価(C)", e.checkText],
        ["課題", e.issuesText],
        ["改善(A)", e.actText],
      ].filter((x): x is [string, string] => !!x[1]),
    );
    if (texts.length) blocks.push({ type: "fields", items: texts.map(([label, text]) => ({ label, text })) });
    const budgets = src.budgets.filter((b) => b.nodeKey !== null && keys.has(b.nodeKey));
    for (const b of budgets) placed.add(`b:${src.budgets.indexOf(b)}`);
    blocks.push(...budgetBlocks(budgets, style));
  }
  const restIndicators = src.indicators.filter((_, i) => !placed.has(`i:${i}`));
  const restBudgets = src.budgets.filter((_, i) => !placed.has(`b:${i}`));
  if (restIndicators.length || restBudgets.length) {
    blocks.push({ type: "heading", level: 2, text: "計画全体" });
    if (restIndicators.length) blocks.push(...indicatorBlocks(restIndicators, style));
    blocks.push(...budgetBlocks(restBudgets, style));
  }
  if (src.indicators.length === 0 && src.nodes.length > 0)
    notes.push("この計画には数値目標（指標）が登録されていません。");
  return {
    title: layout.title ?? src.plan.title,
    subtitle: src.plan.termLabel,
    orgName: src.orgName,
    layoutName: layout.name,
    asOf: layout.showAsOf ? asOfLine(round, style) : null,
    notes,
    blocks,
    legend: [],
    sheetName: sheetNameOf(layout.name),
    filename: filenameOf(src.plan.title, layout.name),
  };
}

function sectionText(sections: readonly SectionDef[]): Set<string> {
  const out = new Set<string>();
  const norm = (s: string) => s.replace(/\s+/g, "");
  const go = (list: readonly SectionDef[]) => {
    for (const s of list) {
      out.add(norm(s.heading));
      for (const b of s.blocks) {
        if (b.type === "paragraph" || b.type === "note") out.add(norm(b.text));
        if (b.type === "bullets") for (const i of b.items) out.add(norm(i));
      }
      go(s.children);
    }
  };
  go(sections);
  return out;
}

/** The policy tree as the 施策の展開方向 chapter prints it: headings for categories, bullets of items. */
function treeBlocks(src: ReportSource, printed: Set<string>): ReportBlock[] {
  const out: ReportBlock[] = [];
  const seen = (t: string) => printed.has(t.replace(/\s+/g, ""));
  const go = (list: readonly NodeDef[], depth: number) => {
    let bullets: string[] = [];
    const notes: string[] = [];
    const flush = () => {
      if (bullets.length) out.push({ type: "bullets", items: bullets });
      for (const n of notes) out.push({ type: "note", text: n });
      bullets = [];
      notes.length = 0;
    };
    for (const n of list) {
      if (n.kind === "item" && n.children.length === 0) {
        const extra = [n.departments.join("・"), n.tierCode ? `【${n.tierCode}】` : ""]
          .filter(Boolean)
          .join(" ");
        bullets.push(
          `${[n.label, n.title].filter(Boolean).join(" ")}${n.crossRefOf ? "（再掲）" : ""}${extra ? `（${extra}）` : ""}`,
        );
        for (const [k, v] of Object.entries(n.attributes)) if (k.startsWith("注")) notes.push(v);
        continue;
      }
      flush();
      const heading = [n.label, n.title].filter(Boolean).join(" ");
      out.push({ type: "heading", level: depth <= 0 ? 3 : 4, text: heading });
      // a policy's sentence already printed in its own chapter (施策の基本方針) is not printed twice
      if (n.content && !seen(n.content)) out.push({ type: "paragraph", text: n.content });
      for (const [k, v] of Object.entries(n.attributes))
        if (k.startsWith("注")) out.push({ type: "note", text: v });
      go(n.children, depth + 1);
    }
    flush();
  };
  // a single root that only states the goal (基本目標) is printed in its chapter; start below it
  const roots =
    src.nodes.length === 1 && src.nodes[0]!.kind === "category" && seen(src.nodes[0]!.title)
      ? src.nodes[0]!.children
      : src.nodes;
  go(roots, 0);
  return out;
}

function sectionBlocks(s: SectionDef, depth: number, out: ReportBlock[], after?: (s: SectionDef) => void) {
  const level = Math.min(4, 2 + depth) as 2 | 3 | 4;
  out.push({ type: "heading", level, text: [s.label, s.heading].filter(Boolean).join(" ") });
  out.push(...narrativeBlocks(s.blocks));
  for (const c of s.children) sectionBlocks(c, depth + 1, out);
  after?.(s);
}

/** `2003-03` in the year style (平成15年3月), or null. */
function monthLabel(month: string | null, style: string): string | null {
  const m = month ? /^(\d{4})-(\d{2})$/.exec(month) : null;
  if (!m) return null;
  return formatJapaneseMonth({ year: Number(m[1]), month: Number(m[2]) }, style as YearStyle);
}

/** 基本計画書: cover, 策定経緯, chapters, the policy tree placed in the chapter named after its levels. */
export function buildBasicPlan(src: ReportSource, layout: Layout, _opts: BuildOptions): ReportModel {
  const style = styleOf(layout.yearStyle, src.orgYearStyle);
  const notes: string[] = [];
  const p = src.plan;
  const blocks: ReportBlock[] = [];
  const cover = [
    {
      label: "計画期間",
      text: p.firstYear === null && p.lastYear === null ? "" : periodLabel(p.firstYear, p.lastYear, style),
    },
    { label: "策定", text: p.issuedLabel ?? "" },
    { label: "策定者", text: p.issuer ?? src.orgName },
  ].filter((f) => f.text);
  if (cover.length) blocks.push({ type: "fields", items: cover });
  if (p.revisions.length)
    blocks.push({
      type: "table",
      caption: "《策定経緯》",
      head: [headRow(["年月", "区分", "内容"])],
      widths: [14, 10, 50],
      rows: p.revisions.map((r) => ({
        kind: "data",
        cells: [monthLabel(r.month, style) ?? r.label, r.kind, r.note ?? r.label],
      })),
    });

  const printed = sectionText(p.sections);
  const levelWords = p.levelNames.slice(1);
  let target = -1;
  p.sections.forEach((s, i) => {
    if (levelWords.some((w) => w && s.heading.includes(w))) target = i;
  });
  const tree = src.nodes.length ? treeBlocks(src, printed) : [];
  p.sections.forEach((s, i) => {
    sectionBlocks(s, 0, blocks, i === target ? () => blocks.push(...tree) : undefined);
  });
  if (target < 0 && tree.length) {
    blocks.push({ type: "heading", level: 2, text: "施策体系" }, ...tree);
  }
  const targets = src.indicators.filter((i) => i.role !== "statistic");
  if (targets.length)
    blocks.push({ type: "heading", level: 2, text: "数値目標" }, ...indicatorBlocks(targets, style));
  if (p.sections.length === 0 && src.nodes.length === 0)
    notes.push("この計画にはまだ章も施策も登録されていません。");
  else if (p.sections.length === 0)
    notes.push("この計画には本文（章）が登録されていないため、施策体系のみを表示しています。");
  return {
    title: layout.title ?? p.title,
    subtitle: [p.termLabel, p.subtitle].filter(Boolean).join(" ") || null,
    orgName: src.orgName,
    layoutName: layout.name,
    asOf: null,
    notes,
    blocks,
    legend: [],
    sheetName: sheetNameOf(layout.name),
    filename: filenameOf(p.title, layout.name),
  };
}
