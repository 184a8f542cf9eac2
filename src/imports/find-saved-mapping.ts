import type { DbOrTx } from "../db/client.js";
import { type Failure, invalid } from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import type { ColumnMapping } from "./detect.js";
import { isUuid } from "./find-import-job.js";
import type { Grid } from "./grid.js";
import type { ImportSource } from "./import-job.js";
import { findImportMapping } from "./import-job.repository.js";
import type { ImportTarget } from "./mapping-form.js";
import { readTableInWorker } from "./parse-in-worker.js";
import { adaptSavedMapping, checkSavedMapping, type DetectMapping } from "./saved-mapping.js";

/**
 * The saved mapping an import of `target` for the organisation applies, refused on the form's `savedMappingId`
 * field: not found for an unknown id and for another organisation's mapping (its existence is not revealed), and
 * with its own message for a mapping of another target or of a shape that target does not read. No id: none.
 */
export async function findSavedMappingFor(
  db: DbOrTx,
  orgId: string,
  id: string | null,
  target: ImportTarget,
): Promise<{ ok: true; mapping: ColumnMapping | null } | Failure> {
  const t = m.imports.savedMappings;
  if (id === null || id === "") return { ok: true, mapping: null };
  if (!isUuid(id)) return invalid({ savedMappingId: t.invalidId });
  const row = await findImportMapping(db, id);
  if (!row || row.orgId !== orgId) return invalid({ savedMappingId: t.notFound });
  const checked = checkSavedMapping(row, target);
  return checked.ok ? { ok: true, mapping: checked.value } : invalid({ savedMappingId: checked.reason });
}

/**
 * A table import's source read (in a worker thread when large), with the saved mapping chosen on the form, if any,
 * adapted to its header by the target's own detection (`detect`): the mapping, and the saved headers the file no
 * longer has. `adapted` null: no mapping was chosen, the header is detected as usual.
 */
export async function readTableWithSavedMapping(
  db: DbOrTx,
  orgId: string,
  savedMappingId: string | null,
  target: ImportTarget,
  source: ImportSource,
  detect?: DetectMapping,
): Promise<
  { ok: true; grid: Grid; adapted: { mapping: ColumnMapping; unmatched: string[] } | null } | Failure
> {
  const saved = await findSavedMappingFor(db, orgId, savedMappingId, target);
  if (!saved.ok) return saved;
  const grid = await readTableInWorker(source);
  if (!grid.ok) return invalid({ source: grid.reason });
  if (!saved.mapping) return { ok: true, grid: grid.value, adapted: null };
  const adapted = adaptSavedMapping(saved.mapping, grid.value, detect);
  if (!adapted.ok) return invalid({ source: adapted.reason });
  return { ok: true, grid: grid.value, adapted: adapted.value };
}
