import {
  type Actor,
  allowed,
  canonicalJson,
  conflict,
  type Failure,
  forbidden,
  invalid,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { duplicateKey, duplicateMessage, findDuplicate, type Group } from "./group.js";
import type { ImportProblem, ImportRow } from "./group-import.js";
import { type GroupFields, groupFieldsSchema } from "./group-input.js";
import { auditGroup } from "./group-use-case.js";
import { duplicateCandidates, groupsByIds, insertGroup, updateGroupRow } from "./registries.repository.js";

/** What a commit did (or, for a preview, would do): groups registered, updated, and named but unchanged. */
export type GroupImportCounts = { checked: number; created: number; updated: number; unchanged: number };

const GROUP_FIELD_KEYS = Object.keys(groupFieldsSchema.shape) as (keyof GroupFields)[];

/** A stored group's fields as a row of the file would give them. */
function fieldsOf(g: Group): Record<string, unknown> {
  return Object.fromEntries(GROUP_FIELD_KEYS.map((k) => [k, (g as unknown as Record<string, unknown>)[k]]));
}

/** The UUID an ID cell names: the open data prints it without hyphens. */
function uuidOf(id: string): string | null {
  const h = id.normalize("NFKC").trim().replace(/-/g, "").toLowerCase();
  return /^[0-9a-f]{32}$/.test(h)
    ? `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    : null;
}

/**
 * Checks every row of an imported list (field rules, duplicates within the file and against the registry) and,
 * unless `dryRun`, writes them all in one transaction — or none when any row has a problem. A row whose ID names a
 * group of the registry (the registry's own open data read back) updates that group with the cells the file fills
 * and keeps the rest (an empty cell, or a column the file lacks); a row that changes nothing writes nothing. Other rows register new groups.
 */
export async function importGroups(
  deps: UseCaseDeps,
  actor: Actor,
  orgId: string,
  rows: ImportRow[],
  columns: Record<string, string>,
  opts: { dryRun: boolean },
): Promise<({ ok: true; groups: Group[] } & GroupImportCounts) | (Failure & { problems?: ImportProblem[] })> {
  if (!allowed(actor, "registry.edit", { orgId })) return forbidden();
  if (rows.length === 0) return invalid({ _: "取り込む行がありません" });
  const present = Object.keys(columns).filter(
    (k) => k !== "id" && GROUP_FIELD_KEYS.includes(k as keyof GroupFields),
  );
  type Valid = { row: number; fields: GroupFields; target: Group | null; same: boolean };
  const outcome = await transact<{ ok: true; groups: Group[] } & GroupImportCounts>(deps.db, async (tx) => {
    const problems: ImportProblem[] = [];
    const ids = [...new Set(rows.flatMap((r) => (r.id ? (uuidOf(r.id) ?? []) : [])))];
    const named = new Map((await groupsByIds(tx, orgId, ids)).map((g) => [g.id, g]));
    const valid: Valid[] = [];
    for (const r of rows) {
      const target = r.id ? (named.get(uuidOf(r.id) ?? "") ?? null) : null;
      if (r.id && (!target || target.anonymisedAt)) {
        problems.push({
          row: r.row,
          column: columns.id ?? "",
          message: `ID「${r.id}」の団体はこの台帳にありません。新しい団体として登録する行は ID を空にしてください`,
        });
        continue;
      }
      const input = target
        ? {
            ...fieldsOf(target),
            ...Object.fromEntries(present.filter((k) => !r.blank?.includes(k)).map((k) => [k, r.input[k]])),
          }
        : r.input;
      const parsed = groupFieldsSchema.safeParse(input);
      if (!parsed.success) {
        for (const [k, message] of Object.entries(zodErrors(parsed.error)))
          problems.push({ row: r.row, column: columns[k.split(".")[0]!] ?? "", message });
        continue;
      }
      const stored = target ? groupFieldsSchema.safeParse(fieldsOf(target)) : null;
      const same = stored?.success === true && canonicalJson(stored.data) === canonicalJson(parsed.data);
      valid.push({ row: r.row, fields: parsed.data, target, same });
    }
    const existing = await duplicateCandidates(tx, orgId, {
      nameKeys: valid.map((v) => duplicateKey(v.fields.name)),
      kanaKeys: valid.map((v) => duplicateKey(v.fields.nameKana)),
    });
    const seen: { id: string; name: string; nameKana: string }[] = [];
    for (const v of valid) {
      const dup = findDuplicate(v.fields, existing, v.target?.id) ?? findDuplicate(v.fields, seen);
      if (dup) {
        const inFile = seen.includes(dup.group);
        problems.push({
          row: v.row,
          column: columns[dup.by] ?? "",
          message: inFile ? `${dup.group.id}行目と同じ団体です（${dup.group.name}）` : duplicateMessage(dup),
        });
      }
      seen.push({ id: String(v.row), name: v.fields.name, nameKana: v.fields.nameKana });
    }
    if (problems.length > 0) {
      problems.sort((a, b) => a.row - b.row);
      return { ...invalid({ _: `${problems.length}件の問題があります` }), problems };
    }
    const counts: GroupImportCounts = {
      checked: valid.length,
      created: valid.filter((v) => !v.target).length,
      updated: valid.filter((v) => v.target && !v.same).length,
      unchanged: valid.filter((v) => v.same).length,
    };
    if (opts.dryRun) return { ok: true as const, groups: [], ...counts };
    const groups: Group[] = [];
    for (const v of valid) {
      if (v.same) continue;
      if (v.target) {
        const g = await updateGroupRow(tx, v.target.id, v.target.version, v.fields);
        if (!g) return conflict([]);
        await auditGroup(tx, actor, "group.import", v.target, g);
        groups.push(g);
        continue;
      }
      const g = await insertGroup(tx, orgId, v.fields);
      await auditGroup(tx, actor, "group.import", null, g);
      groups.push(g);
    }
    return { ok: true as const, groups, ...counts };
  });
  return outcome.ok ? outcome : (outcome as Failure & { problems?: ImportProblem[] });
}
