import { z } from "zod";
import type { DbOrTx } from "../db/client.js";
import { todayInJapan } from "../japanese/index.js";
import { m } from "../web/messages/index.js";
import { type FieldErrors, isRole, type Role, roleNeedsDepartments, zodFieldErrors } from "./account.js";
import { isActiveOn } from "./department.js";
import { listDepartments } from "./department.repository.js";

const t = m.accounts.users;

/** Form values arrive as a string, a list, or nothing: always a list of strings. */
export function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v !== "");
  return typeof value === "string" && value !== "" ? [value] : [];
}

const userFields = z.object({
  displayName: z.string({ error: t.nameRequired }).trim().min(1, t.nameRequired).max(100, t.nameTooLong),
  role: z.string({ error: t.roleInvalid }).refine(isRole, t.roleInvalid),
  departmentIds: z.array(z.string()),
});

export type UserFields = { displayName: string; role: Role; departmentIds: string[] };

/**
 * Validates name, role and departments of a person in an organisation: the departments must be the
 * organisation's and not ended; department staff need at least one.
 */
export async function validateUserFields(
  db: DbOrTx,
  orgId: string,
  input: { displayName: unknown; role: unknown; departmentIds: unknown; groupId?: string | null },
  now: Date,
): Promise<{ ok: true; value: UserFields } | { ok: false; errors: FieldErrors }> {
  const parsed = userFields.safeParse({ ...input, departmentIds: asList(input.departmentIds) });
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const role = parsed.data.role as Role;
  const ids = [...new Set(parsed.data.departmentIds)];
  const today = todayInJapan(now);
  const active = new Set(
    (await listDepartments(db, orgId)).filter((d) => isActiveOn(d, today)).map((d) => d.id),
  );
  if (ids.some((id) => !active.has(id))) return { ok: false, errors: { departmentIds: t.departmentUnknown } };
  // a group's person is invited from the group's registry page, which names the group
  if (role === "group" && !input.groupId) return { ok: false, errors: { role: t.groupFromRegistry } };
  if (role !== "group" && input.groupId) return { ok: false, errors: { role: t.roleInvalid } };
  if (roleNeedsDepartments(role) && ids.length === 0) {
    return { ok: false, errors: { departmentIds: t.departmentsRequired } };
  }
  return { ok: true, value: { displayName: parsed.data.displayName, role, departmentIds: ids } };
}

/** What the audit trail keeps of a person (never the password hash). */
export function auditView(u: { displayName: string; email: string; role: string; departmentIds: string[] }) {
  return {
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    departmentIds: [...u.departmentIds].sort(),
  };
}
