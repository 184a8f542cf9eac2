import { z } from "zod";
import { m } from "../web/messages/index.js";
import { type AccountsDeps, type CurrentUser, type Failure, failure, zodFieldErrors } from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { type Department, descendantIds, isActiveOn, previousDay } from "./department.js";
import {
  closeNames,
  findDepartment,
  listDepartments,
  reparentChildren,
  updateDepartmentIfVersion,
} from "./department.repository.js";
import { departmentAuditView, isoDate } from "./department-input.js";
import { can } from "./permissions.js";
import { versionField } from "./update-user.js";
import { moveDepartmentMembers } from "./user.repository.js";

const t = m.accounts.departments;

const schema = z.object({
  version: versionField,
  intoId: z.string({ error: t.targetUnknown }).min(1, t.targetUnknown),
  effectiveFrom: isoDate,
});

/**
 * An administrator merges a department into another from a date: it ends the day before (its names
 * with it, so old plans keep them), its staff move to the successor, and its 課 move under the successor.
 */
export async function mergeDepartment(
  deps: AccountsDeps,
  input: {
    actor: CurrentUser | null;
    departmentId: string;
    version: unknown;
    intoId: unknown;
    effectiveFrom: unknown;
  },
): Promise<{ ok: true; from: string; into: string } | Failure<Department>> {
  const actor = input.actor;
  if (!actor) return failure("unauthenticated", { form: m.accounts.signIn.required });
  const dept = await findDepartment(deps.db, input.departmentId);
  if (!dept) return failure("not-found", { form: t.notFound });
  if (!can(actor, "department.manage", { orgId: dept.orgId })) {
    return failure("forbidden", { form: m.accounts.errors.forbiddenBody });
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) return failure("invalid", zodFieldErrors(parsed.error));
  const { version, intoId, effectiveFrom } = parsed.data;
  if (dept.endedOn !== null) return failure("invalid", { form: t.alreadyEnded });
  const all = await listDepartments(deps.db, dept.orgId);
  const into = all.find((d) => d.id === intoId);
  if (!into || !isActiveOn(into, effectiveFrom)) return failure("invalid", { intoId: t.targetUnknown });
  if (descendantIds(all, dept.id).has(into.id)) return failure("invalid", { intoId: t.mergeSelf });
  if (version !== dept.version) return failure("conflict", { form: m.accounts.errors.conflictBody }, dept);

  const lastDay = previousDay(effectiveFrom);
  const written = await deps.db.transaction(async (tx) => {
    if (
      !(await updateDepartmentIfVersion(tx, dept.id, version, { endedOn: lastDay, mergedIntoId: into.id }))
    ) {
      return false;
    }
    await closeNames(tx, dept.id, lastDay);
    const movedUsers = await moveDepartmentMembers(tx, dept.id, into.id);
    const movedChildren = await reparentChildren(tx, dept.id, into.id);
    await recordAudit(tx, {
      orgId: dept.orgId,
      actor,
      action: "department.merge",
      entityType: "department",
      entityId: dept.id,
      before: { ...departmentAuditView(dept), version: dept.version },
      after: {
        ...departmentAuditView({ ...dept, endedOn: lastDay, mergedIntoId: into.id }),
        version: dept.version + 1,
        mergedIntoName: into.name,
        movedUserIds: movedUsers,
        movedDepartmentIds: movedChildren,
      },
    });
    return true;
  });
  if (!written) {
    const current = await findDepartment(deps.db, dept.id);
    return failure("conflict", { form: m.accounts.errors.conflictBody }, current ?? dept);
  }
  return { ok: true, from: dept.name, into: into.name };
}
