import type { z } from "zod";
import { m as messages } from "../web/messages/index.js";

/** Roles, as the domain names them. */
export const ROLES = ["admin", "department", "committee", "registry", "viewer", "group"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person, as every route sees them. */
export type CurrentUser = {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  role: Role;
  departmentIds: string[];
  /** For the `group` role: the registry group (市民活動団体) the person acts for. */
  groupId?: string | null;
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Roles whose work is bound to departments: they must belong to at least one. */
export function roleNeedsDepartments(role: Role): boolean {
  return role === "department";
}

/** E-mail addresses are compared trimmed and lower-cased (the stored form). */
export function normaliseEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}

/**
 * Password rule (NIST SP 800-63B §5.1.1.2: length, not composition rules): 10 to 200 characters.
 * Counted in code points, so a Japanese passphrase counts as typed.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export function passwordProblem(password: string): "short" | "long" | null {
  const n = [...password].length;
  if (n < PASSWORD_MIN) return "short";
  if (n > PASSWORD_MAX) return "long";
  return null;
}

/** Field name → Japanese message, as forms show them beside the field. */
export type FieldErrors = Record<string, string>;

/**
 * Why a use case refused: routes map the kind to an HTTP status
 * (unauthenticated 401, forbidden 403, not-found 404, conflict 409, invalid 422, throttled 429).
 */
export type FailureKind =
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "invalid"
  | "throttled";
export type Failure<C = never> = { ok: false; kind: FailureKind; errors: FieldErrors; current?: C };

export function failure<C = never>(kind: FailureKind, errors: FieldErrors, current?: C): Failure<C> {
  return current === undefined ? { ok: false, kind, errors } : { ok: false, kind, errors, current };
}

export const STATUS_OF: Record<FailureKind, 401 | 403 | 404 | 409 | 422 | 429> = {
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  invalid: 422,
  throttled: 429,
};

/** Maps zod issues to the first message per field. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** One field of a record whose stored value differs from what a stale form was based on. */
export type Change = { field: string; yours: string; theirs: string };

/** The fields whose values differ between what the person submitted and what is stored now. */
export function diffFields(yours: Record<string, string>, theirs: Record<string, string>): Change[] {
  return Object.keys(theirs)
    .filter((k) => (yours[k] ?? "") !== (theirs[k] ?? ""))
    .map((k) => ({ field: k, yours: yours[k] ?? "", theirs: theirs[k] ?? "" }));
}

/** What the accounts use cases need: the database, and a clock that tests can set. */
export type AccountsDeps = { db: import("../db/client.js").Db; now?: () => Date };

export function nowOf(deps: { now?: () => Date }): Date {
  return deps.now?.() ?? new Date();
}

/** Checks a new password and its confirmation; field errors keyed `password` and `confirm`. */
export function newPasswordErrors(password: unknown, confirm: unknown): FieldErrors {
  const t = messages.accounts.password;
  const p = typeof password === "string" ? password : "";
  const problem = passwordProblem(p);
  if (problem === "short") return { password: t.short(PASSWORD_MIN) };
  if (problem === "long") return { password: t.long(PASSWORD_MAX) };
  if (confirm !== p) return { confirm: t.mismatch };
  return {};
}
