import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count, eq } from "drizzle-orm";
import { organisations } from "../accounts/accounts.table.js";
import { findUserWithHashByEmail } from "../accounts/user.repository.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { findNodes } from "../plans/plan.repository.js";
import { plans } from "../plans/plan.table.js";
import { listIssues } from "../registries/matching/matching.repository.js";
import { listCalls, listProposals } from "../registries/proposals/proposals.repository.js";
import { registryCalls } from "../registries/proposals/proposals.table.js";
import { createLogger } from "../web/log.js";
import { seedDemo } from "./seed.js";
import { DEMO_CITY } from "./seed-plans.js";
import { DEMO_GROUP_EMAIL } from "./seed-registries.js";

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

  it("holds the registries' proposal calls, matching sheet and a group's login for 山口県", async () => {
    const [pref] = await database.db.select().from(organisations).where(eq(organisations.code, "350001"));
    const calls = await listCalls(database.db, pref!.id);
    assert.deepEqual(calls.map((c) => [c.kind, Boolean(c.resultsPublishedAt)]).sort(), [
      ["free", true],
      ["theme", false],
    ]);
    const adopted = (
      await listProposals(
        database.db,
        calls.map((c) => c.id),
      )
    ).filter((p) => p.status === "adopted");
    assert.equal(adopted.length, 1);
    assert.ok(adopted[0]!.projectId, "the adopted proposal became a project");
    assert.deepEqual((await listIssues(database.db, pref!.id)).map((i) => i.status).sort(), [
      "matched",
      "open",
    ]);
    assert.equal((await findUserWithHashByEmail(database.db, DEMO_GROUP_EMAIL))?.role, "group");
  });

  it("changes nothing when started again", async () => {
    const before = await database.db.select({ n: count() }).from(plans);
    const callsBefore = await database.db.select({ n: count() }).from(registryCalls);
    assert.equal(await seedDemo(database.db, log), false);
    const afterward = await database.db.select({ n: count() }).from(plans);
    assert.deepEqual(afterward, before);
    assert.deepEqual(await database.db.select({ n: count() }).from(registryCalls), callsBefore);
  });
});
