import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import {
  type Actor,
  auditActor,
  conflict,
  type Failure,
  invalid,
  isSystem,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import { columnMappingSchema } from "./detect.js";
import { findImportJobFor, importJobPath } from "./find-import-job.js";
import {
  findImportMappingByName,
  insertImportMapping,
  replaceImportMapping,
} from "./import-job.repository.js";
import { isImportTarget, mappingOfTarget, savedMappingSchema } from "./saved-mapping.js";

const t = m.imports.savedMappings;

const nameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: t.nameRequired })
    .max(100, { error: t.nameTooLong })
    // PostgreSQL text cannot hold NUL (found by the form fuzzing in src/security/)
    .refine((v) => !v.includes("\u0000"), { error: t.nameNul }),
});

/**
 * Saves the job's (corrected) column mapping under a name for the organisation and the job's target (a whole plan,
 * a round's progress, a plan's indicator values or budget amounts), replacing a mapping of the same target and
 * name, so that next year's upload of that target can apply it (adaptSavedMapping). `path` is the job's page.
 */
export async function saveImportMapping(
  deps: UseCaseDeps,
  actor: Actor,
  jobId: string,
  input: { name: string },
): Promise<{ ok: true; mappingId: string; replaced: boolean; path: string } | Failure> {
  const found = await findImportJobFor(deps, actor, jobId);
  if (!found.ok) return found;
  const job = found.job;
  const parsed = nameSchema.safeParse(input);
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const target = job.target;
  if (!isImportTarget(target)) return invalid({ _: t.nothingToSave });
  const stored = columnMappingSchema.safeParse(job.mapping);
  const mapping = stored.success
    ? savedMappingSchema(target).safeParse(mappingOfTarget(stored.data, target))
    : stored;
  if (!mapping.success) return invalid({ _: t.nothingToSave });
  const name = parsed.data.name;
  return transact(deps.db, async (tx) => {
    const existing = await findImportMappingByName(tx, job.orgId, target, name);
    const row = existing
      ? await replaceImportMapping(tx, existing.id, mapping.data)
      : await insertImportMapping(tx, {
          orgId: job.orgId,
          target,
          name,
          mapping: mapping.data,
          createdBy: isSystem(actor) ? null : actor.id,
        });
    // someone saved a mapping of this name at the same moment: theirs stands, this one is refused as stale
    if (!row) return conflict([]);
    await recordAudit(tx, {
      orgId: job.orgId,
      actor: auditActor(actor),
      action: existing ? "import.mapping.replace" : "import.mapping.save",
      entityType: "import_mapping",
      entityId: row.id,
      before: existing ? { target, name, mapping: existing.mapping } : undefined,
      after: { target, name: row.name, mapping: row.mapping },
    });
    return { ok: true as const, mappingId: row.id, replaced: existing !== null, path: importJobPath(job) };
  });
}
