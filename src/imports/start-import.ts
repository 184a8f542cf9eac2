import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import { findPlan } from "../plans/plan.repository.js";
import {
  type Actor,
  allowed,
  auditActor,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { columnMappingSchema } from "./detect.js";
import {
  IMPORT_JOB_LIFETIME_MS,
  type ImportJobOptions,
  type ImportSource,
  parseImportSource,
  type TargetPlan,
} from "./import-job.js";
import { deleteImportJobsBefore, findImportMapping, insertImportJob } from "./import-job.repository.js";

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
  savedMappingId: z.uuid({ error: "保存した列の対応が正しくありません" }).nullable(),
});

export type StartImportInput = z.input<typeof startImportSchema> & { source: ImportSource };

/**
 * Reads an upload or a paste and stores it as an import job with its preview; nothing is written to plans.
 * The parse runs before the transaction (it can take a moment); only the job row and its audit event are
 * written, together. Jobs older than a day are purged on the way.
 */
export async function startImport(
  deps: UseCaseDeps,
  actor: Actor,
  orgId: string,
  input: StartImportInput,
): Promise<{ ok: true; jobId: string } | Failure> {
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
  let saved = null;
  if (savedMappingId) {
    const row = await findImportMapping(deps.db, savedMappingId);
    if (!row || row.orgId !== orgId) return invalid({ savedMappingId: "保存した列の対応が見つかりません" });
    const checked = columnMappingSchema.safeParse(row.mapping);
    if (!checked.success) return invalid({ savedMappingId: "保存した列の対応が正しい形式ではありません" });
    saved = checked.data;
  }
  const options: ImportJobOptions = {
    targetPlan,
    fiscalYear,
    title: targetPlan ? null : parsed.data.title || null,
    kind: targetPlan ? null : parsed.data.kind || null,
  };
  const outcome = await parseImportSource({ source: input.source, options, saved });
  if (!outcome.ok) return invalid({ source: outcome.reason });

  return transact(deps.db, async (tx) => {
    await deleteImportJobsBefore(tx, new Date(Date.now() - IMPORT_JOB_LIFETIME_MS));
    const job = await insertImportJob(tx, {
      orgId,
      actorId: isSystem(actor) ? null : actor.id,
      sourceName: input.source.name,
      sourceKind: input.source.kind,
      bytes: input.source.bytes,
      text: input.source.text,
      options,
      mapping: outcome.mapping,
      parsed: outcome.parse,
      state: "parsed",
    });
    await recordAudit(tx, {
      orgId,
      actor: auditActor(actor),
      action: "import.parse",
      entityType: "import_job",
      entityId: job.id,
      after: {
        sourceName: job.sourceName,
        sourceKind: job.sourceKind,
        bytes: input.source.bytes?.length ?? input.source.text?.length ?? 0,
        options,
        problems: outcome.parse.mode === "grid" ? outcome.parse.problems.length : 0,
      },
    });
    return { ok: true as const, jobId: job.id };
  });
}
