import { z } from "zod";
import { m } from "../web/messages/index.js";
import { type AccountsDeps, type CurrentUser, type Failure, failure, nowOf } from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { can } from "./permissions.js";
import { findUser, replaceUserDepartments, type UserRecord, updateUserIfVersion } from "./user.repository.js";
import { auditView, validateUserFields } from "./user-input.js";

const t = m.accounts.users;

/** The version a form was opened with, sent back in a hidden field. */
export const versionField = z.coerce.number({ error: m.accounts.errors.invalidForm }).int().positive();

export type UpdateUserInput = {
  actor: CurrentUser | null;
  userId: string;
  version: unknown;
  displayName: unknown;
  role: unknown;
  departmentIds: unknown;
};

/**
 * An administrator changes a person's name, role and departments. Refused with "conflict" (and the
 * stored person, to show what changed) when the form's version is not the stored one.
 */
export async function updateUser(
  deps: AccountsDeps,
  input: UpdateUserInput,
): Promise<{ ok: true; user: UserRecord } | Failure<UserRecord>> {
  const actor = input.actor;
  if (!actor) return failure("unauthenticated", { form: m.accounts.signIn.required });
  const user = await findUser(deps.db, input.userId);
  if (!user) return failure("not-found", { form: t.notFound });
  if (!can(actor, "user.manage", { orgId: user.orgId })) {
    return failure("forbidden", { form: m.accounts.errors.forbiddenBody });
  }
  const version = versionField.safeParse(input.version);
  if (!version.success) return failure("invalid", { form: m.accounts.errors.invalidForm });
  const fields = await validateUserFields(
    deps.db,
    user.orgId,
    { ...input, groupId: user.groupId ?? null },
    nowOf(deps),
  );
  if (!fields.ok) return failure("invalid", fields.errors);
  if (user.id === actor.id && fields.value.role !== "admin") {
    return failure("invalid", { role: t.cannotDemoteSelf });
  }
  if (version.data !== user.version)
    return failure("conflict", { form: m.accounts.errors.conflictBody }, user);

  const next = { ...user, ...fields.value, version: user.version + 1 };
  const written = await deps.db.transaction(async (tx) => {
    if (!(await updateUserIfVersion(tx, user.id, version.data, fields.value))) return false;
    await replaceUserDepartments(tx, user.id, fields.value.departmentIds);
    await recordAudit(tx, {
      orgId: user.orgId,
      actor,
      action: "user.update",
      entityType: "user",
      entityId: user.id,
      before: { ...auditView(user), version: user.version },
      after: { ...auditView(next), version: next.version },
    });
    return true;
  });
  if (!written) {
    const current = await findUser(deps.db, user.id);
    return failure("conflict", { form: m.accounts.errors.conflictBody }, current ?? user);
  }
  return { ok: true, user: next };
}
