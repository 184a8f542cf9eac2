import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import {
  type Database,
  type Db,
  MIGRATIONS_FOLDER,
  migrateDatabase,
  openDatabase,
  PGLITE_CODECS,
} from "./client.js";
import * as schema from "./schema.js";

/** A hash of every migration file: a cached template is reused only while the migrations are unchanged. */
function migrationsHash(): string {
  const h = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = path.join(dir, name.name);
      if (name.isDirectory()) walk(p);
      else h.update(name.name).update(readFileSync(p));
    }
  };
  walk(MIGRATIONS_FOLDER);
  return h.digest("hex").slice(0, 16);
}

/**
 * A migrated PGlite data directory, dumped once to the temp folder and loaded by every test file: loading a dump
 * takes ~0.4 s where creating and migrating a fresh PGlite takes ~2 s.
 */
async function migratedPgliteTemplate(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `kyodo-test-template-${migrationsHash()}.tar.gz`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const database = await openDatabase({});
  await migrateDatabase(database);
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir("gzip");
  await database.close();
  const bytes = Buffer.from(await dump.arrayBuffer());
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file); // atomic: parallel test files never read a half-written template
  return new Blob([bytes]);
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (dropped again on close). The same tests run on both.
 *
 * @example
 *   const database = await createTestDatabase();
 *   after(() => database.close());
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = await PGlite.create({
      loadDataDir: await migratedPgliteTemplate(),
      extensions: { pg_trgm },
      ...PGLITE_CODECS,
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return { db, kind: "pglite", location: "memory", close: () => client.close() };
  }
  const name = `kyodo_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ url: testUrl.toString() });
  await migrateDatabase(database);
  return {
    ...database,
    async close() {
      await database.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      // pool.end() resolves before its sockets have said goodbye: wait for the server to see them gone, or a
      // forced drop kills them mid-close and their late "terminating connection" error surfaces as uncaught
      for (let i = 0; i < 50; i++) {
        const r = await drop.query("select count(*)::int as n from pg_stat_activity where datname = $1", [
          name,
        ]);
        if (r.rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}
