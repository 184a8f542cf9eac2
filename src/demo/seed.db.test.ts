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

  it("changes nothing when started again", async () => {
    const before = await database.db.select({ n: count() }).from(plans);
    assert.equal(await seedDemo(database.db, log), false);
    const afterward = await database.db.select({ n: count() }).from(plans);
    assert.deepEqual(afterward, before);
  });
});
