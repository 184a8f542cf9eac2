/**
 * Departments (部 → 課) and their names over time. A rename closes the current name the day before the
 * new one takes effect; a merge ends a department and points to its successor. Old plans keep showing
 * the name the department had on their date.
 */

export type DepartmentName = { name: string; validFrom: string | null; validTo: string | null };

export type Department = {
  id: string;
  orgId: string;
  parentId: string | null;
  name: string;
  position: number;
  endedOn: string | null;
  mergedIntoId: string | null;
  version: number;
  names: DepartmentName[];
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The day before an ISO date. */
export function previousDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The name in force on a date. Before the first recorded name, the earliest name; after the last
 * ended (a merged department), the last name it had.
 *
 * @example nameAt([{ name: "県民活動課", validFrom: "2010-04-01", validTo: "2015-03-31" },
 *                  { name: "県民生活課", validFrom: "2015-04-01", validTo: null }], "2013-06-01") // "県民活動課"
 */
export function nameAt(history: readonly DepartmentName[], isoDate: string): string | null {
  if (history.length === 0) return null;
  const sorted = [...history].sort((a, b) => (a.validFrom ?? "").localeCompare(b.validFrom ?? ""));
  const inForce = sorted.filter(
    (n) => (n.validFrom === null || n.validFrom <= isoDate) && (n.validTo === null || isoDate <= n.validTo),
  );
  if (inForce.length > 0) return inForce[inForce.length - 1]!.name;
  const earlier = sorted.filter((n) => n.validFrom === null || n.validFrom <= isoDate);
  return (earlier.length > 0 ? earlier[earlier.length - 1]! : sorted[0]!).name;
}

/** Whether the department still exists on a date (it ends the day before a merge takes effect). */
export function isActiveOn(dept: Pick<Department, "endedOn">, isoDate: string): boolean {
  return dept.endedOn === null || isoDate <= dept.endedOn;
}

export type DepartmentTreeNode = { department: Department; children: DepartmentTreeNode[] };

/** 部 at the top, 課 beneath, each level ordered by position then name. Orphans (unknown parent) go to the top. */
export function departmentTree(depts: readonly Department[]): DepartmentTreeNode[] {
  const ids = new Set(depts.map((d) => d.id));
  const byParent = new Map<string | null, Department[]>();
  for (const d of depts) {
    const key = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), d]);
  }
  const build = (parent: string | null, seen: Set<string>): DepartmentTreeNode[] =>
    (byParent.get(parent) ?? [])
      .filter((d) => !seen.has(d.id))
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, "ja"))
      .map((d) => ({ department: d, children: build(d.id, new Set([...seen, d.id])) }));
  return build(null, new Set());
}

/** The departments in tree order with their depth, for lists and select boxes. */
export function flattenTree(
  tree: readonly DepartmentTreeNode[],
  depth = 0,
): { department: Department; depth: number }[] {
  return tree.flatMap((n) => [{ department: n.department, depth }, ...flattenTree(n.children, depth + 1)]);
}

/** A department and every department beneath it. */
export function descendantIds(depts: readonly Department[], id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of depts) {
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}
