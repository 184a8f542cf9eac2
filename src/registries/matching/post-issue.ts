import { findDepartment } from "../../accounts/department.repository.js";
import {
  type Actor,
  allowed,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../../plans/plan-use-case.js";
import type { MatchingIssue } from "./matching.js";
import { insertIssue } from "./matching.repository.js";
import { issueFieldsSchema } from "./matching-input.js";

import { auditIssue } from "./matching-use-case.js";

/** A department (its own staff, or registry staff for it) posts an administrative issue. */
export async function postIssue(
  deps: UseCaseDeps,
  actor: Actor,
  orgId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; issue: MatchingIssue } | Failure> {
  const parsed = issueFieldsSchema.safeParse(input);
  const departmentId = parsed.success ? parsed.data.departmentId : String(input.departmentId ?? "");
  if (!allowed(actor, "matching.post", { orgId, departmentIds: departmentId ? [departmentId] : [] })) {
    // department staff may post only for their own department: say which field is wrong when they chose another
    if (!isSystem(actor) && actor.role === "department" && actor.orgId === orgId)
      return invalid({ departmentId: "担当課は、ご自身の所属課から選んでください" });
    return forbidden();
  }
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  return transact(deps.db, async (tx) => {
    const d = await findDepartment(tx, parsed.data.departmentId);
    if (!d || d.orgId !== orgId) return invalid({ departmentId: "担当課が見つかりません" });
    const issue = await insertIssue(tx, orgId, parsed.data);
    await auditIssue(tx, actor, orgId, "issue.create", issue.id, null, issue);
    return { ok: true as const, issue };
  });
}
