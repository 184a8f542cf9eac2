/**
 * Collaboration projects (協働事業) and their review meetings (ふりかえり（検証）会議): types and pure rules. No I/O.
 */
import { fiscalYearOfDate, matchKey } from "../japanese/index.js";

/**
 * Forms of collaboration, as 協働推進 guidelines list them (e.g. 山口県「県民活動促進基本計画」, 内閣府
 * 「協働の形態」): 委託, 補助, 共催, 事業協力, 実行委員会, 後援, 情報交換・意見交換.
 */
export const PROJECT_FORMS = [
  "委託",
  "補助",
  "共催",
  "事業協力",
  "実行委員会",
  "後援",
  "情報交換・意見交換",
  "その他",
] as const;
export type ProjectForm = (typeof PROJECT_FORMS)[number];

export type Project = {
  id: string;
  orgId: string;
  title: string;
  departmentId: string | null;
  partnerGroupIds: string[];
  form: ProjectForm;
  fiscalYear: number;
  /** thousand yen (千円); null = none stated */
  budget: number | null;
  planNodeIds: string[];
  summary: string | null;
  outcome: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ReviewMeeting = {
  id: string;
  projectId: string;
  orgId: string;
  heldOn: string;
  participants: string | null;
  coordinator: string | null;
  findings: string | null;
  improvements: string | null;
  createdAt: Date;
};

/** The same project in other years: same normalised title (and department, when both name one), by fiscal year. */
export function projectHistory(all: readonly Project[], p: Project): Project[] {
  const key = matchKey(p.title);
  return all
    .filter(
      (q) =>
        matchKey(q.title) === key &&
        (q.departmentId === null || p.departmentId === null || q.departmentId === p.departmentId),
    )
    .sort((a, b) => a.fiscalYear - b.fiscalYear);
}

/** The fiscal year a review meeting belongs to (its date's 年度). */
export function meetingFiscalYear(m: Pick<ReviewMeeting, "heldOn">): number | null {
  const fy = fiscalYearOfDate(m.heldOn);
  return fy.ok ? fy.value : null;
}

/** Distinct coordinators (by normalised name) of the meetings held in a fiscal year. */
export function coordinatorsInYear(
  meetings: readonly Pick<ReviewMeeting, "heldOn" | "coordinator">[],
  fy: number,
): string[] {
  const seen = new Map<string, string>();
  for (const m of meetings) {
    if (!m.coordinator || meetingFiscalYear(m) !== fy) continue;
    const k = matchKey(m.coordinator);
    if (k && !seen.has(k)) seen.set(k, m.coordinator);
  }
  return [...seen.values()];
}

/** Budget in thousand yen for display: 3,011千円. */
export function formatBudget(v: number | null): string {
  return v === null ? "—" : `${v.toLocaleString("ja-JP")}千円`;
}
