/**
 * Policy overviews (施策別概要, 施策評価表) as text extracted from a PDF → PlanDocument. Layout of the class:
 * a heading naming the fiscal year (平成22年度当初予算 施策別概要), a policy with its code (521 …), its basic
 * projects (52101 … (department)), the 主担当部, then marked parts `< … >`: purpose ((対象)/(意図)), indicator
 * tables (主指標/副指標 × 目標値/実績値 per year), progress (現状と課題), the year's direction (取組方向) and
 * main projects (主な事業: name 【基本事業名：code …】, 予算額 (21) … 千円, 事業概要).
 *
 * Tree: level 0 施策 (the policy, an item), level 1 基本事業 (its basic projects, items). Purpose → attributes
 * of the policy; indicators → on the policy; progress and direction → one round for the heading's fiscal year
 * with an entry on the policy whose narrative holds them; main projects → budgets linked to their basic project.
 */
import type { BudgetDef, EntryDef, NodeDef } from "../../plans/plan-document.js";
import type { TextParse } from "./basic-plan.js";
import { emptyDocument, newNode } from "./document.js";
import { eraOf, fiscalYearOf, quantityOf } from "./kernel.js";
import { classify, type Line, readLines, type Warning } from "./lines.js";
import { overviewNarrative, readIndicatorTables } from "./overview-parts.js";

const KIND = /(施策別概要|施策評価表|施策評価調書|施策概要|事務事業評価表|評価表|概要)/;
const CODE_LINE = /^([0-9０-９]{3,})[\s\u3000]*(.+)$/;
const DEPARTMENT = /[\s\u3000]*[(（]([^()（）]*(?:部|課|局|室|所|センター|委員会|事務所))[)）]$/;
const MARK = /^[<＜〈][\s\u3000]*(.+?)[\s\u3000]*[>＞〉]$/;
const LABELLED =
  /^[(（][\s\u3000]*([^()（）:：]{1,12}?)[\s\u3000]*[:：][\s\u3000]*([^()（）]+?)[\s\u3000]*[)）]$/;
const FIELD = /^[(（]([^()（）]{1,10})[)）][\s\u3000]*(.+)$/;
const SERVES = /【[\s\u3000]*([^】：:]*?)[\s\u3000]*[:：][\s\u3000]*([^】]+?)[\s\u3000]*】/;
const AMOUNT =
  /[(（][\s\u3000]*(元|[0-9０-９]{1,4})[\s\u3000]*[)）][\s\u3000]*([-－―‐−ー]|[0-9０-９][0-9０-９,，]*)[\s\u3000]*(千円|百万円|万円|円)?/g;

type Part = "purpose" | "indicators" | "progress" | "direction" | "projects" | "other";

function partOf(heading: string): Part {
  if (/目的/.test(heading)) return "purpose";
  if (/数値目標|指標/.test(heading)) return "indicators";
  if (/主な事業|事業一覧|構成事業/.test(heading)) return "projects";
  if (/進捗|現状と課題|成果/.test(heading)) return "progress";
  if (/取組方向|方向|今後/.test(heading)) return "direction";
  return "other";
}

