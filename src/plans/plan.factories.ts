/** Test data for the plans tests: an organisation with departments, and people of each role. */
import { randomUUID } from "node:crypto";
import type { CurrentUser, Role } from "../accounts/account.js";
import { departmentNames, departments, organisations } from "../accounts/accounts.table.js";
import type { Db } from "../db/client.js";

export async function createOrg(
  db: Db,
  opts: { name?: string; departments?: string[]; yearStyle?: string } = {},
): Promise<{ orgId: string; departmentIds: Record<string, string> }> {
  const code = String(100000 + Math.floor(Math.random() * 899999));
  const [org] = await db
    .insert(organisations)
    .values({ code, name: opts.name ?? "テスト市", yearStyle: opts.yearStyle ?? "wareki" })
    .returning();
  const ids: Record<string, string> = {};
  for (const [i, name] of (opts.departments ?? []).entries()) {
    const [d] = await db.insert(departments).values({ orgId: org!.id, name, position: i }).returning();
    await db.insert(departmentNames).values({ departmentId: d!.id, name });
    ids[name] = d!.id;
  }
  return { orgId: org!.id, departmentIds: ids };
}

export function person(orgId: string, role: Role = "admin", departmentIds: string[] = []): CurrentUser {
  return {
    id: randomUUID(),
    orgId,
    email: `${role}-${randomUUID().slice(0, 8)}@example.lg.jp`,
    displayName: role === "admin" ? "計画 担当" : "各課 担当",
    role,
    departmentIds,
  };
}
