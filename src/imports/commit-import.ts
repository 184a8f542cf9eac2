import { recordAudit } from "../accounts/audit.repository.js";
import type { Db } from "../db/client.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import {
  type Actor,
  auditActor,
  conflict,
  type Failure,
  invalid,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import { findImportJobFor } from "./find-import-job.js";
import { blockingProblems, type ImportResult } from "./import-job.js";
import { updateImportJob } from "./import-job.repository.js";

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
  return transact(deps.db, async (tx) => {
    const imported = await importPlanDocument({ db: tx as unknown as Db }, actor, job.orgId, parsed.doc);
    if (!imported.ok) return imported;
    const result: ImportResult = {
      planId: imported.planId,
      outcome: imported.outcome,
      counts: imported.counts,
    };
    const updated = await updateImportJob(tx, job.id, "parsed", { state: "committed", result });
    if (!updated) return conflict([]);
    await recordAudit(tx, {
      orgId: job.orgId,
      actor: auditActor(actor),
      action: "import.commit",
      entityType: "import_job",
      entityId: job.id,
      after: { sourceName: job.sourceName, ...result },
    });
    return { ok: true as const, ...result };
  });
}
