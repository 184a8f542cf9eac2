import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import {
  type Actor,
  auditActor,
  type Failure,
  invalid,
  isSystem,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { columnMappingSchema } from "./detect.js";
import { findImportJobFor } from "./find-import-job.js";
import {
  findImportMappingByName,
  insertImportMapping,
  replaceImportMapping,
} from "./import-job.repository.js";

const nameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "保存する名前を入力してください" })
    .max(100, { error: "名前は100文字以内で入力してください" })
    // PostgreSQL text cannot hold NUL (found by the form fuzzing in src/security/)
    .refine((v) => !v.includes("\u0000"), { error: "名前に使用できない文字（NUL）が含まれています" }),
});

/**
 * Saves the job's (corrected) column mapping under a name for the organisation, replacing a mapping of the
 * same name, so that next year's upload can apply it (adaptSavedMapping).
 */
export async function saveImportMapping(
  deps: UseCaseDeps,
  actor: Actor,
  jobId: string,
  input: { name: string },
): Promise<{ ok: true; mappingId: string; replaced: boolean } | Failure> {
  const found = await findImportJobFor(deps, actor, jobId);
  if (!found.ok) return found;
  const job = found.job;
  const parsed = nameSchema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const mapping = columnMappingSchema.safeParse(job.mapping);
  if (!mapping.success) return invalid({ _: "この取り込みには保存できる列の対応がありません。" });
  return transact(deps.db, async (tx) => {
    const existing = await findImportMappingByName(tx, job.orgId, parsed.data.name);
    const row = existing
      ? await replaceImportMapping(tx, existing.id, mapping.data)
      : await insertImportMapping(tx, {
          orgId: job.orgId,
          name: parsed.data.name,
          mapping: mapping.data,
          createdBy: isSystem(actor) ? null : actor.id,
        });
    await recordAudit(tx, {
      orgId: job.orgId,
      actor: auditActor(actor),
      action: existing ? "import.mapping.replace" : "import.mapping.save",
      entityType: "import_mapping",
      entityId: row.id,
      before: existing?.mapping,
      after: { name: row.name, mapping: row.mapping },
    });
    return { ok: true as const, mappingId: row.id, replaced: existing !== null };
  });
}
