import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { CurrentUser } from "../../src/accounts/account.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { createTestDatabase } from "../../src/db/test-db.js";
import { cityGuidelineDocument } from "../../src/plans/fixtures/city-guideline.js";
import { importPlanDocument } from "../../src/plans/import-plan-document.js";
import { createOrg, person } from "../../src/plans/plan.factories.js";
import { planRoutes } from "../../src/plans/plan.routes.js";
import { SYSTEM_ACTOR } from "../../src/plans/plan-use-case.js";
import type { AppEnv } from "../../src/web/context.js";
import { createLogger } from "../../src/web/log.js";
import { staticRoutes } from "../../src/web/static.js";

export type PlansServer = { baseUrl: string; database: Database; cityPlanId: string; close(): Promise<void> };

/**
 * Test-only: the plans pages served with a signed-in person set by a wrapper middleware (as the routes tests do),
 * until the accounts capability's session middleware is merged; the city guideline is imported as the plan.
 */
export async function startPlansServer(role: CurrentUser["role"] = "admin"): Promise<PlansServer> {
  const database = await createTestDatabase();
  const { orgId } = await createOrg(database.db, { name: "協働市" });
  const imported = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, orgId, cityGuidelineDocument);
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const cfg = loadConfig({ NODE_ENV: "test" });
  if (!cfg.ok) throw new Error(cfg.message);
  const deps = { database, config: cfg.config, log: createLogger("warn") };
  const user = person(orgId, role);
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set("deps", deps);
      c.set("requestId", "e2e");
      c.set("user", user);
      await next();
    })
    .route("/", staticRoutes)
    .route("/", planRoutes);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    cityPlanId: imported.planId,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
