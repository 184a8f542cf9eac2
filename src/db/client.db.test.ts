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
});