export function parsePolicyOverview(text: string, options: { sourceName?: string } = {}): TextParse {
  const warnings: Warning[] = [];
  const lines = readLines(text);
  const doc = emptyDocument("", "施策別概要", options.sourceName ?? "");
  doc.levelNames = ["施策", "基本事業"];

  let policy: NodeDef | null = null;
  let era: string | null = null;
  let fiscalYear: number | null = null;
  let part: { kind: Part; heading: string; lines: Line[] } | null = null;
  const parts: { kind: Part; heading: string; lines: Line[] }[] = [];
  const addDepartment = (name: string) => {
    if (!doc.departments.includes(name)) doc.departments.push(name);
  };

  for (const line of lines) {
    const t = line.text;
    if (t === "" && line.cells === null) continue;
    const mark = line.cells === null ? MARK.exec(t) : null;
    if (mark) {
      part = { kind: partOf(mark[1]!), heading: mark[1]!, lines: [] };
      parts.push(part);
      continue;
    }
    if (part) {
      part.lines.push(line);
      continue;
    }
    if (doc.title === "") {
      doc.title = t;
      doc.kind = KIND.exec(t)?.[1] ?? "施策別概要";
      const year = /((?:明治|大正|昭和|平成|令和)\s*(?:元|[0-9０-９]{1,2})|[0-9０-９]{4})\s*年度/.exec(t);
      if (year) {
        era = eraOf(year[1]!);
        fiscalYear = fiscalYearOf(`${year[1]!.replace(/\s/g, "")}年度`, era);
      }
      continue;
    }
    const code = CODE_LINE.exec(t);
    if (code && line.cells === null) {
      const dept = DEPARTMENT.exec(code[2]!);
      const title = dept ? code[2]!.slice(0, dept.index).trim() : code[2]!.trim();
      const departments = dept ? [dept[1]!.trim()] : [];
      departments.forEach(addDepartment);
      if (policy === null) {
        policy = newNode({ key: code[1]!, kind: "item", level: 0, label: code[1]!, title, departments });
        doc.nodes.push(policy);
      } else if (code[1]!.startsWith(policy.label ?? "") && code[1]!.length > (policy.label ?? "").length) {
        policy.children.push(
          newNode({ key: code[1]!, kind: "item", level: 1, label: code[1]!, title, departments }),
        );
      } else
        warnings.push({
          line: line.no,
          message: `「${t}」は施策「${policy.label}」の基本事業の番号ではありません。`,
        });
      continue;
    }
    const labelled = LABELLED.exec(t);
    if (labelled && policy) {
      policy.attributes[labelled[1]!] = labelled[2]!;
      if (/担当/.test(labelled[1]!)) {
        for (const d of labelled[2]!.split(/[、，,]\s*/)) {
          addDepartment(d.trim());
          if (!policy.departments.includes(d.trim())) policy.departments.push(d.trim());
        }
      }
      continue;
    }
    warnings.push({ line: line.no, message: `「${t}」をどこに置くか分からないため、取り込みませんでした。` });
  }

  if (doc.title === "") {
    doc.title = "（無題）";
    warnings.push({ line: 1, message: "見出し（施策別概要の年度と名称）が見つかりませんでした。" });
  }
  if (fiscalYear === null)
    warnings.push({ line: 1, message: "見出しに年度（平成22年度など）が見つかりませんでした。" });
  doc.firstYear = fiscalYear;
  doc.lastYear = fiscalYear;
  if (policy === null) {
    warnings.push({
      line: 1,
      message: "施策の番号と名称（例: 521 …）が見つからないため、見出しを施策としました。",
    });
    policy = newNode({ key: "policy", kind: "item", level: 0, label: null, title: doc.title });
    doc.nodes.push(policy);
  }

  const narrative: EntryDef["narrative"] = [];
  for (const p of parts) {
    if (p.kind === "purpose") readPurpose(p.lines, policy, warnings);
    else if (p.kind === "indicators")
      doc.indicators.push(...readIndicatorTables(p.lines, policy.key, era, warnings));
    else if (p.kind === "projects") doc.budgets.push(...readProjects(p.lines, policy, era, warnings));
    else narrative.push({ heading: p.heading, blocks: overviewNarrative(p.lines) });
  }
  if (narrative.length > 0) {
    if (fiscalYear !== null) {
      doc.rounds.push({
        fiscalYear,
        asOfLabel: null,
        asOfDate: null,
        entries: [entryOf(policy.key, policy.departments[0] ?? null, narrative)],
        statedTallies: [],
      });
    } else {
      doc.sections.push(
        ...narrative.map((n) => ({ label: null, heading: n.heading, blocks: n.blocks, children: [] })),
      );
    }
  }
  return { doc, warnings };
}

function entryOf(nodeKey: string, department: string | null, narrative: EntryDef["narrative"]): EntryDef {
  return {
    nodeKey,
    department,
    statusLabel: null,
    grade: null,
    result: null,
    doText: null,
    checkText: null,
    issuesText: null,
    actText: null,
    narrative,
  };
}

