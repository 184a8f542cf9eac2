import { z } from "zod";
import { todayInJapan } from "../japanese/index.js";
import { m } from "../web/messages/index.js";
import {
  type AccountsDeps,
  type CurrentUser,
  type Failure,
  failure,
  nowOf,
  zodFieldErrors,
} from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { isActiveOn } from "./department.js";
import { findDepartment, insertDepartment, nextPosition } from "./department.repository.js";
import { departmentAuditView, departmentName, isoDate } from "./department-input.js";
import { can } from "./permissions.js";

const t = m.accounts.departments;

const schema = z.object({
  name: departmentName,
  parentId: z.string().optional(),
  validFrom: isoDate,
});

/** An administrator adds a 部 (no parent) or a 課 beneath one, named from a date. */
export async function addDepartment(
  deps: AccountsDeps,
  input: { actor: CurrentUser | null; name: unknown; parentId: unknown; validFrom: unknown },
): Promise<{ ok: true; departmentId: string; name: string } | Failure> {
  const actor = input.actor;
  if (!actor) return failure("unauthenticated", { form: m.accounts.signIn.required });
  if (!can(actor, "department.manage", { orgId: actor.orgId })) {
    return failure("forbidden", { form: m.accounts.errors.forbiddenBody });
  }
  const parsed = schema.safeParse({
    name: input.name,
    parentId: typeof input.parentId === "string" && input.parentId !== "" ? input.parentId : undefined,
    validFrom: input.validFrom,
  });
  if (!parsed.success) return failure("invalid", zodFieldErrors(parsed.error));
  const { name, validFrom } = parsed.data;
  const parentId = parsed.data.parentId ?? null;
  if (parentId) {
    const parent = await findDepartment(deps.db, parentId);
    if (!parent || parent.orgId !== actor.orgId || !isActiveOn(parent, todayInJapan(nowOf(deps)))) {
      return failure("invalid", { parentId: t.parentUnknown });
    }
  }
  const departmentId = await deps.db.transaction(async (tx) => {
    const position = await nextPosition(tx, actor.orgId, parentId);
    const id = await insertDepartment(tx, { orgId: actor.orgId, parentId, name, position, validFrom });
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      action: "department.create",
      entityType: "department",
      entityId: id,
      before: null,
      after: {
        ...departmentAuditView({ name, parentId, endedOn: null, mergedIntoId: null }),
        validFrom,
        version: 1,
      },
    });
    return id;
  });
  return { ok: true, departmentId, name };
}
