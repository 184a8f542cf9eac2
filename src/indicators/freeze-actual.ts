import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import type { DbOrTx } from "../db/client.js";
import { findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import type { Indicator } from "./indicator.js";
import {
  findIndicator,
  findLiveIndicators,
  freezeActual,
  updateIndicatorRow,
} from "./indicator.repository.js";
import { countLive, currentFiscalYear } from "./live-actuals.js";
import { parseLiveSource } from "./live-source.js";

const e = m.indicators.errors;

const schema = z.object({
  indicatorId: z.uuid({ message: e.noIndicator }),
  fiscalYear: z.coerce.number({ message: e.noYear }).int(e.noYear).min(1868, e.noYear).max(2999, e.noYear),
  version: z.coerce.number({ message: e.noVersion }).int(e.noVersion).positive(e.noVersion),
});

/** Counts, stores and audits the frozen actual of one live indicator and year, inside the caller's transaction. */
async function freezeOne(
  tx: DbOrTx,
  actor: Actor,
  x: Indicator,
  fiscalYear: number,
  reason: "manual" | "round.publish",
): Promise<number> {
  const source = parseLiveSource(x.liveSource)!;
  const actual = await countLive(tx, x.orgId, source, fiscalYear);
  await freezeActual(tx, x.id, { fiscalYear, actual, at: new Date(), by: actor.displayName });
  await recordAudit(tx, {
    orgId: x.orgId,
    actor: auditActor(actor),
    action: "indicator.freeze",
    entityType: "indicator",
    entityId: x.id,
    before: x.values.find((v) => v.fiscalYear === fiscalYear) ?? null,
    after: { fiscalYear, actual, liveSource: x.liveSource, reason },
  });
  return actual;
}

/**
 * Stores a live indicator's computed actual of one fiscal year as its frozen actual, so later changes to the
 * registry no longer move it (plan owners: `indicator.edit`). Refused for a typed indicator, a year not yet
 * begun, a year already frozen and a stale version; audited with who and when.
 */
export async function freezeLiveActual(
  deps: UseCaseDeps,
  actor: Actor,
  input: { indicatorId: string; fiscalYear: number | string; version: number | string },
): Promise<{ ok: true; indicator: Indicator; actual: number } | Failure> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const { indicatorId, fiscalYear, version } = parsed.data;
  const x = await findIndicator(deps.db, indicatorId);
  if (!x) return notFound(m.indicators.errors.indicatorNotFound);
  if (!allowed(actor, "indicator.edit", { orgId: x.orgId })) return forbidden();
  if (!parseLiveSource(x.liveSource)) return invalid({ _: e.notLive });
  const plan = await findPlan(deps.db, x.planId);
  if (!plan) return notFound();
  if (fiscalYear > currentFiscalYear()) return invalid({ fiscalYear: e.yearNotBegun });
  return transact(deps.db, async (tx) => {
    const fresh = await findIndicator(tx, x.id);
    if (!fresh) return notFound(m.indicators.errors.indicatorNotFound);
    if (fresh.version !== version)
      return conflict([{ field: "version", current: fresh.version, submitted: version }]);
    if (fresh.frozen.some((f) => f.fiscalYear === fiscalYear))
      return invalid({ fiscalYear: e.alreadyFrozen });
    const bumped = await updateIndicatorRow(tx, x.id, version, {});
    if (!bumped) return conflict([{ field: "version", current: fresh.version, submitted: version }]);
    const actual = await freezeOne(tx, actor, fresh, fiscalYear, "manual");
    return { ok: true as const, indicator: (await findIndicator(tx, x.id))!, actual };
  });
}

/**
 * Freezes the year's actual of every live indicator of a plan that is not frozen yet. Called by the progress
 * capability inside the transaction that publishes a round (change-round-state.ts), so the published report and
 * the frozen actuals are one write. Returns how many were frozen.
 * @example await freezeLiveActualsOfRound(tx, actor, { planId: round.planId, fiscalYear: round.fiscalYear })
 */
export async function freezeLiveActualsOfRound(
  tx: DbOrTx,
  actor: Actor,
  round: { planId: string; fiscalYear: number },
): Promise<number> {
  let n = 0;
  for (const x of await findLiveIndicators(tx, round.planId)) {
    if (x.frozen.some((f) => f.fiscalYear === round.fiscalYear)) continue;
    await updateIndicatorRow(tx, x.id, x.version, {});
    await freezeOne(tx, actor, x, round.fiscalYear, "round.publish");
    n++;
  }
  return n;
}