/** (対象) NPOが / (意図) … → attributes of the policy. */
function readPurpose(lines: Line[], policy: NodeDef, warnings: Warning[]): void {
  let lastKey: string | null = null;
  for (const line of lines) {
    const m = FIELD.exec(line.text);
    if (m) {
      lastKey = m[1]!.trim();
      policy.attributes[lastKey] = m[2]!.trim();
    } else if (lastKey) policy.attributes[lastKey] = `${policy.attributes[lastKey]}\n${line.text}`;
    else warnings.push({ line: line.no, message: `施策の目的の「${line.text}」を読めませんでした。` });
  }
}

/** 主な事業: a name line (with 【基本事業名：code …】), 予算額 (21) 3,011千円 (22) …, 事業概要：… */
function readProjects(lines: Line[], policy: NodeDef, era: string | null, warnings: Warning[]) {
  const budgets: BudgetDef[] = [];
  const startedAt = new Map<BudgetDef, number>();
  let current: BudgetDef | null = null;
  for (const line of lines) {
    const t = line.text;
    const field = /^([^：:]{1,8})[\s\u3000]*[:：][\s\u3000]*(.*)$/.exec(t);
    if (field && /予算|金額|事業費/.test(field[1]!)) {
      if (!current) {
        warnings.push({ line: line.no, message: "予算額の前に事業名がありません。" });
        continue;
      }
      current.amounts.push(...readAmounts(field[2]!, era, line, warnings));
    } else if (field && /概要|内容/.test(field[1]!)) {
      if (!current) warnings.push({ line: line.no, message: "事業概要の前に事業名がありません。" });
      else current.summary = current.summary === null ? field[2]! : `${current.summary}\n${field[2]!}`;
    } else if (classify(line).kind === "paragraph" || SERVES.test(t)) {
      const serves = SERVES.exec(t);
      const name = serves ? t.slice(0, serves.index).trim() : t;
      const servesLabel = serves ? serves[2]!.trim() : null;
      const code = servesLabel ? /^[0-9０-９]+/.exec(servesLabel)?.[0] : undefined;
      const node = code ? findNode(policy, code) : null;
      if (code && !node)
        warnings.push({ line: line.no, message: `基本事業「${servesLabel}」が施策の基本事業にありません。` });
      current = { nodeKey: node?.key ?? null, name, servesLabel, summary: null, amounts: [] };
      budgets.push(current);
      startedAt.set(current, line.no);
    } else if (current?.summary) current.summary = `${current.summary}\n${t}`;
    else warnings.push({ line: line.no, message: `主な事業の「${t}」を読めませんでした。` });
  }
  for (const b of budgets)
    if (b.amounts.length === 0)
      warnings.push({ line: startedAt.get(b)!, message: `事業「${b.name}」に予算額がありません。` });
  return budgets;
}

/** `(21) 3,011千円 (22) 2,612千円` → thousand yen per fiscal year; `-` is null; bare years read in `era`. */
function readAmounts(text: string, era: string | null, line: Line, warnings: Warning[]) {
  const amounts: { fiscalYear: number; amount: number | null }[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const fiscalYear = fiscalYearOf(m[1]!, era);
    if (fiscalYear === null) {
      warnings.push({ line: line.no, message: `予算額の年度「(${m[1]})」を読めませんでした。` });
      continue;
    }
    const q = quantityOf(`${m[2]}${m[3] ?? ""}`);
    const scale = { 円: 0.001, 千円: 1, 万円: 10, 百万円: 1000 }[m[3] ?? "千円"] ?? 1;
    amounts.push({ fiscalYear, amount: q?.value == null ? null : Math.round(q.value * scale * 1000) / 1000 });
  }
  if (amounts.length === 0)
    warnings.push({ line: line.no, message: `予算額「${text}」を読めませんでした。` });
  return amounts;
}

function findNode(root: NodeDef, label: string): NodeDef | null {
  const wanted = label.normalize("NFKC");
  if ((root.label ?? "").normalize("NFKC") === wanted) return root;
  for (const c of root.children) {
    const found = findNode(c, label);
    if (found) return found;
  }
  return null;
}
