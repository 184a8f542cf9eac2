import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import type { Database, DbOrTx } from "../db/client.js";
import type { AppEnv } from "../web/context.js";
import { createLogger } from "../web/log.js";
import type { CurrentUser, Role } from "./account.js";
import { departmentNames, departments, organisations, userDepartments } from "./accounts.table.js";
import { hashPassword } from "./password.js";
import { hashToken, newToken, sessionCookieName, sessionExpiry } from "./session.js";
import { insertSession } from "./session.repository.js";
import { insertUser } from "./user.repository.js";

/** Test data builders for the accounts capability (used by *.repository/routes/db tests only). */

export const TEST_PASSWORD = "correct horse battery staple";
let hashed: Promise<string> | null = null;

let seq = 0;
function unique(): string {
  seq += 1;
  return `${process.pid}-${seq}-${randomBytes(2).toString("hex")}`;
}

/** A valid 全国地方公共団体コード for a prefecture number (01–47): the prefecture's own code. */
export function prefectureCode(pref: number): string {
  const five = `${String(pref).padStart(2, "0")}000`;
  const sum = [...five].reduce((s, d, i) => s + Number(d) * (6 - i), 0);
  const check = (11 - (sum % 11)) % 10;
  return `${five}${check}`;
}

let nextPref = 1;
export async function makeOrg(db: DbOrTx, name = "テスト県"): Promise<{ id: string; name: string }> {
  const code = prefectureCode(nextPref++);
  const [row] = await db.insert(organisations).values({ code, name }).returning();
  return { id: row!.id, name: row!.name };
}

export async function makeDepartment(
  db: DbOrTx,
  orgId: string,
  name: string,
  opts: { parentId?: string; validFrom?: string } = {},
): Promise<string> {
  const [row] = await db
    .insert(departments)
    .values({ orgId, name, parentId: opts.parentId ?? null })
    .returning({ id: departments.id });
  await db
    .insert(departmentNames)
    .values({ departmentId: row!.id, name, validFrom: opts.validFrom ?? "2013-04-01" });
  return row!.id;
}

export async function makeUser(
  db: DbOrTx,
  orgId: string,
  role: Role,
  opts: { departmentIds?: string[]; email?: string; displayName?: string; password?: string | null } = {},
): Promise<CurrentUser> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const passwordHash =
    opts.password === null ? null : opts.password ? await hashPassword(opts.password) : await hashed;
  const email = opts.email ?? `${role}-${unique()}@test.kyodo.jp`;
  const displayName = opts.displayName ?? `${role} さん`;
  const id = await insertUser(db, { orgId, email, displayName, role, passwordHash });
  const departmentIds = opts.departmentIds ?? [];
  for (const departmentId of departmentIds)
    await db.insert(userDepartments).values({ userId: id, departmentId });
  return { id, orgId, email, displayName, role, departmentIds };
}

/** A signed-in session for a person; returns the Cookie header value. */
export async function signedInCookie(db: DbOrTx, userId: string, expiresAt = sessionExpiry(new Date())) {
  const token = newToken();
  await insertSession(db, { id: hashToken(token), userId, expiresAt });
  return `${sessionCookieName(false)}=${token}`;
}

/** The real app over a test database, in test mode (not production: plain cookie name, no Secure). */
export function testApp(database: Database): Hono<AppEnv> {
  const cfg = loadConfig({ NODE_ENV: "test", DEMO: "0" });
  if (!cfg.ok) throw new Error(cfg.message);
  return createApp({ database, config: cfg.config, log: createLogger("error") });
}

export const ORIGIN = "http://localhost";

/** A same-origin form post, as the browser sends it from our own page. */
export function postForm(
  body: Record<string, string | string[]>,
  opts: { cookie?: string; origin?: string } = {},
): RequestInit {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    origin: opts.origin ?? ORIGIN,
  };
  if (opts.cookie) headers.cookie = opts.cookie;
  return { method: "POST", headers, body: params.toString() };
}

/** The session token a response sets, if any. */
export function sessionSetBy(res: Response): string | null {
  const cookies = res.headers.getSetCookie();
  for (const c of cookies) {
    const m = /^kyodo_session=([^;]*)/.exec(c);
    if (m?.[1]) return m[1];
  }
  return null;
}
