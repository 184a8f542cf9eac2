import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { seedDemo } from "../demo/seed.js";
import { createLogger } from "../web/log.js";
import { backupDatabase, readBackupHeader, restoreDatabase } from "./backup.js";
import { changedTables, rowsOf, tableChecksums } from "./table-snapshot.js";

describe("backup and restore", () => {
  let source: Database;
  let target: Database;
  const dir = mkdtempSync(path.join(os.tmpdir(), "kyodo-backup-"));
  const file = path.join(dir, "demo.kyodo-backup.gz");
  before(async () => {
    source = await createTestDatabase();
    await seedDemo(
      source.db,
      createLogger("error", () => {}),
    );
    target = await createTestDatabase();
  });
  after(async () => {
    await source.close();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips the full demo database: every table, row by row", async () => {
    const backup = await backupDatabase(source, file);
    assert.ok(backup.ok, JSON.stringify(backup));
    assert.ok(backup.header.tables.length >= 20, "every table of the application is in the backup");
    const restored = await restoreDatabase(target, file);
    assert.ok(restored.ok, JSON.stringify(restored));
    assert.ok(restored.rows > 200);
    const a = await tableChecksums(source.db);
    const b = await tableChecksums(target.db);
    assert.deepEqual(changedTables(a, b), []);
    assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
    for (const [name, sum] of Object.entries(a)) assert.equal(b[name]?.rows, sum.rows, name);
  });

  it("lets the restored database go on: new rows get fresh serial ids", async () => {
    const [max] = rowsOf<{ id: number }>(
      await target.db.execute(sql`select max(id)::int as id from audit_events`),
    );
    assert.ok(max!.id >= 1, "the demo's audit trail was restored");
    const [added] = rowsOf<{ id: number }>(
      await target.db.execute(
        sql`insert into audit_events (action, entity_type) values ('test.after_restore', 'test') returning id::int as id`,
      ),
    );
    assert.equal(added!.id, max!.id + 1);
  });

  it("refuses to restore over a database that holds data, changing nothing, unless forced", async () => {
    const before = await tableChecksums(target.db);
    const refused = await restoreDatabase(target, file);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.reason, "not_empty");
    assert.match(!refused.ok ? refused.message : "", /--force/);
    assert.deepEqual(changedTables(before, await tableChecksums(target.db)), []);
    const forced = await restoreDatabase(target, file, { force: true });
    assert.ok(forced.ok, JSON.stringify(forced));
    assert.deepEqual(changedTables(await tableChecksums(source.db), await tableChecksums(target.db)), []);
  });

  it("refuses a backup of another schema version and a file that is not a backup", async () => {
    const header = await readBackupHeader(file);
    assert.ok(!("ok" in header));
    const older = path.join(dir, "older.gz");
    writeFileSync(
      older,
      gzipSync(`${JSON.stringify({ ...header, migrations: header.migrations.slice(0, 7) })}\n`),
    );
    const mismatch = await restoreDatabase(target, older, { force: true });
    assert.equal(!mismatch.ok && mismatch.reason, "schema_mismatch");
    const junk = path.join(dir, "junk.gz");
    writeFileSync(junk, "not a backup");
    const unreadable = await restoreDatabase(target, junk, { force: true });
    assert.equal(!unreadable.ok && unreadable.reason, "unreadable");
  });

  it("restores all or nothing: a damaged file leaves the database as it was", async () => {
    const header = await readBackupHeader(file);
    assert.ok(!("ok" in header));
    const damaged = path.join(dir, "damaged.gz");
    const lines = [
      JSON.stringify({ ...header, tables: [{ name: "public.organisations", rows: 2 }] }),
      JSON.stringify({ table: "public.organisations", rows: [{ id: "not-a-uuid", code: "x", name: "y" }] }),
    ];
    writeFileSync(damaged, gzipSync(`${lines.join("\n")}\n`));
    const before = await tableChecksums(target.db);
    const failed = await restoreDatabase(target, damaged, { force: true });
    assert.equal(!failed.ok && failed.reason, "failed");
    assert.deepEqual(changedTables(before, await tableChecksums(target.db)), []);
  });
});
