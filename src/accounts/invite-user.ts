import { z } from "zod";
import { m } from "../web/messages/index.js";
import {
  type AccountsDeps,
  type CurrentUser,
  type Failure,
  failure,
  normaliseEmail,
  nowOf,
} from "./account.js";
import { recordAudit } from "./audit.repository.js";
import { insertInvitation } from "./invitation.repository.js";
import { can } from "./permissions.js";
import { hashToken, INVITATION_TTL_MS, newToken } from "./session.js";
import { emailTaken, insertUser, replaceUserDepartments } from "./user.repository.js";
import { auditView, validateUserFields } from "./user-input.js";

const t = m.accounts.users;

export type InviteUserInput = {
  actor: CurrentUser | null;
  email: unknown;
  displayName: unknown;
  role: unknown;
  departmentIds: unknown;
  /** For the `group` role: the registry group, already checked by the registries capability to be the organisation's. */
  groupId?: string | null;
};
export type Invited = { ok: true; userId: string; displayName: string; token: string; expiresAt: Date };

/**
 * An administrator registers a person in their own organisation. The person gets no password: the
 * returned one-time token (only its hash is stored) makes the invitation link with which they set one.
 */
export async function inviteUser(deps: AccountsDeps, input: InviteUserInput): Promise<Invited | Failure> {
  const actor = input.actor;
  if (!actor) return failure("unauthenticated", { form: m.accounts.signIn.required });
  // registry staff may invite a civic group's person (group.invite); everyone else is the administrator's (user.manage)
  const needed = input.role === "group" && input.groupId ? "group.invite" : "user.manage";
  if (!can(actor, needed, { orgId: actor.orgId })) {
    return failure("forbidden", { form: m.accounts.errors.forbiddenBody });
  }
  const now = nowOf(deps);
  const errors: Record<string, string> = {};
  const email = z
    .email({ error: t.emailInvalid })
    .max(320, t.emailInvalid)
    .safeParse(typeof input.email === "string" ? normaliseEmail(input.email) : input.email);
  if (!email.success) errors.email = t.emailInvalid;
  const fields = await validateUserFields(deps.db, actor.orgId, input, now);
  if (!fields.ok) Object.assign(errors, fields.errors);
  if (email.success && (await emailTaken(deps.db, email.data))) errors.email = t.emailTaken;
  if (!email.success || !fields.ok || Object.keys(errors).length > 0) return failure("invalid", errors);

  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const person = { ...fields.value, email: email.data };
  try {
    const userId = await deps.db.transaction(async (tx) => {
      const id = await insertUser(tx, {
        orgId: actor.orgId,
        email: person.email,
        displayName: person.displayName,
        role: person.role,
        groupId: input.groupId ?? null,
      });
      await replaceUserDepartments(tx, id, person.departmentIds);
      await insertInvitation(tx, { id: hashToken(token), userId: id, expiresAt });
      await recordAudit(tx, {
        orgId: actor.orgId,
        actor,
        action: "user.invite",
        entityType: "user",
        entityId: id,
        before: null,
        after: { ...auditView(person), ...(input.groupId ? { groupId: input.groupId } : {}), version: 1 },
      });
      return id;
    });
    return { ok: true, userId, displayName: person.displayName, token, expiresAt };
  } catch (err) {
    // two administrators inviting the same address at once: the unique index decides
    if (/users_email_idx|unique/i.test(String((err as { cause?: unknown }).cause ?? err))) {
      return failure("invalid", { email: t.emailTaken });
    }
    throw err;
  }
}
