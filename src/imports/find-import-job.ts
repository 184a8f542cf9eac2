import {
  type Actor,
  allowed,
  type Failure,
  forbidden,
  isSystem,
  notFound,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import { IMPORT_JOB_LIFETIME_MS, type ImportParse } from "./import-job.js";
import { findImportJob, type ImportJob } from "./import-job.repository.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id of the form of a UUID (a job's, a saved mapping's): anything else is not looked up. */
export const isUuid = (id: string): boolean => UUID.test(id);

/**
 * An import job the actor may run: not found for an unknown id and for another organisation's job (its existence
 * is not revealed, as for plans and rounds), forbidden for someone of the organisation without the right.
 */
export async function findImportJobFor(
  deps: UseCaseDeps,
  actor: Actor,
  jobId: string,
): Promise<{ ok: true; job: ImportJob } | Failure> {
  const job = isUuid(jobId) ? await findImportJob(deps.db, jobId) : null;
  // an expired job not yet purged is gone for the user too
  if (!job || Date.now() - job.createdAt.getTime() > IMPORT_JOB_LIFETIME_MS) return notFound("取り込み");
  if (!isSystem(actor) && actor.orgId !== job.orgId) return notFound("取り込み");
  // a progress paste belongs to whoever made it (department staff may not run plan imports)
  const own = job.target === "progress" && !isSystem(actor) && job.actorId === actor.id;
  if (!own && !allowed(actor, "import.run", { orgId: job.orgId })) return forbidden();
  return { ok: true, job };
}

/** Where a job's page is: its round's progress preview, its plan's values preview, or the whole-plan preview. */
export function importJobPath(job: { id: string; parsed: ImportParse | null }): string {
  const parse = job.parsed;
  if (parse?.mode === "progress") return `/imports/rounds/${parse.roundId}/jobs/${job.id}`;
  if (parse?.mode === "values") return `/imports/plans/${parse.planId}/${parse.target}/jobs/${job.id}`;
  return `/imports/${job.id}`;
}
