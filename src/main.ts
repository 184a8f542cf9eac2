import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { loadConfig } from "./config.js";
import { migrateDatabase, openDatabase } from "./db/client.js";
import { seedDemo } from "./demo/seed.js";
import { trimMemoryWhenIdle } from "./ops/idle-memory.js";
import { startReminderJob } from "./progress/reminder-job.js";
import { closePdfBrowser } from "./reports/render-pdf.js";
import { createLogger } from "./web/log.js";

const started = performance.now();
const result = loadConfig(process.env);
if (!result.ok) {
  console.error(result.message);
  process.exit(1);
}
const config = result.config;
const log = createLogger(config.logLevel);

let database: Awaited<ReturnType<typeof openDatabase>>;
try {
  database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, "pglite") },
  );
  await migrateDatabase(database);
} catch (err) {
  console.error(`データベースを開けません (cannot open the database): ${(err as Error).message}`);
  process.exit(1);
}
if (config.demo) await seedDemo(database.db, log);

const app = createApp({ database, config, log });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const ms = Math.round(performance.now() - started);
  log.info("listening", {
    url: `http://localhost:${info.port}`,
    database: database.kind,
    location: database.location,
    startMs: ms,
  });
  console.log(`Kyōdō: http://localhost:${info.port} (${database.kind}: ${database.location}, ${ms} ms)`);
});

const reminders = startReminderJob({ database, config, log });
const stopTrimming = trimMemoryWhenIdle(server);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("shutting down", { signal });
  server.close();
  stopTrimming();
  await reminders.stop();
  await closePdfBrowser();
  await database.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
