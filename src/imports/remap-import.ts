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
import { findRound } from "../progress/progress.repository.js";
import { m } from "../web/messages/index.js";
import { type ColumnMapping, columnMappingSchema } from "./detect.js";
import { findImportJobFor, importJobPath } from "./find-import-job.js";
import type { ImportJobOptions, ImportParse, ImportSource, ImportSourceKind } from "./import-job.js";
import { updateImportJob } from "./import-job.repository.js";
import { type ImportTarget, MAPPING_CHOICES, mappingFromForm } from "./mapping-form.js";
import { parseInWorker, readTableInWorker } from "./parse-in-worker.js";
import { planSeriesFor, valuesPreview } from "./plan-values-import.js";
import { progressPreview } from "./progress-import.js";
import { startImportSchema } from "./start-import.js";

const remapSchema = z.object({ fiscalYear: startImportSchema.shape.fiscalYear });

/**
 * Re-runs a job's preview with the user's corrected column mapping, from the stored source, whatever the job's
 * target: a whole plan (also its fiscal year and header rows), a round's progress, a plan's indicator values or
 * budget amounts. Only the job changes (with its audit event); plans, rounds and indicators are untouched.
 */
export async function remapImport(
  deps: UseCaseDeps,
  actor: Actor,
  jobId: string,
  input: { fiscalYear: number | null; columns: Record<string, string>; headerRows?: number[] | null },
): Promise<{ ok: true; target: ImportTarget; path: string } | Failure> {
  const found = await findImportJobFor(deps, actor, jobId);
  if (!found.ok) return found;
  const job = found.job;
  const target = job.target as ImportTarget;
  if (job.state !== "parsed" || !(target in MAPPING_CHOICES))
    return invalid({ _: "この取り込みは既に反映済みです。新しく取り込み直してください。" });
  const source: ImportSource = {
    kind: job.sourceKind as ImportSourceKind,
    name: job.sourceName,
    bytes: job.bytes,
    text: job.text,
  };
  const base = job.mapping ? columnMappingSchema.safeParse(job.mapping) : null;
  if (base && !base.success)
    return invalid({ _: "保存されている列の対応が壊れています。取り込み直してください。" });
  const chosen = base ? mappingFromForm(base.data, input.columns, MAPPING_CHOICES[target]) : null;
  const refused = (errors: string[]) =>
    invalid(Object.fromEntries(errors.map((e, i) => [`mapping.${i}`, e])));

  let next: { options: ImportJobOptions; mapping: ColumnMapping | null; parsed: ImportParse };
  if (target === "plan") {
    const parsed = remapSchema.safeParse({ fiscalYear: input.fiscalYear });
    if (!parsed.success) return invalid(zodErrors(parsed.error));
    const options = { ...job.options, fiscalYear: parsed.data.fiscalYear };
    let mapping: ColumnMapping | null = null;
    let headerRows: number[] | null = null;
    const wanted = input.headerRows ?? [];
    if (base?.success && wanted.length > 0 && wanted.join(",") !== base.data.headerRows.join(",")) {
      // "the header is rows 3–4": the columns are detected again from those rows; the column choices are not used
      headerRows = wanted;
      mapping = base.data;
    } else if (chosen) {
      if (!chosen.ok) return refused(chosen.errors);
      mapping = chosen.mapping;
    }
    const outcome = await parseInWorker({ source, options, mapping, headerRows });
    if (!outcome.ok) return invalid({ source: outcome.reason });
    next = { options, mapping: outcome.mapping, parsed: outcome.parse };
  } else {
    if (!chosen) return invalid({ _: m.imports.jobs.notReady });
    if (!chosen.ok) return refused(chosen.errors);
    const grid = await readTableInWorker(source);
    if (!grid.ok) return invalid({ source: grid.reason });
    if (target === "progress") {
      const parse = job.parsed?.mode === "progress" ? job.parsed : null;
      const round = parse ? await findRound(deps.db, parse.roundId) : null;
      if (!parse || !round) return invalid({ _: m.imports.jobs.notReady });
      const previewed = await progressPreview(deps, actor, round, grid.value, chosen.mapping);
      if (!previewed.ok) return previewed;
      next = { options: job.options, mapping: previewed.mapping, parsed: previewed.parse };
    } else {
      const parse = job.parsed?.mode === "values" ? job.parsed : null;
      if (!parse) return invalid({ _: m.imports.jobs.notReady });
      const loaded = await planSeriesFor(deps, actor, parse.planId, target);
      if (!loaded.ok) return loaded;
      const previewed = valuesPreview(loaded, target, grid.value, chosen.mapping);
      next = { options: job.options, mapping: previewed.mapping, parsed: previewed.parse };
    }
  }
  return transact(deps.db, async (tx) => {
    const updated = await updateImportJob(tx, job.id, "parsed", {
      options: next.options,
      mapping: next.mapping,
      parsed: next.parsed,
    });
    if (!updated) return conflict([]);
    await recordAudit(tx, {
      orgId: job.orgId,
      actor: auditActor(actor),
      action: "import.remap",
      entityType: "import_job",
      entityId: job.id,
      before: { mapping: job.mapping, options: job.options },
      after: { mapping: next.mapping, options: next.options },
    });
    return { ok: true as const, target, path: importJobPath({ id: job.id, parsed: next.parsed }) };
  });
}
