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
} from "../../plans/plan-use-case.js";
import type { Call } from "./proposal.js";
import { auditProposalSystem } from "./proposal-use-case.js";
import { findCall, listProposals, publishCallRow } from "./proposals.repository.js";

/** Publishes a call's results (the adopted proposals) on /public/proposals, once every proposal is decided. */
export async function publishResults(
  deps: UseCaseDeps & { now?: () => Date },
  actor: Actor,
  callId: string,
  version: number,
): Promise<{ ok: true; call: Call } | Failure> {
  const call = await findCall(deps.db, callId);
  if (!call) return notFound("募集");
  if (!allowed(actor, "call.manage", { orgId: call.orgId })) return forbidden();
  if (call.resultsPublishedAt) return invalid({ _: "この募集の結果はすでに公表しています。" });
  const open = (await listProposals(deps.db, [call.id])).filter((p) => p.status === "submitted");
  if (open.length > 0)
    return invalid({
      _: `採択・不採択が決まっていない提案が${open.length}件あります。すべて決定してから公表してください。`,
    });
  return transact(deps.db, async (tx) => {
    const published = await publishCallRow(tx, call.id, version, deps.now?.() ?? new Date());
    if (!published) return conflict([]);
    await auditProposalSystem(tx, actor, {
      orgId: call.orgId,
      action: "call.publish",
      entityType: "call",
      entityId: call.id,
      before: { resultsPublishedAt: null },
      after: { resultsPublishedAt: published.resultsPublishedAt },
    });
    return { ok: true as const, call: published };
  });
}
