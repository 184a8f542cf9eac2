/**
 * Interpreting single cells of a plan list: status labels and their canonical states, 2期案 proposals, ○/→ year
 * marks, department lists, grades. Each returns a value or a Japanese reason; none throws.
 */

import { parseFiscalYear, parseTierLabel } from "../japanese/index.js";
import type { CanonicalStatus, ScheduleMark, StatusDef } from "../plans/plan-document.js";

/** The canonical state of the status labels these plans use (DOMAIN.md: 済・継 counts as 済). */
const CANONICAL_STATUS: [RegExp, CanonicalStatus][] = [
  [/^(済|済・継|済・継続|実施済|実施済み|完了|達成|済み)$/, "done"],
  [/^(一部済|一部済み|一部実施|一部達成|一部完了)$/, "partly"],
  [/^(着手中|実施中|継続中|取組中|検討中|進行中)$/, "in_progress"],
  [/^(未|未実施|未着手|未達成|未実施・未着手)$/, "not_started"],
  [/^(中止|廃止|休止)$/, "discontinued"],
];

export function statusKey(label: string): string {
  return label
    .normalize("NFKC")
    .replace(/[\s\u3000]/g, "")
    .replace(/[･·]/g, "・");
}

export function canonicalStatusOf(label: string): CanonicalStatus | null {
  const key = statusKey(label);
  for (const [re, canonical] of CANONICAL_STATUS) if (re.test(key)) return canonical;
  return null;
}

/** Looks a label up in a caller's vocabulary (width and spacing ignored), else in the standard table. */
export function resolveStatus(
  label: string,
  vocabulary: StatusDef[] | null,
): { ok: true; value: StatusDef } | { ok: false; reason: string } {
  if (vocabulary) {
    const found = vocabulary.find((v) => statusKey(v.label) === statusKey(label));
    if (found) return { ok: true, value: { label, canonical: found.canonical } };
    return {
      ok: false,
      reason: `「${label}」はこの計画の進捗区分（${vocabulary.map((v) => v.label).join("・")}）にありません`,
    };
  }
  const canonical = canonicalStatusOf(label);
  if (canonical) return { ok: true, value: { label, canonical } };
  return {
    ok: false,
    reason: `「${label}」が済・一部済・着手中・未・中止のどれに当たるか分かりません。進捗区分を指定してください`,
  };
}

export type NextTermValue = { label: string; tierCode: string | null; completed: boolean };

/**
 * The words of a 今後の方向性 / 次期の方向性 column: what becomes of an item in the next term, without a tier.
 * 継続実施, 見直しの上継続, 拡充して継続 … read as they contain one of these.
 */
const DIRECTION = /継続|拡充|拡大|充実|縮小|見直|改善|統合|廃止|休止|中止|終了|維持|新規|再編|移行/;

/**
 * 2期案 cells: `○` (completed in this term; nothing carried over), `○→I` (completed, and proposed again as tier Ⅰ),
 * `完了` (completed), a tier code (`Ⅱ-イ`, `I`, `A`) for the next term, or a direction (`継続`, `拡充`, `見直し`,
 * `廃止` …) kept as it is written.
 */
export function nextTermOf(text: string): { ok: true; value: NextTermValue } | { ok: false; reason: string } {
  const label = text.trim();
  const t = label.normalize("NFKC").replace(/\s/g, "");
  if (/^[○◯〇]$/.test(t)) return { ok: true, value: { label, tierCode: null, completed: true } };
  if (/^(完了|終了|達成)$/.test(t)) return { ok: true, value: { label, tierCode: null, completed: true } };
  const promoted = /^[○◯〇](?:→|->|⇒)(.+)$/.exec(t);
  if (promoted) {
    const tier = parseTierLabel(promoted[1]!);
    if (!tier.ok) return { ok: false, reason: `「${label}」の「→」の後: ${tier.reason}` };
    return { ok: true, value: { label, tierCode: tier.value.code, completed: true } };
  }
  const tier = parseTierLabel(label);
  if (tier.ok) return { ok: true, value: { label, tierCode: tier.value.code, completed: false } };
  if (t.length <= 20 && DIRECTION.test(t))
    return { ok: true, value: { label, tierCode: null, completed: false } };
  return {
    ok: false,
    reason: `「${label}」を次期案として読めません。重点区分（例: Ⅱ-イ）、「○」「○→Ⅰ」「完了」、または方向（継続・拡充・見直し・廃止など）で書いてください`,
  };
}

