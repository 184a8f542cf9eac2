import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { asc, eq } from "drizzle-orm";
import { cityGuidelineDocument } from "../plans/fixtures/city-guideline.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { createOrg } from "../plans/plan.factories.js";
import { planNodes } from "../plans/plan.table.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import type { Database } from "./client.js";
import { leanRows } from "./lean-read.js";
import { createTestDatabase } from "./test-db.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

describe("reading rows as one JSON value", () => {
  it("gives what a plain select gives: text, numbers, nulls, jsonb values and timestamps as Date, in order", async () => {
    const { orgId } = await createOrg(database.db);
    const r = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, orgId, cityGuidelineDocument);
    assert.ok(r.ok);
    const keys = ["id", "label", "title", "level", "schedule", "nextTerm", "tierCode", "createdAt"] as const;
    const where = eq(planNodes.planId, r.planId);
    const order = [asc(planNodes.position), asc(planNodes.key)];
    const lean = await leanRows(database.db, planNodes, keys, where, order);
    const plain = await database.db
      .select(Object.fromEntries(keys.map((k) => [k, planNodes[k]])))
      .from(planNodes)
      .where(where)
      .orderBy(...order);
    assert.ok(lean.length > 40);
    assert.deepEqual(lean, plain);
    assert.ok(lean[0]!.createdAt instanceof Date);
    assert.ok(lean.some((n) => n.nextTerm !== null && typeof n.nextTerm === "object"));
    assert.deepEqual(await leanRows(database.db, planNodes, keys, eq(planNodes.planId, orgId), []), []);
  });
});
