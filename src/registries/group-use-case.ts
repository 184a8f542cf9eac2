/** What the group use cases share: parsing, the duplicate check and the audit record. */
import { recordAudit } from "../accounts/audit.repository.js";
import type { DbOrTx } from "../db/client.js";
import { type Actor, auditActor, type Failure, invalid, zodErrors } from "../plans/plan-use-case.js";
import { auditSnapshot, duplicateKey, duplicateMessage, findDuplicate, type Group } from "./group.js";
import { type GroupFields, groupFieldsSchema } from "./group-input.js";
import { duplicateCandidates } from "./registries.repository.js";

export type GroupInput = Record<string, unknown>;

export function parseGroup(input: GroupInput): { ok: true; fields: GroupFields } | Failure {
  const parsed = groupFieldsSchema.safeParse(input);
  return parsed.success ? { ok: true, fields: parsed.data } : invalid(zodErrors(parsed.error));
}

/** A failure naming the existing group with the same name or kana, or null. */
export async function duplicateFailure(
  tx: DbOrTx,
  orgId: string,
  f: { name: string; nameKana: string },
  selfId?: string,
): Promise<Failure | null> {
  const candidates = await duplicateCandidates(tx, orgId, {
    nameKeys: [duplicateKey(f.name)],
    kanaKeys: [duplicateKey(f.nameKana)],
  });
  const dup = findDuplicate(f, candidates, selfId);
  return dup ? invalid({ [dup.by]: duplicateMessage(dup) }) : null;
}

export async function auditGroup(
  tx: DbOrTx,
  actor: Actor,
  action: string,
  before: Group | null,
  after: Group,
  note?: string,
): Promise<void> {
  await recordAudit(tx, {
    orgId: after.orgId,
    actor: auditActor(actor),
    action,
    entityType: "group",
    entityId: after.id,
    before: before ? auditSnapshot(before) : null,
    after: auditSnapshot(after),
    note,
  });
}
