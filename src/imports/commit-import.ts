import { recordAudit } from "../accounts/audit.repository.js";
import type { Db, DbOrTx } from "../db/client.js";
import { exportPlanDocument } from "../plans/export-plan-document.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import type { Plan } from "../plans/plan.js";
import { findNodes, findPlan, findPlanByIdentity } from "../plans/plan.repository.js";
import type { PlanDocument } from "../plans/plan-document.js";
import {
  type Actor,
  auditActor,
  conflict,
  type Failure,
  invalid,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import { alignToPlan } from "./align-to-plan.js";
import { findImportJobFor } from "./find-import-job.js";
import { blockingProblems, type ImportResult, type PlanParse } from "./import-job.js";
import type { ImportJob } from "./import-job.repository.js";
import { updateImportJob } from "./import-job.repository.js";
import { overlayOnPlan } from "./overlay-on-plan.js";

/**
 * The plan a job updates (the one chosen, else the organisation's plan of the same title, kind and term) and the
 * job's document as a commit would write it: a table's rows aligned to that plan's nodes (align-to-plan.ts) and
 * laid over its current document (overlay-on-plan.ts).
 */
export async function planUpdateOf(
  db: DbOrTx,
  job: Pick<ImportJob, "orgId" | "options" | "mapping">,
  parsed: PlanParse,
): Promise<{ target: Plan | null; current: PlanDocument | null; doc: PlanDocument }> {
  const found = job.options.targetPlan
    ? await findPlan(db, job.options.targetPlan.id)
    : await findPlanByIdentity(db, job.orgId, parsed.doc);
  const target = found && found.orgId === job.orgId ? found : null;
  const current = target ? await exportPlanDocument(db, target.id) : null;
  if (!target || !current || parsed.mode !== "grid" || !job.mapping)
    return { target, current, doc: parsed.doc };
  const stored = await findNodes(db, target.id, ["key", "parentId", "kind", "label", "title", "crossRefOf"]);
  const aligned = alignToPlan(parsed.doc, parsed.preview, stored);
  return { target, current, doc: overlayOnPlan(current, aligned, job.mapping) };
}

/**
 * Writes the job's document with importPlanDocument, all or nothing, and marks the job committed in the same
 * transaction (importPlanDocument's own transaction becomes a savepoint inside it). Refused while problems
 * remain. Committing a job again reports what the first commit did.
 */
export async function commitImport(
  deps: UseCaseDeps,
  actor: Actor,
  jobId: string,
): Promise<({ ok: true } & ImportResult) | Failure> {
  const found = await findImportJobFor(deps, actor, jobId);
  if (!found.ok) return found;
  const job = found.job;
  const parsed = job.parsed;
  if (
    job.state === "committed" &&
    job.result &&
    (job.result.kind === undefined || job.result.kind === "plan")
  )
    return { ok: true, ...job.result };
  if (job.state !== "parsed" || !parsed || (parsed.mode !== "grid" && parsed.mode !== "text"))
    return invalid({ _: "この取り込みは反映できません。取り込み直してください。" });
  const problems = blockingProblems(parsed);
  if (problems.length > 0) {
    return invalid({
      _: `問題が${problems.length}件残っているため反映できません。列の対応や元のファイルを直してから、もう一度確認してください。`,
    });
  }
  const { id, orgId, sourceName } = job;
  // held only until the document to write is known: the rest of the parse (10,000 preview rows) is then let go
  let read: { job: ImportJob; parsed: PlanParse } | null = { job, parsed };
  return transact(deps.db, async (tx) => {
    const { target, current, doc } = await planUpdateOf(tx, read!.job, read!.parsed);
    const known = target && current ? { planId: target.id, current } : undefined;
    // checked when parsed, unless laid over the stored plan since
    const checked = doc === read!.parsed.doc && read!.parsed.docChecked === true;
    read = null;
    const imported = await importPlanDocument({ db: tx as unknown as Db }, actor, orgId, doc, {
      known,
      checked,
    });
    if (!imported.ok) return imported;
    const result: ImportResult = {
      planId: imported.planId,
      outcome: imported.outcome,
      counts: imported.counts,
    };
    const updated = await updateImportJob(tx, id, "parsed", { state: "committed", result });
    if (!updated) return conflict([]);
    await recordAudit(tx, {
      orgId,
      actor: auditActor(actor),
      action: "import.commit",
      entityType: "import_job",
      entityId: id,
      after: { sourceName, ...result },
    });
    return { ok: true as const, ...result };
  });
}
