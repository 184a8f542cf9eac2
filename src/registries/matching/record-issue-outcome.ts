import {
  type Actor,
  allowed,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../../plans/plan-use-case.js";
import type { MatchingIssue } from "./matching.js";
import { findIssue, updateIssueOutcomeRow } from "./matching.repository.js";
import { outcomeFieldsSchema } from "./matching-input.js";

import { auditIssue } from "./matching-use-case.js";

/** Records how an issue ended (協働成立 / 成立せず) or that it is being negotiated, with a version check. */
export async function recordIssueOutcome(
  deps: UseCaseDeps,
  actor: Actor,
  issueId: string,
  input: { version: number; status: unknown; outcome: unknown },
): Promise<{ ok: true; issue: MatchingIssue } | Failure> {
  const issue = await findIssue(deps.db, issueId);
  if (!issue) return notFound("課題");
  if (!allowed(actor, "matching.post", { orgId: issue.orgId, departmentIds: [issue.departmentId] }))
    return forbidden();
  const parsed = outcomeFieldsSchema.safeParse({ status: input.status, outcome: input.outcome });
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  if ((parsed.data.status === "matched" || parsed.data.status === "closed") && !parsed.data.outcome)
    return invalid({ outcome: "協働が成立したか、成立しなかった理由を結果に書いてください" });
  return transact(deps.db, async (tx) => {
    const updated = await updateIssueOutcomeRow(tx, issue.id, input.version, parsed.data);
    if (!updated) {
      const fresh = (await findIssue(tx, issue.id)) ?? issue;
      return conflict([
        { field: "status", current: fresh.status, submitted: parsed.data.status },
        { field: "outcome", current: fresh.outcome, submitted: parsed.data.outcome },
      ]);
    }
    await auditIssue(
      tx,
      actor,
      issue.orgId,
      "issue.outcome",
      issue.id,
      { status: issue.status, outcome: issue.outcome },
      parsed.data,
    );
    return { ok: true as const, issue: updated };
  });
}