export type TallyCount = { statusLabel: string; count: number; of: number };

/** `5/6：済` → { 済, 5, 6 } (a stated tally cell, as printed in 達成状況 legends). */
export function tallyOf(cell: string): TallyCount | null {
  const m = /^\s*([0-9０-９]+)\s*[/／]\s*([0-9０-９]+)\s*[：:]\s*(\S.*?)\s*$/.exec(cell);
  if (!m) return null;
  return { statusLabel: m[3]!, count: toInt(m[1]!), of: toInt(m[2]!) };
}

function toInt(digits: string): number {
  return Number(digits.normalize("NFKC"));
}

/** ○ in the start year, → for the years it continues (実施目標年度). */
export function scheduleMarkOf(
  text: string,
): { ok: true; value: ScheduleMark | null } | { ok: false; reason: string } {
  const t = text.normalize("NFKC").replace(/\s/g, "");
  if (t === "" || /^[-‐−―ー－]$/.test(t)) return { ok: true, value: null };
  if (/^[○◯〇●◎]$/.test(t)) return { ok: true, value: "start" };
  if (/^[-‐−―ー－─━]*(→|⇒|->|➡|⟶)$/.test(t) || /^[―─━]+$/.test(t)) return { ok: true, value: "continue" };
  return {
    ok: false,
    reason: `「${text.trim()}」は年度の印として読めません（開始年度は「○」、継続は「→」）`,
  };
}

/** `協働推進課 産業振興課`, `協働推進課、産業振興課`, one per line … (`・` is kept: 子ども・子育て支援課 is one name). */
/** The end of a department's name: 市民協働課, 生活・文化部, 県民活動推進室, NPOセンター … */
const DEPARTMENT_END = /(課|部|局|室|所|センター|委員会|本部|係|班)$/;

/**
 * The departments of a cell: separated by 、, commas, slashes, spaces or lines, or by ・ when every part is a
 * department's name (市民協働課・企画課; 生活・文化部 stays one department).
 */
export function departmentsOf(text: string): string[] {
  return text
    .split(/[、，,\n\s\u3000／/]+/)
    .map((d) => d.trim())
    .filter((d) => d !== "" && !/^[-‐−―ー－]$/.test(d))
    .flatMap((d) => {
      const parts = d.split(/[・･]/);
      return parts.length > 1 && parts.every((p) => DEPARTMENT_END.test(p)) ? parts : [d];
    });
}

export const STANDARD_GRADES = ["◎", "○", "△", "×", "S", "A", "B", "C", "D"];

export function gradeKey(label: string): string {
  return label
    .normalize("NFKC")
    .trim()
    .replace(/[◯〇]/g, "○")
    .replace(/[xX✕✖]/g, "×")
    .toUpperCase();
}

/** A cell meaning "nothing here": empty, or a dash. */
export function isBlankValue(text: string): boolean {
  return /^[\s\u3000]*([-‐−―ー－]|なし|無し)?[\s\u3000]*$/.test(text);
}

/**
 * A row of another year's progress: its 年度 cell (a table listing several years, as the open data does) names
 * a fiscal year, and not `year`. A blank or unreadable cell says nothing: the row is read.
 */
export function ofAnotherYear(text: string, year: number | null): boolean {
  if (year === null || !text.trim()) return false;
  const parsed = parseFiscalYear(text.trim());
  return parsed.ok && parsed.value !== year;
}
