import { count, eq } from "drizzle-orm";
import type { Role } from "../accounts/account.js";
import {
  departmentNames,
  departments,
  organisations,
  userDepartments,
  users,
} from "../accounts/accounts.table.js";
import { hashPassword } from "../accounts/password.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../web/log.js";
import { DEMO_CITY, seedDemoPlans } from "./seed-plans.js";

/** The one password of every demo account (documented in the README; never use demo data in earnest). */
export const DEMO_PASSWORD = "kyodo-demo-2026";

/** One demo person per role in 山口県; department staff belong to 県民生活課. */
export const DEMO_USERS: {
  email: string;
  displayName: string;
  role: Role;
  departments: string[];
  org: string;
}[] = [
  {
    email: "admin@demo.kyodo.jp",
    displayName: "協働 管理者",
    role: "admin",
    departments: ["県民生活課"],
    org: "350001",
  },
  {
    email: "staff@demo.kyodo.jp",
    displayName: "県民生活課 担当者",
    role: "department",
    departments: ["県民生活課"],
    org: "350001",
  },
  {
    email: "committee@demo.kyodo.jp",
    displayName: "審議会 委員",
    role: "committee",
    departments: [],
    org: "350001",
  },
  {
    email: "registry@demo.kyodo.jp",
    displayName: "支援センター 職員",
    role: "registry",
    departments: [],
    org: "350001",
  },
  {
    email: "viewer@demo.kyodo.jp",
    displayName: "閲覧 利用者",
    role: "viewer",
    departments: [],
    org: "350001",
  },
  {
    email: "admin@city.demo.kyodo.jp",
    displayName: "サンプル市 協働推進担当",
    role: "admin",
    departments: [],
    org: "479993",
  },
  {
    email: "admin@mie.demo.kyodo.jp",
    displayName: "三重県 管理者",
    role: "admin",
    departments: [],
    org: "240001",
  },
];

/** 部 → 課 of the demo prefecture (names as in the reference documents). */
const YAMAGUCHI_DEPARTMENTS: [string, string[]][] = [
  ["環境生活部", ["県民生活課"]],
  ["総務部", ["人事課"]],
  ["健康福祉部", ["地域福祉課"]],
  ["観光スポーツ文化部", ["スポーツ推進課"]],
];

/**
 * Demo data, loaded on first start when DEMO is on: the organisations of the reference documents with
 * their departments, and one person per role. Capabilities add their part.
 * Idempotent: organisations only when there are none, people only when the demo administrator is missing.
 */
export async function seedDemo(db: Db, log: Logger): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisations);
  const fresh = (row?.n ?? 0) === 0;
  if (fresh) {
    await db.transaction(async (tx) => {
      const [yamaguchi] = await tx
        .insert(organisations)
        .values({ code: "350001", name: "山口県", nameKana: "ヤマグチケン", yearStyle: "wareki" })
        .returning();
      // one moment later, so that 山口県 is the deployment's home organisation (the first created) for visitors
      await tx
        .insert(organisations)
        .values({
          code: "240001",
          name: "三重県",
          nameKana: "ミエケン",
          yearStyle: "wareki",
          createdAt: new Date(yamaguchi!.createdAt.getTime() + 1),
        })
        .returning();
      await tx.insert(organisations).values({
        ...DEMO_CITY,
        yearStyle: "wareki",
        createdAt: new Date(yamaguchi!.createdAt.getTime() + 2),
      });
      for (const [i, [bu, kas]] of YAMAGUCHI_DEPARTMENTS.entries()) {
        const [parent] = await tx
          .insert(departments)
          .values({ orgId: yamaguchi!.id, name: bu, position: i })
          .returning();
        await tx
          .insert(departmentNames)
          .values({ departmentId: parent!.id, name: bu, validFrom: "2013-04-01" });
        for (const [j, ka] of kas.entries()) {
          const [d] = await tx
            .insert(departments)
            .values({ orgId: yamaguchi!.id, parentId: parent!.id, name: ka, position: j })
            .returning();
          await tx.insert(departmentNames).values({ departmentId: d!.id, name: ka, validFrom: "2013-04-01" });
        }
      }
    });
    log.info("demo data loaded");
  }
  await seedDemoUsers(db, log);
  await seedDemoPlans(db, log);
  return fresh;
}

async function seedDemoUsers(db: Db, log: Logger): Promise<void> {
  const [exists] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0]!.email));
  if (exists) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      const [org] = await tx.select().from(organisations).where(eq(organisations.code, u.org));
      if (!org) continue;
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, u.email));
      if (taken) continue;
      const [created] = await tx
        .insert(users)
        .values({ orgId: org.id, email: u.email, displayName: u.displayName, role: u.role, passwordHash })
        .returning({ id: users.id });
      const depts = await tx.select().from(departments).where(eq(departments.orgId, org.id));
      for (const name of u.departments) {
        const d = depts.find((x) => x.name === name);
        if (d) await tx.insert(userDepartments).values({ userId: created!.id, departmentId: d.id });
      }
    }
  });
  log.warn(
    "demo accounts created: anyone who knows the demo password can sign in; turn DEMO off for real use",
    {
      emails: DEMO_USERS.map((u) => u.email),
    },
  );
}
