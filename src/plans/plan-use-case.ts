/**
 * What every plans use case shares: who acts, the outcome shape, authorisation and the all-or-nothing
 * transaction. Use cases never throw for bad input or refusal: they return a failure the route maps to 4xx.
 */
import type { z } from "zod";
import type { CurrentUser } from "../accounts/account.js";
import type { AuditInput } from "../accounts/audit.repository.js";
import { type Action, can } from "../accounts/permissions.js";
import type { Db, Tx } from "../db/client.js";

export type UseCaseDeps = { db: Db };

/** The system itself (demo data at first start, scheduled jobs): allowed everything, audited as the system. */
export type SystemActor = { kind: "system"; displayName: string };
export const SYSTEM_ACTOR: SystemActor = { kind: "system", displayName: "システム" };
export type Actor = CurrentUser | SystemActor;

export type FieldErrors = Record<string, string>;
/** One field whose stored value differs from what the person submitted (shown on a 409 page). */
export type Change = { field: string; current: unknown; submitted: unknown };

export type Failure = {
  ok: false;
  reason: "forbidden" | "not_found" | "invalid" | "conflict";
  errors: FieldErrors;
  changes?: Change[];
};

export const forbidden = (): Failure => ({
  ok: false,
  reason: "forbidden",
  errors: { _: "この操作を行う権限がありません。" },
});
export const notFound = (what = "計画"): Failure => ({
  ok: false,
  reason: "not_found",
  errors: { _: `${what}が見つかりません。` },
});
export const invalid = (errors: FieldErrors): Failure => ({ ok: false, reason: "invalid", errors });
export const conflict = (changes: Change[]): Failure => ({
  ok: false,
  reason: "conflict",
  errors: { _: "ほかの人がこの内容を先に更新しました。最新の内容を確認してから、もう一度保存してください。" },
  changes,
});

export function isSystem(actor: Actor): actor is SystemActor {
  return (actor as SystemActor).kind === "system";
}

export function allowed(
  actor: Actor,
  action: Action,
  target: { orgId: string; departmentIds?: string[]; groupId?: string },
): boolean {
  return isSystem(actor) || can(actor, action, target);
}

export function auditActor(actor: Actor): AuditInput["actor"] {
  return isSystem(actor) ? null : { id: actor.id, displayName: actor.displayName };
}

/** zod issues → field → first message (paths joined with dots: `tiers.1.code`). */
export function zodErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/** Thrown inside `transact` to roll back with a failure from deep in a write (the transaction answers it). */
export class Abort {
  constructor(readonly failure: Failure) {}
}

/**
 * Runs `fn` in one transaction; a failure returned by `fn` rolls everything back (nothing written).
 * @example return transact(deps.db, async (tx) => { …; if (stale) return conflict(changes); …; return { ok: true } });
 */
export async function transact<T extends { ok: true }>(
  db: Db,
  fn: (tx: Tx) => Promise<T | Failure>,
): Promise<T | Failure> {
  try {
    return await db.transaction(async (tx) => {
      const outcome = await fn(tx as Tx);
      if (!outcome.ok) throw new Abort(outcome);
      return outcome;
    });
  } catch (e) {
    if (e instanceof Abort) return e.failure;
    throw e;
  }
}

/** The fields whose stored value differs from the submitted one. */
export function changedFields(
  current: Record<string, unknown>,
  submitted: Record<string, unknown>,
): Change[] {
  return Object.keys(submitted)
    .filter((k) => k in current && JSON.stringify(current[k]) !== JSON.stringify(submitted[k]))
    .map((field) => ({ field, current: current[field], submitted: submitted[field] }));
}

/**
 * JSON with object keys sorted: equal values give equal strings whatever the key order (jsonb reorders keys).
 * Written out directly (the same text as `JSON.stringify` with a key-sorting replacer, checked by a property test):
 * a 10,000-item plan is compared and digested several times per import.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? (undefined as unknown as string);
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

function canonical(value: unknown): string | undefined {
  let v = value;
  if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function")
    v = (v as { toJSON: () => unknown }).toJSON();
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ",";
      out += canonical(v[i]) ?? "null";
    }
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  let out = "{";
  let first = true;
  // as JSON.stringify orders an object's own keys: array-index keys first, ascending (Object.keys gives them so),
  // then the others, here sorted
  const keys = Object.keys(o);
  let n = 0;
  while (n < keys.length && INDEX_KEY.test(keys[n]!) && Number(keys[n]) < 4294967295) n++;
  const ordered = n === 0 ? keys.sort() : [...keys.slice(0, n), ...keys.slice(n).sort()];
  for (const k of ordered) {
    const text = canonical(o[k]);
    if (text === undefined) continue;
    out += `${first ? "" : ","}${JSON.stringify(k)}:${text}`;
    first = false;
  }
  return `${out}}`;
}
