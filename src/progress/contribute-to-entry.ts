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
import { cleanText, relatedDepartments } from "./progress.js";
import { type Contribution, listContributions, writeContribution } from "./progress.repository.js";
import { isFailure, loadEntry, type ProgressDeps, refused, today } from "./progress-use-case.js";

const e = m.progress.errors;
const contributionInput = z.object({
  departmentId: z.string().min(1, e.notRelated),
  version: z.coerce.number().int().min(0),
  body: z.preprocess(
    (v) => cleanText(typeof v === "string" ? v : null),
    z.string().max(8000, e.tooLong(8000)).nullable(),
  ),
});

/**
 * A related department (関係課) writes its text for an entry its lead department (主管課) consolidates. The same
 * window as the lead's own entry applies (open, unlocked, before the deadline unless late submission is allowed,
 * the entry not yet submitted); a stale version is refused with both texts kept by the caller.
 */
export async function contributeToEntry(
  deps: ProgressDeps,
  actor: Actor,
  entryId: string,
  input: Record<string, unknown>,
): Promise<{ ok: true; contribution: Contribution } | Failure> {
  // refuse people who may never write an entry (committee, viewer, …) before telling them what is wrong with the form
  if (
    !isSystem(actor) &&
    !allowed(actor, "entry.edit", { orgId: actor.orgId, departmentIds: actor.departmentIds })
  )
    return forbidden();
  const parsed = contributionInput.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const v = parsed.data;
  const ctx = await loadEntry(deps.db, entryId);
  if (isFailure(ctx)) return ctx;
  const related = relatedDepartments(ctx.round, ctx.entry, ctx.node.departments);
  if (related.length === 0) return invalid({ _: e.notLeadMode });
  const dept = related.find((d) => d.departmentId === v.departmentId);
  if (!dept || !allowed(actor, "entry.edit", { orgId: ctx.round.orgId, departmentIds: [dept.departmentId] }))
    return forbidden();
  return transact(deps.db, async (tx) => {
    const fresh = await loadEntry(tx, entryId);
    if (isFailure(fresh)) return fresh;
    const next = nextEntryState(fresh.entry.state, "save", fresh.round, { today: today(deps) });
    if (!next.ok) return refused(next.refusal);
    const current = (await listContributions(tx, entryId)).find((c) => c.departmentId === dept.departmentId);
    if ((current?.version ?? 0) !== v.version)
      return conflict([{ field: "body", current: current?.body ?? null, submitted: v.body }]);
    const written = await writeContribution(
      tx,
      {
        entryId,
        departmentId: dept.departmentId,
        departmentName: dept.name,
        body: v.body,
        updatedBy: actor.displayName,
      },
      v.version,
    );
    if (!written) return conflict([{ field: "body", current: current?.body ?? null, submitted: v.body }]);
    await recordAudit(tx, {
      orgId: fresh.round.orgId,
      actor: auditActor(actor),
      action: "entry.contribute",
      entityType: "progress_entry",
      entityId: entryId,
      before: current ? { department: dept.name, body: current.body } : null,
      after: {
        department: dept.name,
        body: written.body,
        by: isSystem(actor) ? "system" : actor.displayName,
      },
    });
    return { ok: true as const, contribution: written };
  });
}
