import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { createTestDatabase } from "../../src/db/test-db.js";
import { seedDemo } from "../../src/demo/seed.js";
import { createLogger } from "../../src/web/log.js";

export type TestServer = { baseUrl: string; database: Database; close(): Promise<void> };

/** The real app with demo data on a fresh database (PGlite, or PostgreSQL when DATABASE_URL is set), on a free port. */
export async function startTestServer(): Promise<TestServer> {
  const database = await createTestDatabase();
  const log = createLogger("warn");
  await seedDemo(database.db, log);
  const cfg = loadConfig({ NODE_ENV: "test", DEMO: "1" });
  if (!cfg.ok) throw new Error(cfg.message);
  const app = createApp({ database, config: cfg.config, log });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
