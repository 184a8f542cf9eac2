import {
  type Actor,
  allowed,
  changedFields,
  conflict,
  type Failure,
  forbidden,
  invalid,
  notFound,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import { m } from "../web/messages/index.js";
import { actsForGroup, type Group } from "./group.js";
import { versionSchema } from "./group-input.js";
import { auditGroup, duplicateFailure, type GroupInput, parseGroup } from "./group-use-case.js";
import { findGroup, updateGroupRow } from "./registries.repository.js";

/** Changes a group's fields; a stale version is a conflict listing what the other person changed. */
export async function updateGroup(
  deps: UseCaseDeps,
  actor: Actor,
  input: { groupId: string; version: number; fields: GroupInput },
): Promise<{ ok: true; group: Group } | Failure> {
  const current = await findGroup(deps.db, input.groupId);
  if (!current) return notFound("団体");
  if (!allowed(actor, "registry.edit", { orgId: current.orgId, groupId: current.id })) {
    // a group's own person asking to change another group: say so plainly
    return actsForGroup(actor)
      ? { ...forbidden(), errors: { _: m.registries.groupUsers.otherGroup } }
      : forbidden();
  }
  if (current.anonymisedAt) return invalid({ _: "匿名化した団体は編集できません" });
  const version = versionSchema.safeParse(input.version);
  if (!version.success) return invalid({ version: "版が指定されていません" });
  // the registration and leaving dates and the office's note stay the office's to change
  const fields = actsForGroup(actor)
    ? { ...input.fields, registeredOn: current.registeredOn, leftOn: current.leftOn, note: current.note }
    : input.fields;
  const parsed = parseGroup(fields);
  if (!parsed.ok) return parsed;
  return transact(deps.db, async (tx) => {
    const dup = await duplicateFailure(tx, current.orgId, parsed.fields, current.id);
    if (dup) return dup;
    const updated = await updateGroupRow(tx, current.id, version.data, parsed.fields);
    if (!updated) {
      const fresh = (await findGroup(tx, current.id)) ?? current;
      return conflict(changedFields(fresh as unknown as Record<string, unknown>, parsed.fields));
    }
    await auditGroup(tx, actor, "group.update", current, updated);
    return { ok: true as const, group: updated };
  });
}
