import { count } from "drizzle-orm";
import { departmentNames, departments, organisations } from "../accounts/accounts.table.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../web/log.js";

/**
 * Demo data, loaded on first start when DEMO is on: the organisations of the reference documents with
 * their departments. Capabilities add their part (plans imported from shared/reference-docs …).
 * Idempotent: does nothing when any organisation exists.
 */
export async function seedDemo(db: Db, log: Logger): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisations);
  if ((row?.n ?? 0) > 0) return false;
  await db.transaction(async (tx) => {
    const [yamaguchi] = await tx
      .insert(organisations)
      .values({ code: "350001", name: "山口県", nameKana: "ヤマグチケン", yearStyle: "wareki" })
      .returning();
    await tx
      .insert(organisations)
      .values({ code: "240001", name: "三重県", nameKana: "ミエケン", yearStyle: "wareki" })
      .returning();
    const depts = [
      "環境生活部 県民生活課",
      "総務部 人事課",
      "健康福祉部 地域福祉課",
      "観光スポーツ文化部 スポーツ推進課",
    ];
    for (const [i, name] of depts.entries()) {
      const [d] = await tx
        .insert(departments)
        .values({ orgId: yamaguchi!.id, name, position: i })
        .returning();
      await tx.insert(departmentNames).values({ departmentId: d!.id, name, validFrom: "2013-04-01" });
    }
  });
  log.info("demo data loaded");
  return true;
}
