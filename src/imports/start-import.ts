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
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { findSavedMappingFor } from "./find-saved-mapping.js";
import {
  blockingProblems,
  IMPORT_JOB_LIFETIME_MS,
  type ImportJobOptions,
  type ImportProgress,
  type ImportSource,
  type ParseOutcome,
  type TargetPlan,
} from "./import-job.js";
import { deleteImportJobsBefore, insertImportJob, updateImportJob } from "./import-job.repository.js";
import { parseInWorker, sourceBytes, WORKER_THRESHOLD_BYTES } from "./parse-in-worker.js";

const UUID = z.uuid({ error: "選択された計画が正しくありません" });

export const startImportSchema = z.object({
  targetPlanId: UUID.nullable(),
  fiscalYear: z
    .number({ error: "年度は西暦の数字で入力してください（例: 2023）" })
    .int()
    .min(1989, { error: "年度は1989以降で入力してください" })
    .max(2100, { error: "年度は2100以前で入力してください" })
    .nullable(),
  title: z.string().trim().max(200, { error: "計画の名称は200文字以内で入力してください" }).nullable(),
  kind: z.string().trim().max(50, { error: "計画の種類は50文字以内で入力してください" }).nullable(),
  /** checked (and read) by findSavedMappingFor */
  savedMappingId: z.string().nullable(),
});

export type StartImportInput = z.input<typeof startImportSchema> & { source: ImportSource };

export type StartImportOptions = {
  /**
   * How long the caller waits for the parse. A parse that ends in time is stored at once (or refused, writing
   * nothing); a longer one is stored as a `parsing` job whose progress the job page shows, and finishes in the
   * background (`done`). Default: wait for the end.
   */
  waitMs?: number;
  /** sources at least this large are parsed in a worker thread (default WORKER_THRESHOLD_BYTES) */
  workerThresholdBytes?: number;
};

export type StartImportOutcome = {
  ok: true;
  jobId: string;
  /** true when the parse goes on in the background (the job page shows its progress) */
  pending: boolean;
  /** settles when the job is parsed or failed */
  done: Promise<void>;
};

/** How often a running parse writes its progress to the job row. */
const PROGRESS_WRITE_MS = 250;

/**
 * Reads an upload or a paste and stores it as an import job with its preview; nothing is written to plans.
 * The parse runs in a worker thread (parse-in-worker.ts), so other requests are served meanwhile; only the job
 * row and its audit event are written, together. Jobs older than a day are purged on the way.
 */
export async function startImport(
  deps: UseCaseDeps,
  actor: Actor,
  orgId: string,
  input: StartImportInput,
  run: StartImportOptions = {},
): Promise<StartImportOutcome | Failure> {
  if (!allowed(actor, "import.run", { orgId })) return forbidden();
  const parsed = startImportSchema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const { targetPlanId, fiscalYear, savedMappingId } = parsed.data;

  let targetPlan: TargetPlan | null = null;
  if (targetPlanId) {
    const plan = await findPlan(deps.db, targetPlanId);
    if (!plan || plan.orgId !== orgId) return invalid({ targetPlanId: "選択された計画が見つかりません" });
    targetPlan = { id: plan.id, title: plan.title, kind: plan.kind, termLabel: plan.termLabel };
  }
  const found = await findSavedMappingFor(deps.db, orgId, savedMappingId, "plan");
  if (!found.ok) return found;
  const saved = found.mapping;
  const options: ImportJobOptions = {
    targetPlan,
    fiscalYear,
    title: targetPlan ? null : parsed.data.title || null,
    kind: targetPlan ? null : parsed.data.kind || null,
  };
  const { source } = input;
  let latest: ImportProgress = { phase: "reading", rows: 0, totalRows: null, percent: 0 };
  let onProgress: (p: ImportProgress) => void = (p) => {
    latest = p;
  };
  const parsing = parseInWorker(
    { source, options, saved },
    (p) => onProgress(p),
    run.workerThresholdBytes === undefined ? {} : { thresholdBytes: run.workerThresholdBytes },
  );
  // a source small enough to parse in this thread is always waited for: it has no progress worth a page
  const small = sourceBytes(source) < (run.workerThresholdBytes ?? WORKER_THRESHOLD_BYTES);
  const waited =
    run.waitMs === undefined || small
      ? await parsing
      : await Promise.race([parsing, new Promise<null>((r) => setTimeout(() => r(null), run.waitMs))]);

  if (waited) {
    if (!waited.ok) return invalid({ source: waited.reason });
    const outcome = waited;
    return transact(deps.db, async (tx) => {
      await deleteImportJobsBefore(tx, new Date(Date.now() - IMPORT_JOB_LIFETIME_MS));
      const job = await insertImportJob(tx, {
        ...jobValues(orgId, actor, source, options),
        mapping: outcome.mapping,
        parsed: outcome.parse,
        state: "parsed",
      });
      await recordAudit(tx, parseAudit(orgId, actor, job.id, source, options, outcome));
      return { ok: true as const, jobId: job.id, pending: false, done: Promise.resolve() };
    });
  }

  // A long parse: the job is stored now, its progress as it goes, and its outcome when the worker ends.
  const started = await transact(deps.db, async (tx) => {
    await deleteImportJobsBefore(tx, new Date(Date.now() - IMPORT_JOB_LIFETIME_MS));
    const job = await insertImportJob(tx, {
      ...jobValues(orgId, actor, source, options),
      parsed: null,
      state: "parsing",
      progress: latest,
    });
    return { ok: true as const, jobId: job.id };
  });
  if (!started.ok) return started;
  const jobId = started.jobId;
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  onProgress = (p) => {
    const now = Date.now();
    if (now - lastWrite < PROGRESS_WRITE_MS) return;
    lastWrite = now;
    writing = writing.then(() => updateImportJob(deps.db, jobId, "parsing", { progress: p })).catch(() => {});
  };
  const done = parsing.then(async (outcome) => {
    onProgress = () => {};
    await writing;
    if (!outcome.ok) {
      await updateImportJob(deps.db, jobId, "parsing", {
        state: "failed",
        failure: outcome.reason,
        bytes: null,
      });
      return;
    }
    await transact(deps.db, async (tx) => {
      const updated = await updateImportJob(tx, jobId, "parsing", {
        state: "parsed",
        mapping: outcome.mapping,
        parsed: outcome.parse,
        progress: { ...latest, phase: "storing", percent: 100 },
      });
      if (!updated) return conflict([]);
      await recordAudit(tx, parseAudit(orgId, actor, jobId, source, options, outcome));
      return { ok: true as const };
    });
  });
  return { ok: true, jobId, pending: true, done: done.catch(() => {}) };
}

function jobValues(orgId: string, actor: Actor, source: ImportSource, options: ImportJobOptions) {
  return {
    orgId,
    actorId: isSystem(actor) ? null : actor.id,
    sourceName: source.name,
    sourceKind: source.kind,
    bytes: source.bytes,
    text: source.text,
    options,
  };
}

function parseAudit(
  orgId: string,
  actor: Actor,
  jobId: string,
  source: ImportSource,
  options: ImportJobOptions,
  outcome: Extract<ParseOutcome, { ok: true }>,
) {
  return {
    orgId,
    actor: auditActor(actor),
    action: "import.parse",
    entityType: "import_job",
    entityId: jobId,
    after: {
      sourceName: source.name,
      sourceKind: source.kind,
      bytes: source.bytes?.length ?? source.text?.length ?? 0,
      options,
      problems: outcome.parse.mode === "text" ? 0 : blockingProblems(outcome.parse).length,
    },
  };
}
