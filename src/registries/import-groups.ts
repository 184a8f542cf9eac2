import {
  type Actor,
  allowed,
  type Failure,
  forbidden,
  invalid,
  transact,
  type UseCaseDeps,
  zodErrors,
} from "../plans/plan-use-case.js";
import { duplicateKey, duplicateMessage, findDuplicate, type Group } from "./group.js";
import type { ImportProblem, ImportRow } from "./group-import.js";
import { groupFieldsSchema } from "./group-input.js";
import { auditGroup } from "./group-use-case.js";
import { duplicateCandidates, insertGroup } from "./registries.repository.js";

/**
 * Checks every row of an imported list (field rules, duplicates within the file and against the registry) and,
 * unless `dryRun`, registers them all in one transaction — or none when any row has a problem.
 */
export async function importGroups(
  deps: UseCaseDeps,
  actor: Actor,
  orgId: string,
  rows: ImportRow[],
  columns: Record<string, string>,
  opts: { dryRun: boolean },
): Promise<{ ok: true; groups: Group[]; checked: number } | (Failure & { problems?: ImportProblem[] })> {
  if (!allowed(actor, "registry.edit", { orgId })) return forbidden();
  if (rows.length === 0) return invalid({ _: "取り込む行がありません" });
  const problems: ImportProblem[] = [];
  const valid: { row: number; fields: ReturnType<typeof groupFieldsSchema.parse> }[] = [];
  for (const r of rows) {
    const parsed = groupFieldsSchema.safeParse(r.input);
    if (!parsed.success) {
      for (const [k, message] of Object.entries(zodErrors(parsed.error)))
        problems.push({ row: r.row, column: columns[k.split(".")[0]!] ?? "", message });
    } else valid.push({ row: r.row, fields: parsed.data });
  }
  const outcome = await transact<{ ok: true; groups: Group[]; checked: number }>(deps.db, async (tx) => {
    const existing = await duplicateCandidates(tx, orgId, {
      nameKeys: valid.map((v) => duplicateKey(v.fields.name)),
      kanaKeys: valid.map((v) => duplicateKey(v.fields.nameKana)),
    });
    const seen: { id: string; name: string; nameKana: string }[] = [];
    for (const v of valid) {
      const dup = findDuplicate(v.fields, existing) ?? findDuplicate(v.fields, seen);
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
    if (opts.dryRun) return { ok: true as const, groups: [], checked: valid.length };
    const groups: Group[] = [];
    for (const v of valid) {
      const g = await insertGroup(tx, orgId, v.fields);
      await auditGroup(tx, actor, "group.import", null, g);
      groups.push(g);
    }
    return { ok: true as const, groups, checked: valid.length };
  });
  return outcome.ok ? outcome : (outcome as Failure & { problems?: ImportProblem[] });
}
