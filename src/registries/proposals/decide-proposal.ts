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
import type { Project } from "../project.js";
import { PROJECT_FORMS } from "../project.js";
import { auditProject } from "../project-use-case.js";
import { insertProject } from "../registries.repository.js";
import type { Proposal } from "./proposal.js";
import { decisionSchema } from "./proposal-input.js";
import { auditProposalSystem } from "./proposal-use-case.js";
import { decideProposalRow, findCall, findProposal } from "./proposals.repository.js";

/**
 * Adopts or rejects a proposal after review, with the reason. An adopted proposal becomes a collaboration project
 * (協働事業) of the call's fiscal year and department, with the group as partner and the plan items it serves —
 * in the same transaction, so a proposal is never adopted without its project.
 */
export async function decideProposal(
  deps: UseCaseDeps,
  actor: Actor,
  proposalId: string,
  input: { version: number; decision: unknown; reason: unknown; form?: unknown },
): Promise<{ ok: true; proposal: Proposal; project: Project | null } | Failure> {
  const current = await findProposal(deps.db, proposalId);
  if (!current) return notFound("提案");
  if (!allowed(actor, "call.manage", { orgId: current.orgId })) return forbidden();
  if (current.status !== "submitted") return invalid({ _: "この提案はすでに決定済みです。" });
  const parsed = decisionSchema.safeParse({ decision: input.decision, reason: input.reason });
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const form = input.form ?? "事業協力";
  if (!(PROJECT_FORMS as readonly unknown[]).includes(form))
    return invalid({ form: "協働の形態を選んでください" });
  const call = await findCall(deps.db, current.callId);
  if (!call) return notFound("募集");
  return transact(deps.db, async (tx) => {
    let project: Project | null = null;
    if (parsed.data.decision === "adopt") {
      project = await insertProject(tx, current.orgId, {
        title: current.title,
        departmentId: call.departmentId,
        partnerGroupIds: [current.groupId],
        form: form as Project["form"],
        fiscalYear: call.fiscalYear,
        budget: current.budget,
        planNodeIds: current.planNodeIds,
        summary: current.summary,
        outcome: null,
      });
      await auditProject(tx, actor, "project.create", null, project);
    }
    const decided = await decideProposalRow(tx, current.id, input.version, {
      status: parsed.data.decision === "adopt" ? "adopted" : "rejected",
      decisionReason: parsed.data.reason,
      projectId: project?.id ?? null,
    });
    if (!decided) return conflict([]);
    await auditProposalSystem(tx, actor, {
      orgId: current.orgId,
      action: parsed.data.decision === "adopt" ? "proposal.adopt" : "proposal.reject",
      entityType: "proposal",
      entityId: current.id,
      before: current,
      after: decided,
    });
    return { ok: true as const, proposal: decided, project };
  });
}
