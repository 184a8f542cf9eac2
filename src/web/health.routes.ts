import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "./context.js";

/** `/healthz`: 200 when the database answers, 503 otherwise (for load balancers and monitoring). */
export const healthRoutes = new Hono<AppEnv>().get("/healthz", async (c) => {
  const { database, log } = c.get("deps");
  try {
    await database.db.execute(sql`select 1`);
    return c.json({ status: "ok", database: database.kind }, 200, { "cache-control": "no-store" });
  } catch (err) {
    log.error("health check failed", { err });
    return c.json({ status: "error", database: database.kind }, 503, { "cache-control": "no-store" });
  }
});
