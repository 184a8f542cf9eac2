import { z } from "zod";
import { m } from "../web/messages/index.js";
import { type AccountsDeps, type CurrentUser, type Failure, failure, zodFieldErrors } from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { type Department, nameAt, previousDay } from "./department.js";
import { findDepartment, recordNewName, updateDepartmentIfVersion } from "./department.repository.js";
import { departmentName, isoDate } from "./department-input.js";
import { can } from "./permissions.js";
import { versionField } from "./update-user.js";

const t = m.accounts.departments;

const schema = z.object({ version: versionField, name: departmentName, effectiveFrom: isoDate });

/**
 * An administrator renames a department from a date. The old name stays in force until the day before,
 * so plans and reports dated earlier keep showing it.
 */
export async function renameDepartment(
  deps: AccountsDeps,
  input: {
    actor: CurrentUser | null;
    departmentId: string;
    version: unknown;
    name: unknown;
    effectiveFrom: unknown;
  },
): Promise<{ ok: true; name: string } | Failure<Department>> {
  const actor = input.actor;
  if (!actor) return failure("unauthenticated", { form: m.accounts.signIn.required });
  const dept = await findDepartment(deps.db, input.departmentId);
  if (!dept) return failure("not-found", { form: t.notFound });
  if (!can(actor, "department.manage", { orgId: dept.orgId })) {
    return failure("forbidden", { form: m.accounts.errors.forbiddenBody });
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) return failure("invalid", zodFieldErrors(parsed.error));
  const { name, effectiveFrom, version } = parsed.data;
  if (dept.endedOn !== null) return failure("invalid", { form: t.alreadyEnded });
  if (nameAt(dept.names, effectiveFrom) === name) return failure("invalid", { name: t.sameName });
  if (version !== dept.version) return failure("conflict", { form: m.accounts.errors.conflictBody }, dept);

  const written = await deps.db.transaction(async (tx) => {
    if (!(await updateDepartmentIfVersion(tx, dept.id, version, { name }))) return false;
    await recordNewName(tx, dept.id, name, effectiveFrom, previousDay(effectiveFrom));
    await recordAudit(tx, {
      orgId: dept.orgId,
      actor,
      action: "department.rename",
      entityType: "department",
      entityId: dept.id,
      before: { name: nameAt(dept.names, previousDay(effectiveFrom)) ?? dept.name, version: dept.version },
      after: { name, effectiveFrom, version: dept.version + 1 },
    });
    return true;
  });
  if (!written) {
    const current = await findDepartment(deps.db, dept.id);
    return failure("conflict", { form: m.accounts.errors.conflictBody }, current ?? dept);
  }
  return { ok: true, name };
}
