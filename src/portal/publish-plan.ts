import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  conflict,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { findPublication, type Publication, writePublication } from "./portal.repository.js";

const input = z.object({
  planId: z.uuid("計画が見つかりません。"),
  /** the publication's version the person saw (0 = never published) */
  version: z.coerce.number({ error: "版が指定されていません。" }).int().min(0, "版が指定されていません。"),
  publish: z.boolean(),
});
export type PublishPlanInput = z.input<typeof input>;

/**
 * Makes a plan public on the portal (公開する) or takes it off (公開を停止する), audited as plan.publish /
 * plan.unpublish. Only the plan itself is published here: progress appears on the portal round by round, when a
 * round is published (progress capability), and only its approved entries.
 */
export async function publishPlan(
  deps: UseCaseDeps,
  actor: Actor,
  raw: PublishPlanInput,
): Promise<{ ok: true; publication: Publication } | Failure> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const { planId, version, publish } = parsed.data;
  const plan = await findPlan(deps.db, planId);
  if (!plan) return notFound();
  if (!allowed(actor, "plan.publish", { orgId: plan.orgId })) return forbidden();
  return transact(deps.db, async (tx) => {
    const before = await findPublication(tx, planId);
    const current = before?.version ?? 0;
    if (current !== version) {
      return conflict([
        { field: "publishedAt", current: before?.publishedAt?.toISOString() ?? null, submitted: publish },
      ]);
    }
    const already = (before?.publishedAt ?? null) !== null;
    if (already === publish)
      return invalid({
        _: publish ? "この計画はすでに公開されています。" : "この計画は公開されていません。",
      });
    const written = await writePublication(tx, planId, version, {
      publishedAt: publish ? new Date() : null,
      changedBy: isSystem(actor) ? null : actor.id,
      changedByName: actor.displayName,
    });
    if (!written) return conflict([{ field: "publishedAt", current: null, submitted: publish }]);
    await recordAudit(tx, {
      orgId: plan.orgId,
      actor: auditActor(actor),
      action: publish ? "plan.publish" : "plan.unpublish",
      entityType: "plan",
      entityId: planId,
      before: before ?? null,
      after: written,
    });
    return { ok: true as const, publication: written };
  });
}
