/** `npm run reminders`: runs the reminder job once (for cron) and exits; prints how many departments it reminded. */
import path from "node:path";
import { loadConfig } from "../config.js";
import { migrateDatabase, openDatabase } from "../db/client.js";
import { createLogger } from "../web/log.js";
import { runRemindersOnce } from "./reminder-job.js";

const result = loadConfig(process.env);
if (!result.ok) {
  console.error(result.message);
  process.exit(1);
}
const config = result.config;
const log = createLogger(config.logLevel);
const database = await openDatabase(
  config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, "pglite") },
);
try {
  await migrateDatabase(database);
  const sent = await runRemindersOnce({ database, config, log });
  console.log(`リマインダー: ${sent.length}課に送信しました (reminded ${sent.length} departments)`);
} finally {
  await database.close();
}
