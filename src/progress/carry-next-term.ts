/**
 * Carries the next-term proposals (2期案: tier and reason) of a round's approved entries into the plan's items, from
 * where "create the next term's plan" (plans/create-next-term-plan.ts) applies them. Pure mapping first, then the
 * use case (plan owner only, a closed or published round, one transaction with its audit event).
 */
import { recordAudit } from "../accounts/audit.repository.js";
import { type NextTermProposal, type Plan, sameLabel } from "../plans/plan.js";
import { findNodes, findPlan, updateNodeRow } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  canonicalJson,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import type { Entry } from "./progress.js";
import { findEntries, findRound } from "./progress.repository.js";
import type { ProgressDeps } from "./progress-use-case.js";

const FINISHED = /^(完了|終了|廃止|達成)/;

/**
 * Per item, the proposal of its first approved entry (printed order) that names one: the label matched to one of the
 * plan's tiers by code or printed label (Ⅰ, 【Ⅰ】), or a finished item (完了・終了・廃止・達成).
 */
export function nextTermProposals(
  entries: readonly Pick<Entry, "nodeId" | "state" | "position" | "nextTermLabel" | "nextTermReason">[],
  tiers: Plan["tiers"],
): Map<string, NextTermProposal> {
  const out = new Map<string, NextTermProposal>();
  for (const e of [...entries].sort((a, b) => a.position - b.position)) {
    if (e.state !== "approved" || !e.nextTermLabel || out.has(e.nodeId)) continue;
    const label = e.nextTermLabel.trim();
    const bare = label.replace(/^[【[]|[】\]]$/g, "");
    const tier = tiers.find(
      (t) => sameLabel(t.code, bare) || (t.label !== null && sameLabel(t.label, label)),
    );
    out.set(e.nodeId, {
      label,
      tierCode: tier?.code ?? null,
      completed: !tier && FINISHED.test(label),
      reason: e.nextTermReason,
    });
  }
  return out;
}

export async function carryNextTermProposals(
  deps: ProgressDeps,
  actor: Actor,
  roundId: string,
): Promise<{ ok: true; carried: number } | Failure> {
  const round = await findRound(deps.db, roundId);
  if (!round) return notFound(m.progress.errors.roundNotFound);
  if (!allowed(actor, "plan.edit", { orgId: round.orgId })) return forbidden();
  if (round.state === "open") return invalid({ _: m.progress.errors.carryOpenRound });
  const plan = await findPlan(deps.db, round.planId);
  if (!plan) return notFound();
  return transact(deps.db, async (tx) => {
    const [nodes, entries] = await Promise.all([findNodes(tx, plan.id), findEntries(tx, [round.id])]);
    const proposals = nextTermProposals(entries, plan.tiers);
    const changed: { key: string; before: NextTermProposal | null; after: NextTermProposal }[] = [];
    for (const node of nodes) {
      const proposal = proposals.get(node.id);
      // jsonb reorders keys: compare canonically
      if (!proposal || canonicalJson(node.nextTerm) === canonicalJson(proposal)) continue;
      const updated = await updateNodeRow(tx, node.id, node.version, { nextTerm: proposal });
      if (!updated) return conflict([]);
      changed.push({ key: node.key, before: node.nextTerm, after: proposal });
    }
    await recordAudit(tx, {
      orgId: round.orgId,
      actor: auditActor(actor),
      action: "round.carry-next-term",
      entityType: "progress_round",
      entityId: round.id,
      after: { planId: plan.id, changed },
    });
    return { ok: true as const, carried: changed.length };
  });
}
