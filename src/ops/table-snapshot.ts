import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";

/**
 * Whole-database fingerprints for reliability checks: the list of application tables (read from
 * information_schema, so tables added by any capability are covered without a change here), and per table a
 * row count and an order-independent checksum of every row's text form.
 *
 * @example
 *   const before = await tableChecksums(db);
 *   … a refused request …
 *   assert.deepEqual(await tableChecksums(db), before);
 */
export type TableName = { schema: string; name: string };

export function rowsOf<T>(result: unknown): T[] {
  // node-postgres returns { rows }, PGlite returns { rows } too; some drizzle drivers return the array itself
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Every base table of the application (public schema) and drizzle's migration journal, in a stable order. */
export async function listTables(db: DbOrTx): Promise<TableName[]> {
  const result = await db.execute(sql`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle')
    order by table_schema, table_name`);
  return rowsOf<TableName>(result);
}

export const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;
export const qualified = (t: TableName) => `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;

export type TableChecksum = { rows: number; md5: string };

/**
 * Derived tables, left out of every comparison: the public page cache and its generation change when a page is
 * read or anything is written, and hold nothing that is not in the other tables.
 */
export const DERIVED_TABLES: readonly string[] = ["public_page_cache", "public_generation"];

/** `{ "public.plans": { rows, md5 } , … }`; `skip` names tables left out (e.g. sessions a test creates itself). */
export async function tableChecksums(
  db: DbOrTx,
  skip: readonly string[] = [],
): Promise<Record<string, TableChecksum>> {
  const tables = (await listTables(db)).filter(
    (t) => !skip.includes(t.name) && !DERIVED_TABLES.includes(t.name),
  );
  if (!tables.length) return {};
  // one statement for all tables: one round trip, and one snapshot
  const parts = tables.map(
    (t) =>
      `select ${sqlString(`${t.schema}.${t.name}`)} as name, count(*)::int as rows,
         md5(coalesce(string_agg(r.x, '|' order by r.x), '')) as md5
       from (select t::text as x from ${qualified(t)} t) r`,
  );
  const result = await db.execute(sql.raw(parts.join("\nunion all\n")));
  const out: Record<string, TableChecksum> = {};
  for (const row of rowsOf<TableChecksum & { name: string }>(result))
    out[row.name] = { rows: Number(row.rows), md5: String(row.md5) };
  return out;
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The tables whose checksum differs between two fingerprints (empty when nothing changed). */
export function changedTables(
  before: Record<string, TableChecksum>,
  after: Record<string, TableChecksum>,
): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((n) => before[n]?.md5 !== after[n]?.md5 || before[n]?.rows !== after[n]?.rows)
    .sort();
}
