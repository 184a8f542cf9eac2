import path from "node:path";
import { loadConfig } from "../config.js";
import { migrateDatabase, openDatabase } from "../db/client.js";
import { createLogger } from "../web/log.js";
import { backupDatabase, restoreDatabase } from "./backup.js";

/**
 * `npm run backup -- <file>` and `npm run restore -- <file> [--force]`: the database named by the environment
 * (DATABASE_URL, or PGlite in DATA_DIR), as the server would open it. Stop the server before a restore.
 * Exit code 0 on success, 1 with a one-line Japanese message otherwise.
 */
const [command, file, ...flags] = process.argv.slice(2);
const usage = "使い方: npm run backup -- <ファイル> | npm run restore -- <ファイル> [--force]";
if ((command !== "backup" && command !== "restore") || !file) {
  console.error(usage);
  process.exit(2);
}
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
let code = 0;
try {
  const target = path.resolve(file);
  if (command === "backup") {
    const r = await backupDatabase(database, target);
    if (r.ok) {
      const rows = r.header.tables.reduce((n, t) => n + t.rows, 0);
      log.info("backup written", {
        file: target,
        tables: r.header.tables.length,
        rows,
        database: database.kind,
      });
      console.log(`バックアップしました: ${target}（${r.header.tables.length} 表, ${rows} 行）`);
    } else {
      log.error("backup failed", { file: target, reason: r.reason, message: r.message });
      console.error(r.message);
      code = 1;
    }
  } else {
    // a fresh data directory or database gets the schema first, so that a backup restores onto a clean install
    await migrateDatabase(database);
    const r = await restoreDatabase(database, target, { force: flags.includes("--force") });
    if (r.ok) {
      log.info("backup restored", { file: target, rows: r.rows, backupCreatedAt: r.header.createdAt });
      console.log(`復元しました: ${target}（${r.rows} 行, ${r.header.createdAt} のバックアップ）`);
    } else {
      log.error("restore refused", { file: target, reason: r.reason, message: r.message });
      console.error(r.message);
      code = 1;
    }
  }
} finally {
  await database.close();
}
process.exit(code);
