import { createHash } from "node:crypto";
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createGunzip, gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from "../db/client.js";
import { seedDemo } from "../demo/seed.js";
import { createLogger } from "../web/log.js";
import { backupDatabase, loadOrder, resetSequences } from "./backup.js";
import { listTables, qualified } from "./table-snapshot.js";

/**
 * A frozen copy of a released database, for the upgrade test: the schema exactly as that release's migrations
 * made it (their SQL text, kept here so that later edits to drizzle/ cannot change the past), drizzle's journal
 * of applied migrations, and the demo data of that release. Loading it gives a database "as the release left
 * it"; applying today's migrations on top must keep every row.
 *
 * Made once per release with `node --import tsx src/ops/release-fixture.ts <version> <last migration tag>`.
 */
export type ReleaseFixture = {
  release: string;
  migrations: { tag: string; hash: string; createdAt: number; sql: string }[];
  /** table name → rows as row_to_json gave them at that release */
  data: Record<string, Record<string, unknown>[]>;
};

export const FIXTURES_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

type JournalEntry = { idx: number; when: number; tag: string };

async function makeFixture(release: string, lastTag: string): Promise<ReleaseFixture> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  const migrations = journal.entries.slice(0, last + 1).map((e) => {
    const text = readFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), "utf8");
    return {
      tag: e.tag,
      hash: createHash("sha256").update(text).digest("hex"),
      createdAt: e.when,
      sql: text,
    };
  });
  if (last !== journal.entries.length - 1)
    throw new Error(
      "make the fixture from a checkout of the release itself (its last migration is the newest)",
    );
  const database = await openDatabase({});
  const dir = mkdtempSync(path.join(os.tmpdir(), "kyodo-fixture-"));
  try {
    await migrateDatabase(database);
    await seedDemo(
      database.db,
      createLogger("error", () => {}),
    );
    const file = path.join(dir, "b.gz");
    const backup = await backupDatabase(database, file);
    if (!backup.ok) throw new Error(backup.message);
    const data: ReleaseFixture["data"] = {};
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
    let first = true;
    for await (const line of lines) {
      if (first || !line.trim()) {
        first = false;
        continue;
      }
      const chunk = JSON.parse(line) as { table: string; rows: Record<string, unknown>[] };
      const name = chunk.table.replace(/^public\./, "");
      // sessions and sign-in attempts are not data anyone would miss; the audit trail and everything else is
      if (name === "sessions" || name === "sign_in_attempts") continue;
      data[name] = [...(data[name] ?? []), ...chunk.rows];
    }
    return { release, migrations, data };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readFixture(file: string): ReleaseFixture {
  return JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as ReleaseFixture;
}

/** Loads a release fixture into an empty (unmigrated) database: the old schema, its journal, its rows. */
export async function loadFixture(database: Database, fixture: ReleaseFixture): Promise<void> {
  const db = database.db;
  await db.transaction(async (tx) => {
    for (const m of fixture.migrations)
      for (const statement of m.sql.split("--> statement-breakpoint"))
        if (statement.trim()) await tx.execute(sql.raw(statement));
    await tx.execute(sql.raw(`create schema if not exists drizzle`));
    await tx.execute(
      sql.raw(
        `create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
      ),
    );
    for (const m of fixture.migrations)
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${m.hash}, ${m.createdAt})`,
      );
    const tables = (await listTables(tx)).filter((t) => t.schema === "public");
    for (const t of await loadOrder(tx, tables)) {
      const rows = fixture.data[t.name] ?? [];
      if (!rows.length) continue;
      await tx.execute(
        sql`${sql.raw(`insert into ${qualified(t)} select * from json_populate_recordset(null::${qualified(t)}, `)}${JSON.stringify(rows)}::json)`,
      );
    }
    await resetSequences(tx);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [release, lastTag] = process.argv.slice(2);
  if (!release || !lastTag) {
    console.error("usage: node --import tsx src/ops/release-fixture.ts <release> <last migration tag>");
    process.exit(2);
  }
  const fixture = await makeFixture(release, lastTag);
  const file = path.join(FIXTURES_FOLDER, `release-${release}.json.gz`);
  writeFileSync(file, gzipSync(JSON.stringify(fixture), { level: 9 }));
  console.log(`${file}: ${Object.values(fixture.data).reduce((n, r) => n + r.length, 0)} rows`);
}
