import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  transact,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import { cleanText, type EntryComment } from "./progress.js";
import { insertComment } from "./progress.repository.js";
import { isFailure, loadEntry, type ProgressDeps } from "./progress-use-case.js";

const commentInput = z.object({
  body: z.preprocess(
    (v) => cleanText(typeof v === "string" ? v : null) ?? "",
    z.string().min(1, m.progress.errors.commentEmpty).max(4000, m.progress.errors.tooLong(4000)),
  ),
});

/**
 * Leaves a comment on an entry: committee members (審議会委員) and the plan owner, at any state of the round
 * (the committee reads drafts and published reports alike).
 */
export async function commentOnEntry(
  deps: ProgressDeps,
  actor: Actor,
  entryId: string,
  input: { body: string } | Record<string, unknown>,
): Promise<{ ok: true; comment: EntryComment } | Failure> {
  const parsed = commentInput.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const ctx = await loadEntry(deps.db, entryId);
  if (isFailure(ctx)) return ctx;
  if (!allowed(actor, "entry.comment", { orgId: ctx.round.orgId })) return forbidden();
  return transact(deps.db, async (tx) => {
    const comment = await insertComment(tx, {
      entryId,
      authorId: isSystem(actor) ? null : actor.id,
      authorName: actor.displayName,
      role: isSystem(actor) ? "system" : actor.role,
      body: parsed.data.body,
      kind: "comment",
    });
    await recordAudit(tx, {
      orgId: ctx.round.orgId,
      actor: auditActor(actor),
      action: "entry.comment",
      entityType: "progress_entry",
      entityId: entryId,
      after: { comment: comment.body },
    });
    return { ok: true as const, comment };
  });
}
