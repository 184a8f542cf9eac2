import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { type CurrentUser, isRole, type Role } from "./account.js";
import { userDepartments, users } from "./accounts.table.js";

/** A person as the administrator sees them. */
export type UserRecord = CurrentUser & { disabledAt: Date | null; hasPassword: boolean; version: number };
/** A person with the password hash, for sign-in only. */
export type UserWithHash = UserRecord & { passwordHash: string | null };

type Row = typeof users.$inferSelect;

function toRecord(row: Row, departmentIds: string[]): UserWithHash {
  return {
    id: row.id,
    orgId: row.orgId,
    email: row.email,
    displayName: row.displayName,
    // an unknown stored role is treated as the least privileged one
    role: isRole(row.role) ? row.role : "viewer",
    departmentIds,
    groupId: row.registryGroupId,
    disabledAt: row.disabledAt,
    hasPassword: row.passwordHash !== null,
    passwordHash: row.passwordHash,
    version: row.version,
  };
}

function withoutHash({ passwordHash: _, ...rest }: UserWithHash): UserRecord {
  return rest;
}

async function departmentIdsOf(db: DbOrTx, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await db.select().from(userDepartments).where(inArray(userDepartments.userId, userIds));
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r.departmentId]);
  return out;
}

export async function findUserWithHashByEmail(db: DbOrTx, email: string): Promise<UserWithHash | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!row) return null;
  return toRecord(row, (await departmentIdsOf(db, [row.id])).get(row.id) ?? []);
}

export async function findUserWithHash(db: DbOrTx, id: string): Promise<UserWithHash | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!row) return null;
  return toRecord(row, (await departmentIdsOf(db, [row.id])).get(row.id) ?? []);
}

export async function findUser(db: DbOrTx, id: string): Promise<UserRecord | null> {
  const u = await findUserWithHash(db, id);
  return u ? withoutHash(u) : null;
}

export async function emailTaken(db: DbOrTx, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return row !== undefined;
}

/** The people of one organisation, enabled first, then by name. */
export async function listUsers(db: DbOrTx, orgId: string): Promise<UserRecord[]> {
  const rows = await db
    .select()
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(sql`${users.disabledAt} is not null`, asc(users.displayName), asc(users.email));
  const depts = await departmentIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => withoutHash(toRecord(r, depts.get(r.id) ?? [])));
}

export async function insertUser(
  db: DbOrTx,
  u: {
    orgId: string;
    email: string;
    displayName: string;
    role: Role;
    passwordHash?: string | null;
    groupId?: string | null;
  },
): Promise<string> {
  const { groupId, ...rest } = u;
  const [row] = await db
    .insert(users)
    .values({ ...rest, passwordHash: u.passwordHash ?? null, registryGroupId: groupId ?? null })
    .returning({ id: users.id });
  return row!.id;
}

export async function replaceUserDepartments(
  db: DbOrTx,
  userId: string,
  departmentIds: string[],
): Promise<void> {
  await db.delete(userDepartments).where(eq(userDepartments.userId, userId));
  if (departmentIds.length > 0) {
    await db.insert(userDepartments).values(departmentIds.map((departmentId) => ({ userId, departmentId })));
  }
}

/**
 * Updates a person only if the stored version is the one the form was based on, and bumps it.
 * Returns false (nothing written) when someone else saved in between.
 */
export async function updateUserIfVersion(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  values: Partial<{ displayName: string; role: Role; passwordHash: string; disabledAt: Date | null }>,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Moves every person bound to one department onto another (used when departments merge). */
export async function moveDepartmentMembers(db: DbOrTx, fromId: string, toId: string): Promise<string[]> {
  const members = await db
    .select({ userId: userDepartments.userId })
    .from(userDepartments)
    .where(eq(userDepartments.departmentId, fromId));
  await db.delete(userDepartments).where(eq(userDepartments.departmentId, fromId));
  const ids = members.map((m) => m.userId);
  if (ids.length > 0) {
    await db
      .insert(userDepartments)
      .values(ids.map((userId) => ({ userId, departmentId: toId })))
      .onConflictDoNothing();
  }
  return ids;
}

/** The people who act for one registry group (role `group`). */
export async function listGroupUsers(db: DbOrTx, orgId: string, groupId: string): Promise<UserRecord[]> {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.registryGroupId, groupId)))
    .orderBy(asc(users.displayName));
  return rows.map((r) => withoutHash(toRecord(r, [])));
}
