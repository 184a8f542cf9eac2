import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { todayInJapan } from "../japanese/index.js";
import { findNode, findPlan } from "../plans/plan.repository.js";
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

import type { Round } from "../progress/progress.js";
import { findRound } from "../progress/progress.repository.js";
import { m } from "../web/messages/index.js";
import { type Indicator, parseIndicatorValue, valueYearWindow, yearInWindow } from "./indicator.js";
import { findIndicator, updateIndicatorRow, upsertActual } from "./indicator.repository.js";
import { parseLiveSource } from "./live-source.js";

const e = m.indicators.errors;

export type EnterActualInput = {
  indicatorId: string;
  fiscalYear: number;
  /** as typed (`1,931団体`, `１９３１`, blank or `-` for none) or a number */
  actual: string | number | null;
  note: string | null;
  /** the indicator's version the person read */
  version: number;
  /** the reporting round the actual is entered in; department staff enter actuals only through an open round */
  roundId?: string | null;
  /** today in Japan (yyyy-mm-dd) for the round's deadline; tests pass a fixed day */
  today?: string;
};

/** Why a round does not take actuals now (the same rules as its progress entries), or null. */
export function roundRefusal(round: Round, today: string): string | null {
  if (round.state !== "open") return e.roundClosed;
  if (round.locked) return e.roundLocked;
  if (round.deadline !== null && today > round.deadline) return e.pastDeadline(round.deadline);
  return null;
}

const schema = z.object({
  indicatorId: z.uuid({ message: "指標が指定されていません" }),
  fiscalYear: z.number({ message: "年度が指定されていません" }).int().min(1868).max(2999),
  actual: z.union([z.number(), z.string(), z.null()]),
  note: z.string().trim().max(500, "備考は500文字以内で入力してください").nullable(),
  version: z.number({ message: "版が指定されていません" }).int().positive("版が指定されていません"),
  roundId: z.uuid().nullish(),
  today: z.string().optional(),
});

/**
 * A department enters the actual (実績値) of one fiscal year, keeping the target. Allowed to the plan owner and
 * to the staff of the item's responsible departments (`actual.enter`); an indicator on the plan as a whole has no
 * department, so only the plan owner. Department staff enter through a reporting round of the indicator's plan
 * and that fiscal year, while it is open, not locked and before its deadline; a live indicator's actual is
 * counted, never typed.
 */
export async function enterActual(
  deps: UseCaseDeps,
  actor: Actor,
  input: EnterActualInput,
): Promise<{ ok: true; indicator: Indicator } | Failure> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const x = parsed.data;
  const indicator = await findIndicator(deps.db, x.indicatorId);
  if (!indicator) return notFound("指標");
  const node = indicator.nodeId ? await findNode(deps.db, indicator.nodeId) : null;
  const departmentIds = (node?.departments ?? []).flatMap((d) => (d.departmentId ? [d.departmentId] : []));
  if (!allowed(actor, "actual.enter", { orgId: indicator.orgId, departmentIds })) return forbidden();
  const plan = await findPlan(deps.db, indicator.planId);
  if (!plan) return notFound();
  const round = x.roundId ? await findRound(deps.db, x.roundId) : null;
  if (x.roundId && (!round || round.orgId !== indicator.orgId))
    return notFound(m.progress.errors.roundNotFound);
  if (round) {
    if (round.planId !== indicator.planId || round.fiscalYear !== x.fiscalYear)
      return invalid({ _: e.roundMismatch });
    const why = roundRefusal(round, x.today ?? todayInJapan());
    if (why) return invalid({ _: why });
  } else if (!allowed(actor, "indicator.edit", { orgId: indicator.orgId })) {
    return invalid({ _: e.roundRequired });
  }
  if (parseLiveSource(indicator.liveSource)) return invalid({ actual: e.liveActual });
  if (!yearInWindow(x.fiscalYear, valueYearWindow(plan, indicator))) {
    return invalid({ fiscalYear: "計画の期間の外の年度です" });
  }
  let actual: number | null;
  if (typeof x.actual === "number") {
    if (!Number.isFinite(x.actual)) return invalid({ actual: "数値を入力してください" });
    const check = parseIndicatorValue(String(x.actual), indicator.unit);
    if (!check.ok) return invalid({ actual: check.reason });
    actual = x.actual;
  } else {
    const read = parseIndicatorValue(x.actual ?? "", indicator.unit);
    if (!read.ok) return invalid({ actual: read.reason });
    actual = read.value;
  }
  const note = x.note ? x.note : null;
  return transact(deps.db, async (tx) => {
    // the round may have closed while the form was open: check it again inside the transaction
    const current = round ? await findRound(tx, round.id) : null;
    const closed = current ? roundRefusal(current, x.today ?? todayInJapan()) : null;
    if (closed) return invalid({ _: closed });
    const bumped = await updateIndicatorRow(tx, indicator.id, x.version, {});
    if (!bumped) {
      const fresh = (await findIndicator(tx, indicator.id)) ?? indicator;
      const current = fresh.values.find((v) => v.fiscalYear === x.fiscalYear);
      return conflict([
        { field: "actual", current: current?.actual ?? null, submitted: actual },
        { field: "note", current: current?.note ?? null, submitted: note },
      ]);
    }
    await upsertActual(tx, indicator.id, { fiscalYear: x.fiscalYear, actual, note });
    const after = (await findIndicator(tx, indicator.id))!;
    await recordAudit(tx, {
      orgId: indicator.orgId,
      actor: auditActor(actor),
      action: "indicator.enter_actual",
      entityType: "indicator",
      entityId: indicator.id,
      before: indicator.values.find((v) => v.fiscalYear === x.fiscalYear) ?? null,
      after: { fiscalYear: x.fiscalYear, actual, note },
    });
    return { ok: true as const, indicator: after };
  });
}
