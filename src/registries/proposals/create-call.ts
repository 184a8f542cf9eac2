import { findDepartment } from "../../accounts/department.repository.js";
import {
  type Actor,
  allowed,
  type Failure,
  forbidden,
  invalid,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../../plans/plan-use-case.js";
import type { Call } from "./proposal.js";
import { callFieldsSchema } from "./proposal-input.js";
import { auditProposalSystem } from "./proposal-use-case.js";
import { insertCall } from "./proposals.repository.js";

/** Opens a call for proposals (テーマ設定型 with a department and theme, or 自由提案型) with its published criteria. */
export async function createCall(
  deps: UseCaseDeps,
  actor: Actor,
  orgId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; call: Call } | Failure> {
  if (!allowed(actor, "call.manage", { orgId })) return forbidden();
  const parsed = callFieldsSchema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const f = parsed.data;
  return transact(deps.db, async (tx) => {
    if (f.departmentId) {
      const d = await findDepartment(tx, f.departmentId);
      if (!d || d.orgId !== orgId) return invalid({ departmentId: "担当課が見つかりません" });
    }
    const call = await insertCall(tx, orgId, f);
    await auditProposalSystem(tx, actor, {
      orgId,
      action: "call.create",
      entityType: "call",
      entityId: call.id,
      before: null,
      after: call,
    });
    return { ok: true as const, call };
  });
}
