import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import type { Database } from "./client.js";
import { createTestDatabase } from "./test-db.js";

describe("the database", () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it("is migrated and answers a query", async () => {
    const rows = await database.db.execute(sql`select count(*)::int as n from organisations`);
    assert.equal((rows as unknown as { rows: { n: number }[] }).rows[0]?.n, 0);
  });

  it("has pg_trgm and produces trigrams for Japanese text (needs a UTF-8 ctype on PostgreSQL)", async () => {
    const r = await database.db.execute(sql`select array_length(show_trgm('協働事業'), 1) as n`);
    const n = (r as unknown as { rows: { n: number | null }[] }).rows[0]?.n;
    assert.ok(n && n > 0, `expected trigrams, got ${n}`);
  });

  it("passes json, jsonb and bytea parameters whole (PGlite: in binary form, see PGLITE_CODECS)", async () => {
    const value = { 名前: "協働 ①Ⅰ㈱ 🏯", text: 'a"b\\c\n', n: [1, 2.5, null], nested: { 年度: "2023" } };
    const big = "市民活動".repeat(200_000);
    const bytes = new Uint8Array([0, 1, 2, 127, 128, 254, 255]);
    const r = await database.db.execute(sql`select ${JSON.stringify(value)}::json as j,
      ${JSON.stringify(value)}::jsonb as jb, ${JSON.stringify({ big })}::json ->> 'big' as big,
      ${bytes}::bytea as b, octet_length(${bytes}::bytea) as len`);
    const row = (r as unknown as { rows: Record<string, unknown>[] }).rows[0]!;
    const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
    assert.deepEqual(parse(row.j), value);
    assert.deepEqual(parse(row.jb), value);
    assert.ok(row.big === big, "a text of megabytes comes back whole");
    assert.equal(Number(row.len), bytes.length);
    assert.deepEqual([...(row.b as Uint8Array)], [...bytes]);
  });
});
