/**
 * 協働事業提案制度: calls (テーマ設定型 / 自由提案型), published criteria with weights, the review panel's scores and
 * the ranking they give. Pure: no I/O.
 */

/** テーマ設定型: a department sets the theme; 自由提案型: groups propose freely. */
export const CALL_KINDS = ["theme", "free"] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export const CALL_KIND_LABELS: Record<CallKind, string> = { theme: "テーマ設定型", free: "自由提案型" };

/** A published review criterion (審査基準) and its weight (配点の倍率). */
export type Criterion = { name: string; weight: number; description?: string };
/** One reviewer's score for one criterion, with the reason (審査の理由). */
export type CriterionScore = { score: number; reason: string };

export const PROPOSAL_STATUSES = ["submitted", "adopted", "rejected"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  submitted: "審査中",
  adopted: "採択",
  rejected: "不採択",
};

export type Call = {
  id: string;
  orgId: string;
  kind: CallKind;
  title: string;
  fiscalYear: number;
  departmentId: string | null;
  theme: string | null;
  description: string | null;
  opensOn: string;
  closesOn: string;
  criteria: Criterion[];
  scaleMax: number;
  resultsPublishedAt: Date | null;
  version: number;
};

export type Proposal = {
  id: string;
  orgId: string;
  callId: string;
  groupId: string;
  title: string;
  summary: string;
  budget: number | null;
  planNodeIds: string[];
  submittedOn: string;
  status: ProposalStatus;
  decisionReason: string | null;
  projectId: string | null;
  version: number;
};

export type ScoreSheet = {
  id: string;
  proposalId: string;
  reviewerId: string;
  reviewerName: string;
  scores: CriterionScore[];
  version: number;
};

/** Whether a call takes proposals on a day (ISO dates compare as strings): from opensOn to closesOn inclusive. */
export function callIsOpen(call: Pick<Call, "opensOn" | "closesOn">, today: string): boolean {
  return call.opensOn <= today && today <= call.closesOn;
}

/** The most a proposal can score: Σ weight × scaleMax. */
export function maxTotal(call: Pick<Call, "criteria" | "scaleMax">): number {
  return call.criteria.reduce((s, c) => s + c.weight * call.scaleMax, 0);
}

/** One reviewer's weighted total: Σ weight × score. */
export function weightedTotal(criteria: readonly Criterion[], scores: readonly CriterionScore[]): number {
  return criteria.reduce((s, c, i) => s + c.weight * (scores[i]?.score ?? 0), 0);
}

/**
 * A proposal's result: the mean of the reviewers' weighted totals (one decimal), and per criterion the mean score.
 * null when nobody has scored it yet.
 */
export function proposalResult(
  criteria: readonly Criterion[],
  sheets: readonly Pick<ScoreSheet, "scores">[],
): { total: number; perCriterion: number[]; reviewers: number } | null {
  if (sheets.length === 0) return null;
  const round1 = (n: number) => Math.round(n * 10) / 10;
  const total = sheets.reduce((s, sh) => s + weightedTotal(criteria, sh.scores), 0) / sheets.length;
  const perCriterion = criteria.map(
    (_c, i) => sheets.reduce((s, sh) => s + (sh.scores[i]?.score ?? 0), 0) / sheets.length,
  );
  return { total: round1(total), perCriterion: perCriterion.map(round1), reviewers: sheets.length };
}

/** Proposals ranked by their result (unscored last), ties by title in Japanese order. */
export function rankProposals<P extends { title: string }>(
  rows: readonly { proposal: P; result: { total: number } | null }[],
): { proposal: P; result: { total: number } | null; rank: number | null }[] {
  const sorted = [...rows].sort(
    (a, b) =>
      (b.result?.total ?? -1) - (a.result?.total ?? -1) ||
      a.proposal.title.localeCompare(b.proposal.title, "ja"),
  );
  let rank = 0;
  let last: number | null = null;
  return sorted.map((r, i) => {
    if (!r.result) return { ...r, rank: null };
    if (r.result.total !== last) rank = i + 1;
    last = r.result.total;
    return { ...r, rank };
  });
}

/**
 * Criteria typed one per line as `名称|重み|説明` (重み defaults to 1; ｜ and full-width digits accepted).
 * @example parseCriteriaLines("公益性|2|地域の課題に応えるか\n実現性") // [{name:"公益性",weight:2,…},{name:"実現性",weight:1}]
 */
export function parseCriteriaLines(text: string): { criteria: Criterion[]; errors: string[] } {
  const criteria: Criterion[] = [];
  const errors: string[] = [];
  text
    .normalize("NFKC")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const [name = "", weightText = "", ...rest] = line.split("|").map((s) => s.trim());
      const weight = weightText === "" ? 1 : Number(weightText);
      if (!name) errors.push(`${i + 1}行目: 審査基準の名称がありません`);
      else if (!Number.isInteger(weight) || weight < 1 || weight > 10)
        errors.push(`${i + 1}行目: 重みは1から10の整数で入力してください`);
      else criteria.push({ name, weight, ...(rest.length ? { description: rest.join("|") } : {}) });
    });
  if (criteria.length === 0 && errors.length === 0) errors.push("審査基準を1行に1つ入力してください");
  return { criteria, errors };
}

export function criteriaToLines(criteria: readonly Criterion[]): string {
  return criteria
    .map((c) => [c.name, String(c.weight), c.description ?? ""].join("|").replace(/\|$/, ""))
    .join("\n");
}
