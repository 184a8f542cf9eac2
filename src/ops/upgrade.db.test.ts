import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import pg from "pg";
import { signedInCookie, testApp } from "../accounts/test-factories.js";
import { type Database, MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from "../db/client.js";
import { jsonTextOf } from "../db/gzip-json.js";
import { FIXTURES_FOLDER, loadFixture, type ReleaseFixture, readFixture } from "./release-fixture.js";
import { rowsOf } from "./table-snapshot.js";

/** An empty database with no schema at all: PGlite in memory, or a new database on DATABASE_URL's server. */
async function emptyDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({});
  const name = `kyodo_upgrade_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

const stable = (v: unknown): unknown =>
  v && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
      )
    : Array.isArray(v)
      ? v.map(stable)
      : v;

/**
 * Columns a later migration stored differently, value kept: read back as the release wrote them. plan_imports'
 * document went from json to bytea (0025: old rows as UTF-8 JSON text, new ones gzip-compressed).
 */
const READ_BACK: Record<string, Record<string, (v: unknown) => unknown>> = {
  plan_imports: {
    document: (v) => JSON.parse(jsonTextOf(Buffer.from(String(v).replace(/^\\x/, ""), "hex"))),
  },
};

const releases = readdirSync(FIXTURES_FOLDER)
  .filter((f) => /^release-.+\.json\.gz$/.test(f))
  .sort();

for (const file of releases) {
  describe(`upgrading a database of ${file.replace(/\.json\.gz$/, "")} to this version`, () => {
    let database: Database;
    let fixture: ReleaseFixture;
    before(async () => {
      fixture = readFixture(path.join(FIXTURES_FOLDER, file));
      database = await emptyDatabase();
      await loadFixture(database, fixture);
    });
    after(() => database.close());

    it("applies every later migration forward", async () => {
      await migrateDatabase(database);
      const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"));
      const applied = rowsOf<{ hash: string }>(
        await database.db.execute(sql`select hash from drizzle.__drizzle_migrations order by id`),
      ).map((r) => r.hash);
      assert.deepEqual(
        applied.slice(0, fixture.migrations.length),
        fixture.migrations.map((m) => m.hash),
        "the release's migrations are untouched: never edit a released migration, add a new one",
      );
      assert.equal(
        applied.length,
        journal.entries.length,
        "every migration after the release was applied (a migration whose 'when' is older than the release's last " +
          "one is skipped by drizzle's migrator: regenerate it so it comes after)",
      );
    });

    it("keeps every row of the release, with every value it had", async () => {
      const lost: string[] = [];
      await database.db.transaction(async (tx) => {
        await tx.execute(sql.raw("set local time zone 'UTC'"));
        for (const [table, rows] of Object.entries(fixture.data)) {
          if (!rows.length) continue;
          const columns = Object.keys(rows[0]!);
          const now = rowsOf<{ r: Record<string, unknown> }>(
            await tx.execute(sql.raw(`select row_to_json(t) as r from "public"."${table}" t`)),
          ).map((x) =>
            JSON.stringify(
              stable(
                Object.fromEntries(
                  columns.map((c) => [c, READ_BACK[table]?.[c] ? READ_BACK[table][c]!(x.r[c]) : x.r[c]]),
                ),
              ),
            ),
          );
          const missingColumns = columns.filter(
            (c) => rows.length && now.length && !(c in JSON.parse(now[0]!)),
          );
          if (missingColumns.length) lost.push(`${table}: columns gone ${missingColumns.join(", ")}`);
          const have = new Set(now);
          const gone = rows.filter((r) => !have.has(JSON.stringify(stable(r))));
          if (gone.length) lost.push(`${table}: ${gone.length} of ${rows.length} rows lost or changed`);
        }
      });
      assert.deepEqual(lost, []);
    });

    it("serves the release's data: the demo administrator sees the plans", async () => {
      const [admin] = rowsOf<{ id: string }>(
        await database.db.execute(sql`select id from users where email = 'admin@demo.kyodo.jp'`),
      );
      assert.ok(admin, "the demo administrator is in the fixture");
      const res = await testApp(database).request("/plans", {
        headers: { cookie: await signedInCookie(database.db, admin.id) },
      });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /県民活動促進基本計画/);
    });
  });
}
