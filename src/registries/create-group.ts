import {
  type Actor,
  allowed,
  type Failure,
  forbidden,
  transact,
  type UseCaseDeps,
} from "../plans/plan-use-case.js";
import type { Group } from "./group.js";
import { auditGroup, duplicateFailure, type GroupInput, parseGroup } from "./group-use-case.js";
import { insertGroup } from "./registries.repository.js";

/** Registers a civic group; refuses a second group with the same normalised name or kana, naming the first. */
export async function createGroup(
  deps: UseCaseDeps,
  actor: Actor,
  orgId: string,
  input: GroupInput,
): Promise<{ ok: true; group: Group } | Failure> {
  if (!allowed(actor, "registry.edit", { orgId })) return forbidden();
  const parsed = parseGroup(input);
  if (!parsed.ok) return parsed;
  return transact(deps.db, async (tx) => {
    const dup = await duplicateFailure(tx, orgId, parsed.fields);
    if (dup) return dup;
    const group = await insertGroup(tx, orgId, parsed.fields);
    await auditGroup(tx, actor, "group.create", null, group);
    return { ok: true as const, group };
  });
}
