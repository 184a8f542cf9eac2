import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count, eq } from "drizzle-orm";
import { organisations } from "../accounts/accounts.table.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { findNodes } from "../plans/plan.repository.js";
import { plans } from "../plans/plan.table.js";
import { createLogger } from "../web/log.js";
import { seedDemo } from "./seed.js";
import { DEMO_CITY } from "./seed-plans.js";

describe("demo data on first start", () => {
  let database: Database;
  const lines: string[] = [];
  const log = createLogger("info", (l) => lines.push(l));
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it("imports the reference documents through the import path", async () => {
    assert.equal(await seedDemo(database.db, log), true);
    const errors = lines.filter((l) => l.includes('"level":"error"'));
    assert.deepEqual(errors, []);
    const [city] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.code, DEMO_CITY.code));
    assert.ok(city);
    const [plan] = await database.db.select().from(plans).where(eq(plans.orgId, city.id));
    assert.ok(plan, "the city guideline is a plan of the demo city");
    assert.match(plan.title, /第1期指針/);
    const nodes = await findNodes(database.db, plan.id);
    assert.equal(nodes.filter((n) => n.kind === "item").length, 23);
  });

  it("holds the basic plan of 山口県 and the policy overview of 三重県", async () => {
    const rows = await database.db
      .select({ title: plans.title, code: organisations.code, id: plans.id })
      .from(plans)
      .innerJoin(organisations, eq(plans.orgId, organisations.id));
    const byCode = new Map(rows.map((r) => [r.code, r]));
    assert.match(byCode.get("350001")?.title ?? "", /県民活動促進基本計画/);
    assert.match(byCode.get("240001")?.title ?? "", /施策別概要|N ?P ?O/);
    const basic = await findNodes(database.db, byCode.get("350001")!.id);
    assert.equal(basic.filter((n) => n.kind === "item").length, 60, "60 具体的な取組");
  });

  it("changes nothing when started again", async () => {
    const before = await database.db.select({ n: count() }).from(plans);
    assert.equal(await seedDemo(database.db, log), false);
    const afterward = await database.db.select({ n: count() }).from(plans);
    assert.deepEqual(afterward, before);
  });
});
