/**
 * Stores the preview of a table read for a round's progress or a plan's yearly values as a parsed import job, with
 * its audit event, purging expired jobs on the way. Nothing else is written: the commit does that.
 */
import { recordAudit } from "../accounts/audit.repository.js";
import type { Db } from "../db/client.js";
import { type Actor, auditActor, type Failure, isSystem, transact } from "../plans/plan-use-case.js";
import type { ColumnMapping } from "./detect.js";
import {
  IMPORT_JOB_LIFETIME_MS,
  type ImportSource,
  type ProgressParse,
  type TargetPlan,
  type ValuesParse,
} from "./import-job.js";
import { deleteImportJobsBefore, insertImportJob } from "./import-job.repository.js";

export async function storeTableJob(
  db: Db,
  actor: Actor,
  job: {
    orgId: string;
    target: "progress" | "indicators" | "budgets";
    source: ImportSource;
    targetPlan: TargetPlan;
    fiscalYear: number | null;
    mapping: ColumnMapping | null;
    parsed: ProgressParse | ValuesParse;
    /** what the audit event names besides the target: the round or the plan */
    about: { roundId: string } | { planId: string };
  },
): Promise<{ ok: true; jobId: string } | Failure> {
  const { source, parsed } = job;
  return transact(db, async (tx) => {
    await deleteImportJobsBefore(tx, new Date(Date.now() - IMPORT_JOB_LIFETIME_MS));
    const stored = await insertImportJob(tx, {
      orgId: job.orgId,
      actorId: isSystem(actor) ? null : actor.id,
      sourceName: source.name,
      sourceKind: source.kind,
      bytes: source.bytes,
      text: source.text,
      options: { targetPlan: job.targetPlan, fiscalYear: job.fiscalYear, title: null, kind: null },
      mapping: job.mapping,
      parsed,
      state: "parsed",
      target: job.target,
    });
    await recordAudit(tx, {
      orgId: job.orgId,
      actor: auditActor(actor),
      action: "import.parse",
      entityType: "import_job",
      entityId: stored.id,
      after: {
        target: job.target,
        ...job.about,
        sourceName: source.name,
        changes: parsed.plan.changes.length,
        problems: parsed.plan.problems.length,
      },
    });
    return { ok: true as const, jobId: stored.id };
  });
}
