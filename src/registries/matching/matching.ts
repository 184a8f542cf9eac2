/** マッチングシート: administrative issues departments post for civic groups to take up. Pure: no I/O. */

/** 募集中 → 調整中 → 協働成立 / 成立せず. */
export const ISSUE_STATUSES = ["open", "negotiating", "matched", "closed"] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = {
  open: "募集中",
  negotiating: "調整中",
  matched: "協働成立",
  closed: "成立せず",
};

export type MatchingIssue = {
  id: string;
  orgId: string;
  departmentId: string;
  title: string;
  background: string | null;
  desiredPartner: string | null;
  deadline: string | null;
  status: IssueStatus;
  outcome: string | null;
  version: number;
};

export type MatchingOffer = {
  id: string;
  issueId: string;
  groupId: string;
  message: string;
  createdAt: Date;
};

/** Groups may propose while the issue is 募集中 and its deadline (inclusive) has not passed. */
export function acceptsOffers(issue: Pick<MatchingIssue, "status" | "deadline">, today: string): boolean {
  return issue.status === "open" && (issue.deadline === null || today <= issue.deadline);
}
