/**
 * Every reference document (../shared/reference-docs), imported at first start through the importers, is
 * reachable on the plan pages: a list of facts taken by hand from each document must appear on its plan page,
 * in the document's own order (numbers, titles, tiers, departments, statuses, 2期案 and 理由, revision dates,
 * chapters, statistics).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { organisations, users } from "../accounts/accounts.table.js";
import { signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { plans } from "../plans/plan.table.js";
import { createLogger } from "../web/log.js";
import {
  assertInOrder,
  BASIC_PLAN_FACTS,
  CITY_FACTS,
  OVERVIEW_FACTS,
  OVERVIEW_INDICATOR_FACTS,
  pageText,
} from "./reference-facts.js";
import { seedDemo } from "./seed.js";

describe("the reference documents on their plan pages", () => {
  let database: Database;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    database = await createTestDatabase();
    await seedDemo(
      database.db,
      createLogger("error", () => {}),
    );
    app = testApp(database);
  });
  after(() => database.close());

  async function planPageOf(orgCode: string, adminEmail: string, suffix = ""): Promise<string> {
    const [org] = await database.db.select().from(organisations).where(eq(organisations.code, orgCode));
    assert.ok(org);
    const [plan] = await database.db.select().from(plans).where(eq(plans.orgId, org.id));
    assert.ok(plan, `a plan of ${orgCode}`);
    const [admin] = await database.db.select().from(users).where(eq(users.email, adminEmail));
    assert.ok(admin);
    const res = await app.request(`/plans/${plan.id}${suffix}`, {
      headers: { cookie: await signedInCookie(database.db, admin.id) },
    });
    assert.equal(res.status, 200);
    return pageText(await res.text());
  }

  it("shows every listed fact of the city guideline progress list, in order", async () => {
    assertInOrder(await planPageOf("479993", "admin@city.demo.kyodo.jp"), CITY_FACTS, "city guideline");
  });

  it("shows the city's printed tally next to the one counted from its items", async () => {
    const text = await planPageOf("479993", "admin@city.demo.kyodo.jp");
    for (const f of ["5/6：済", "5/8：済", "1/6：一部済", "2/2：未"]) assert.ok(text.includes(f), f);
  });

  it("shows every listed fact of the prefecture's basic plan, in order", async () => {
    assertInOrder(await planPageOf("350001", "admin@demo.kyodo.jp"), BASIC_PLAN_FACTS, "basic plan");
  });

  it("shows the policy and basic projects of the fiscal-2010 policy overview, in order", async () => {
    assertInOrder(await planPageOf("240001", "admin@mie.demo.kyodo.jp"), OVERVIEW_FACTS, "policy overview");
  });

  it("shows the overview's indicators with targets and actuals per fiscal year, and its main projects' budgets", async () => {
    const text = await planPageOf("240001", "admin@mie.demo.kyodo.jp", "/indicators");
    assertInOrder(
      text.replace(/（/g, "(").replace(/）/g, ")"),
      OVERVIEW_INDICATOR_FACTS,
      "policy overview indicators",
    );
  });
});
