import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { departmentNames, departments } from "./accounts.table.js";
import { type Department, type DepartmentName, nameAt } from "./department.js";

type Row = typeof departments.$inferSelect;

function toDepartment(row: Row, names: DepartmentName[]): Department {
  return {
    id: row.id,
    orgId: row.orgId,
    parentId: row.parentId,
    name: row.name,
    position: row.position,
    endedOn: row.endedOn,
    mergedIntoId: row.mergedIntoId,
    version: row.version,
    names,
  };
}

async function namesOf(db: DbOrTx, ids: string[]): Promise<Map<string, DepartmentName[]>> {
  const out = new Map<string, DepartmentName[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(departmentNames)
    .where(inArray(departmentNames.departmentId, ids))
    .orderBy(asc(departmentNames.validFrom));
  for (const r of rows) {
    out.set(r.departmentId, [
      ...(out.get(r.departmentId) ?? []),
      { name: r.name, validFrom: r.validFrom, validTo: r.validTo },
    ]);
  }
  return out;
}

/** Every department of an organisation, ended ones included, with its name history. */
export async function listDepartments(db: DbOrTx, orgId: string): Promise<Department[]> {
  const rows = await db
    .select()
    .from(departments)
    .where(eq(departments.orgId, orgId))
    .orderBy(asc(departments.position), asc(departments.name));
  const names = await namesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDepartment(r, names.get(r.id) ?? []));
}

export async function findDepartment(db: DbOrTx, id: string): Promise<Department | null> {
  const [row] = await db.select().from(departments).where(eq(departments.id, id)).limit(1);
  if (!row) return null;
  return toDepartment(row, (await namesOf(db, [id])).get(id) ?? []);
}

/**
 * The name a department had on a date (YYYY-MM-DD): a plan of 2013 shows the 2013 name.
 * Null when the department does not exist.
 *
 * @example await departmentNameAt(db, deptId, "2013-04-01") // "県民活動課"
 */
export async function departmentNameAt(
  db: DbOrTx,
  departmentId: string,
  isoDate: string,
): Promise<string | null> {
  const d = await findDepartment(db, departmentId);
  if (!d) return null;
  return nameAt(d.names, isoDate) ?? d.name;
}

export async function insertDepartment(
  db: DbOrTx,
  d: { orgId: string; parentId: string | null; name: string; position: number; validFrom: string },
): Promise<string> {
  const [row] = await db
    .insert(departments)
    .values({ orgId: d.orgId, parentId: d.parentId, name: d.name, position: d.position })
    .returning({ id: departments.id });
  await db.insert(departmentNames).values({ departmentId: row!.id, name: d.name, validFrom: d.validFrom });
  return row!.id;
}

/** The next free position among a parent's children. */
export async function nextPosition(db: DbOrTx, orgId: string, parentId: string | null): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${departments.position}) + 1, 0)::int` })
    .from(departments)
    .where(
      and(
        eq(departments.orgId, orgId),
        parentId ? eq(departments.parentId, parentId) : isNull(departments.parentId),
      ),
    );
  return row?.n ?? 0;
}

/** Bumps the version if it is the expected one; false (nothing written) when someone saved in between. */
export async function updateDepartmentIfVersion(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  values: Partial<{ name: string; endedOn: string | null; mergedIntoId: string | null }>,
): Promise<boolean> {
  const rows = await db
    .update(departments)
    .set({ ...values, version: sql`${departments.version} + 1` })
    .where(and(eq(departments.id, id), eq(departments.version, expectedVersion)))
    .returning({ id: departments.id });
  return rows.length === 1;
}

/**
 * Records a new name from `validFrom`: names that started earlier and are still open end the day before,
 * names that would start on or after it are removed (a rename replaces a scheduled one).
 */
export async function recordNewName(
  db: DbOrTx,
  departmentId: string,
  name: string,
  validFrom: string,
  dayBefore: string,
): Promise<void> {
  await db
    .delete(departmentNames)
    .where(
      and(eq(departmentNames.departmentId, departmentId), sql`${departmentNames.validFrom} >= ${validFrom}`),
    );
  await db
    .update(departmentNames)
    .set({ validTo: dayBefore })
    .where(
      and(
        eq(departmentNames.departmentId, departmentId),
        sql`(${departmentNames.validTo} is null or ${departmentNames.validTo} > ${dayBefore})`,
      ),
    );
  await db.insert(departmentNames).values({ departmentId, name, validFrom });
}

/** Ends the open name of a department on a date (used when it is merged away). */
export async function closeNames(db: DbOrTx, departmentId: string, lastDay: string): Promise<void> {
  await db
    .update(departmentNames)
    .set({ validTo: lastDay })
    .where(
      and(
        eq(departmentNames.departmentId, departmentId),
        sql`(${departmentNames.validTo} is null or ${departmentNames.validTo} > ${lastDay})`,
      ),
    );
}

/** Moves the still-active departments beneath one onto another parent; returns their ids. */
export async function reparentChildren(db: DbOrTx, fromId: string, toId: string): Promise<string[]> {
  const rows = await db
    .update(departments)
    .set({ parentId: toId, version: sql`${departments.version} + 1` })
    .where(and(eq(departments.parentId, fromId), isNull(departments.endedOn)))
    .returning({ id: departments.id });
  return rows.map((r) => r.id);
}
