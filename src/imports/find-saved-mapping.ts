import type { DbOrTx } from "../db/client.js";
import { type Failure, invalid } from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import type { ColumnMapping } from "./detect.js";
import { findImportMapping } from "./import-job.repository.js";
import type { ImportTarget } from "./mapping-form.js";
import { checkSavedMapping } from "./saved-mapping.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  if (!UUID.test(id)) return invalid({ savedMappingId: t.invalidId });
  const row = await findImportMapping(db, id);
  if (!row || row.orgId !== orgId) return invalid({ savedMappingId: t.notFound });
  const checked = checkSavedMapping(row, target);
  return checked.ok ? { ok: true, mapping: checked.value } : invalid({ savedMappingId: checked.reason });
}
