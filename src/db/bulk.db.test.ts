import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { asc, sql } from "drizzle-orm";
import { integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { BULK_CHUNK, bulkInsert, bulkUpdate } from "./bulk.js";
import type { Database } from "./client.js";
import { createTestDatabase } from "./test-db.js";

const rowsTable = pgTable("bulk_test_rows", {
  id: uuid("id").primaryKey().defaultRandom(),
  position: integer("position").notNull(),
  title: text("title").notNull(),
  note: text("note"),
  attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
  nextTerm: jsonb("next_term").$type<{ label: string } | null>(),
  at: timestamp("at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  version: integer("version").notNull().default(1),
});

describe("bulk writes (one jsonb parameter per statement)", () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
    await database.db.execute(
      sql.raw(`create table bulk_test_rows (id uuid primary key default gen_random_uuid(), position integer not null,
        title text not null, note text, attributes jsonb not null default '{}', next_term jsonb, at timestamptz,
        created_at timestamptz not null default now(), version integer not null default 1)`),
    );
  });
  after(() => database.close());

  it("inserts more rows than one chunk with defaults, jsonb, null and dates as drizzle reads them back", async () => {
    const at = new Date("2026-04-01T00:00:00Z");
    const values = Array.from({ length: BULK_CHUNK + 7 }, (_, i) => ({
      id: randomUUID(),
      position: i,
      title: `「${i}」の"題"\\ と 改行\n`,
      note: i % 2 ? null : "備考",
      attributes: { 分野: `値${i}` },
      nextTerm: i % 3 ? null : { label: "継続" },
      at: i % 2 ? at : null,
    }));
    const returned = await bulkInsert(database.db, rowsTable, values.slice(0, 3), { returning: true });
    assert.equal(returned.length, 3);
    assert.equal(returned[0]!.version, 1);
    assert.ok(returned[0]!.createdAt instanceof Date);
    await bulkInsert(database.db, rowsTable, values.slice(3));
    const stored = await database.db.select().from(rowsTable).orderBy(asc(rowsTable.position));
    assert.equal(stored.length, values.length);
    for (const [i, v] of values.entries()) {
      const s = stored[i]!;
      assert.deepEqual(
        { id: s.id, position: s.position, title: s.title, note: s.note, attributes: s.attributes },
        { id: v.id, position: v.position, title: v.title, note: v.note, attributes: v.attributes },
      );
      assert.deepEqual(s.nextTerm, v.nextTerm);
      assert.equal(s.at?.toISOString() ?? null, v.at?.toISOString() ?? null);
    }
    const nulls = await database.db.execute(
      sql`select count(*)::int as n from bulk_test_rows where next_term is null`,
    );
    const n = (nulls as unknown as { rows: { n: number }[] }).rows[0]!.n;
    assert.equal(
      n,
      values.filter((v) => v.nextTerm === null).length,
      "a null jsonb is SQL NULL, as drizzle writes it",
    );
  });

  it("updates by id only rows still at the version read, bumping it", async () => {
    const stored = await database.db.select().from(rowsTable).orderBy(asc(rowsTable.position)).limit(3);
    const [a, b, c] = stored as [(typeof stored)[0], (typeof stored)[0], (typeof stored)[0]];
    const written = await bulkUpdate(
      database.db,
      rowsTable,
      [
        { id: a.id, version: a.version, title: "更新A", attributes: {} },
        { id: b.id, version: b.version + 5, title: "古い版", attributes: {} },
        { id: c.id, version: c.version, title: "更新C", attributes: { x: "y" } },
      ],
      { versioned: true },
    );
    assert.deepEqual(written.map((r) => r.id).sort(), [a.id, c.id].sort());
    const after = new Map((await database.db.select().from(rowsTable)).map((r) => [r.id, r] as const));
    assert.equal(after.get(a.id)!.title, "更新A");
    assert.equal(after.get(a.id)!.version, a.version + 1);
    assert.equal(after.get(b.id)!.title, b.title, "a stale version is not written");
    assert.equal(after.get(b.id)!.version, b.version);
    assert.deepEqual(after.get(c.id)!.attributes, { x: "y" });
    assert.equal(after.get(c.id)!.note, c.note, "columns left out stay as they are");
  });
});
