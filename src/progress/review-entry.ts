/** Shared by returnEntry and approveEntry: the plan owner's review of a submitted entry. */
import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  conflict,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  transact,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import { nextEntryState } from "./entry-state.js";
import { cleanText, type Entry } from "./progress.js";
import { insertComment, insertEntryVersions, updateEntryRow } from "./progress.repository.js";
import { actorOf, isFailure, loadEntry, type ProgressDeps, refused, today } from "./progress-use-case.js";

const reviewInput = z.object({
  version: z.coerce.number().int().min(1),
  comment: z.preprocess(
    (v) => cleanText(typeof v === "string" ? v : null),
    z.string().max(4000, m.progress.errors.tooLong(4000)).nullable(),
  ),
});

export type ReviewInput = { version: number | string; comment?: string | null };

export async function reviewEntry(
  deps: ProgressDeps,
  actor: Actor,
  entryId: string,
  input: ReviewInput | Record<string, unknown>,
  action: "return" | "approve",
): Promise<{ ok: true; entry: Entry } | Failure> {
  const parsed = reviewInput.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const { version, comment } = parsed.data;
  const ctx = await loadEntry(deps.db, entryId);
  if (isFailure(ctx)) return ctx;
  if (!allowed(actor, "entry.review", { orgId: ctx.round.orgId })) return forbidden();
  return transact(deps.db, async (tx) => {
    const fresh = await loadEntry(tx, entryId);
    if (isFailure(fresh)) return fresh;
    const { entry, round } = fresh;
    if (entry.version !== version)
      return conflict([{ field: "state", current: entry.state, submitted: null }]);
    const next = nextEntryState(entry.state, action, round, { today: today(deps), comment });
    if (!next.ok) return refused(next.refusal);
    const updated = await updateEntryRow(tx, entry.id, version, {
      state: next.state,
      ...(action === "approve"
        ? { approvedAt: new Date(), approvedBy: isSystem(actor) ? null : actor.id }
        : { approvedAt: null, approvedBy: null }),
    });
    if (!updated) return conflict([{ field: "state", current: entry.state, submitted: null }]);
    if (comment !== null) {
      await insertComment(tx, {
        entryId: entry.id,
        authorId: isSystem(actor) ? null : actor.id,
        authorName: actor.displayName,
        role: isSystem(actor) ? "system" : actor.role,
        body: comment,
        kind: action === "return" ? "return" : "comment",
      });
    }
    await insertEntryVersions(tx, [updated], action, actorOf(actor));
    await recordAudit(tx, {
      orgId: round.orgId,
      actor: auditActor(actor),
      action: `entry.${action}`,
      entityType: "progress_entry",
      entityId: entry.id,
      before: { state: entry.state },
      after: { state: updated.state, comment },
    });
    return { ok: true as const, entry: updated };
  });
}
