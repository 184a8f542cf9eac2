import { sql } from "drizzle-orm";
import { bigint, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The generation of everything the public portal shows: one row (id 1) whose `n` is raised once by every
 * committed transaction that writes a table the portal reads (database triggers, see the migration
 * `public_page_cache_triggers`). A rendered page is valid only for the generation it was rendered at.
 */
export const publicGeneration = pgTable("public_generation", {
  id: integer("id").primaryKey(),
  n: bigint("n", { mode: "number" }).notNull().default(0),
});

/**
 * The transactions, still running, that have written a table the portal reads: a row inserted by the first such
 * statement of a transaction, and removed when that transaction commits, by the deferred trigger that raises the
 * generation (migration `public_change_per_statement`). Empty whenever no such transaction is running.
 */
export const publicChanges = pgTable("public_changes", {
  tx: bigint("tx", { mode: "number" }).primaryKey().default(sql`txid_current()`),
});

/**
 * Rendered public answers (item pages, item JSON, plan pages), shared by every app process: a cache in the
 * database, so no process keeps state between requests (docs/decisions/0019-public-page-cache.md). On PGlite, one
 * process by nature, pages are kept in memory in front of it as well (page-cache.memory.ts).
 */
export const publicPageCache = pgTable("public_page_cache", {
  /** the request path */
  key: text("key").primaryKey(),
  generation: bigint("generation", { mode: "number" }).notNull(),
  etag: text("etag").notNull(),
  contentType: text("content_type").notNull(),
  body: text("body").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
