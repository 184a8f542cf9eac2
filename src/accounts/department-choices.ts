import type { DbOrTx } from "../db/client.js";
import { todayInJapan } from "../japanese/index.js";
import { departmentTree, flattenTree, isActiveOn, nameAt } from "./department.js";
import { listDepartments } from "./department.repository.js";

export type DepartmentChoice = { id: string; label: string; depth: number };

/**
 * The organisation's departments as people pages show them: today's names, 部 → 課 order, a 課 labelled
 * with its 部 ("県民生活課（環境生活部）"); only departments in existence today are offered, all are named.
 */
export async function departmentChoices(
  db: DbOrTx,
  orgId: string,
  now: Date,
): Promise<{ choices: DepartmentChoice[]; names: Map<string, string> }> {
  const today = todayInJapan(now);
  const all = await listDepartments(db, orgId);
  const names = new Map(all.map((d) => [d.id, nameAt(d.names, today) ?? d.name]));
  const active = all.filter((d) => isActiveOn(d, today));
  const choices = flattenTree(departmentTree(active)).map(({ department: d, depth }) => {
    const parent = d.parentId ? names.get(d.parentId) : undefined;
    return { id: d.id, depth, label: parent ? `${names.get(d.id)}（${parent}）` : names.get(d.id)! };
  });
  return { choices, names };
}
