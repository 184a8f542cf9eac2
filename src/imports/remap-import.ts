import { z } from "zod";
import { recordAudit } from "../accounts/audit.repository.js";
import {
  type Actor,
  auditActor,
  conflict,
  type Failure,
  invalid,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import type { ColumnMapping } from "./detect.js";
import { columnMappingSchema } from "./detect.js";
import { findImportJobFor } from "./find-import-job.js";
import type { ImportSource, ImportSourceKind } from "./import-job.js";
import { updateImportJob } from "./import-job.repository.js";
import { mappingFromForm } from "./mapping-form.js";
import { parseInWorker } from "./parse-in-worker.js";
import { startImportSchema } from "./start-import.js";

const remapSchema = z.object({ fiscalYear: startImportSchema.shape.fiscalYear });

/**
 * Re-runs a job's preview with the user's corrected column mapping (and fiscal year), from the stored source.
 * Only the job changes (with its audit event); plans are untouched.
 */
export async function remapImport(
  deps: UseCaseDeps,
  actor: Actor,
  jobId: string,
  input: { fiscalYear: number | null; columns: Record<string, string>; headerRows?: number[] | null },
): Promise<{ ok: true } | Failure> {
  const found = await findImportJobFor(deps, actor, jobId);
  if (!found.ok) return found;
  const job = found.job;
  if (job.state !== "parsed" || job.target !== "plan")
    return invalid({ _: "この取り込みは既に反映済みです。新しく取り込み直してください。" });
  const parsed = remapSchema.safeParse({ fiscalYear: input.fiscalYear });
  if (!parsed.success) return invalid(zodErrors(parsed.error));
  const options = { ...job.options, fiscalYear: parsed.data.fiscalYear };
  let mapping: ColumnMapping | null = null;
  let headerRows: number[] | null = null;
  if (job.mapping) {
    const base = columnMappingSchema.safeParse(job.mapping);
    if (!base.success)
      return invalid({ _: "保存されている列の対応が壊れています。取り込み直してください。" });
    const wanted = input.headerRows ?? [];
    if (wanted.length > 0 && wanted.join(",") !== base.data.headerRows.join(",")) {
      // "the header is rows 3–4": the columns are detected again from those rows; the column choices are not used
      headerRows = wanted;
      mapping = base.data;
    } else {
      const chosen = mappingFromForm(base.data, input.columns);
      if (!chosen.ok) return invalid(Object.fromEntries(chosen.errors.map((e, i) => [`mapping.${i}`, e])));
      mapping = chosen.mapping;
    }
  }
  const source: ImportSource = {
    kind: job.sourceKind as ImportSourceKind,
    name: job.sourceName,
    bytes: job.bytes,
    text: job.text,
  };
  const outcome = await parseInWorker({ source, options, mapping, headerRows });
  if (!outcome.ok) return invalid({ source: outcome.reason });
  return transact(deps.db, async (tx) => {
    const updated = await updateImportJob(tx, job.id, "parsed", {
      options,
      mapping: outcome.mapping,
      parsed: outcome.parse,
    });
    if (!updated) return conflict([]);
    await recordAudit(tx, {
      orgId: job.orgId,
      actor: auditActor(actor),
      action: "import.remap",
      entityType: "import_job",
      entityId: job.id,
      before: { mapping: job.mapping, options: job.options },
      after: { mapping: outcome.mapping, options },
    });
    return { ok: true as const };
  });
}
