import { todayInJapan } from "../japanese/index.js";

import {
  type Actor,
  allowed,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import { anonymised, type Group } from "./group.js";
import { versionSchema } from "./group-input.js";
import { auditGroup } from "./group-use-case.js";
import { findGroup, updateGroupRow } from "./registries.repository.js";

/**
 * A group leaves and its personal fields (representative, contacts, address) are cleared; the group stays,
 * with its name, legal form, fields and dates, so that past fiscal-year counts do not change. It leaves the
 * public directory. The audit trail never held the personal values (auditSnapshot), so nothing remains there.
 */
export async function anonymiseGroup(
  deps: UseCaseDeps,
  actor: Actor,
  input: { groupId: string; version: number; leftOn?: string | null; now?: Date },
): Promise<{ ok: true; group: Group } | Failure> {
  const current = await findGroup(deps.db, input.groupId);
  if (!current) return notFound("団体");
  if (!allowed(actor, "registry.edit", { orgId: current.orgId })) return forbidden();
  if (current.anonymisedAt) return invalid({ _: "この団体はすでに匿名化されています" });
  const version = versionSchema.safeParse(input.version);
  if (!version.success) return invalid({ version: "版が指定されていません" });
  if (input.leftOn && !isCalendarDate(input.leftOn))
    return invalid({ leftOn: "退会日は 2024-03-31 のように年-月-日で入力してください" });
  const leftOn = current.leftOn ?? input.leftOn ?? todayInJapan(input.now ?? new Date());
  if (leftOn < current.registeredOn) return invalid({ leftOn: "退会日は登録日より後の日付にしてください" });
  return transact(deps.db, async (tx) => {
    const updated = await updateGroupRow(tx, current.id, version.data, {
      name: current.name,
      nameKana: current.nameKana,
      ...anonymised(),
      leftOn,
      isPublic: false,
      publicFields: [],
      anonymisedAt: input.now ?? new Date(),
    });
    if (!updated) return conflict([]);
    await auditGroup(tx, actor, "group.anonymise", current, updated);
    return { ok: true as const, group: updated };
  });
}

/** `YYYY-MM-DD` naming a real day (2024-02-30 is not). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
