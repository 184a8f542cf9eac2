/**
 * Bulk writes for imports of thousands of rows: the rows travel as ONE json parameter and the database spreads them
 * with `json_populate_recordset(NULL::table, …)`, so a statement costs one parameter however many rows it holds
 * (no bind-parameter cap, no per-row query building). The same SQL runs on PGlite and PostgreSQL. `json`, not
 * `jsonb`: the text is read once, so building jsonb's binary form first would be wasted (10,000 plan nodes: about
 * a quarter less CPU in PGlite).
 * Columns left out of the rows take their defaults (insert) or stay as they are (update).
 */
import { getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client.js";

/** Rows per statement: a couple of thousand keeps each statement's JSON text around a megabyte; fewer statements made the
 * 10,000-row import commit ~0.1 s faster than 500 did (bench:import). */
export const BULK_CHUNK = 2000;

type Row = Record<string, unknown>;

function columnsOf(table: PgTable, keys: readonly string[]): [string, PgColumn][] {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  return keys.map((k) => {
    const c = all[k];
    if (!c) throw new Error(`bulk: ${getTableName(table)} has no column ${k}`);
    return [k, c];
  });
}

/** A row as the JSON the database reads back into the table's row type (dates as ISO text, jsonb as is). */
function toRecord(row: Row, cols: readonly [string, PgColumn][]): Row {
  const out: Row = {};
  for (const [k, c] of cols) {
    const v = row[k];
    out[c.name] = v instanceof Date ? v.toISOString() : v === undefined ? null : v;
  }
  return out;
}

/** A returned row with the table's property names (driver rows use the column names). */
function fromRecord(row: Row, table: PgTable): Row {
  const out: Row = {};
  for (const [k, c] of Object.entries(getTableColumns(table) as Record<string, PgColumn>)) {
    const v = row[c.name];
    out[k] = c.dataType === "date" && typeof v === "string" ? new Date(v) : v;
  }
  return out;
}

const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

async function run(db: DbOrTx, query: SQL): Promise<Row[]> {
  const res = (await db.execute(query)) as unknown as { rows?: Row[] } | Row[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}

/** The rows of one chunk as a set of the table's records, to select from. */
export function spreadRows(name: SQL, chunk: string): SQL {
  return sql`json_populate_recordset(null::${name}, ${chunk}::json)`;
}

/**
 * The pieces of a hand-written bulk statement (e.g. an INSERT inside a WITH): the column list and, per chunk of
 * BULK_CHUNK rows, the JSON text to spread with `spreadRows(name, chunk)` (iterate once).
 */
export function bulkChunks<T extends PgTable>(
  table: T,
  rows: readonly T["$inferInsert"][],
): { name: SQL; columns: SQL; chunks: Iterable<string> } {
  const cols = rows.length === 0 ? [] : columnsOf(table, Object.keys(rows[0] as Row));
  // made one at a time, as they are sent: only one chunk's JSON text is in memory at once
  function* chunks() {
    for (let i = 0; i < rows.length; i += BULK_CHUNK)
      yield JSON.stringify(rows.slice(i, i + BULK_CHUNK).map((r) => toRecord(r as Row, cols)));
  }
  return {
    name: ident(getTableName(table)),
    columns: sql.join(
      cols.map(([, c]) => ident(c.name)),
      sql`, `,
    ),
    chunks: chunks(),
  };
}

/**
 * INSERT of many rows, BULK_CHUNK per statement; every row must have the same keys (those of the first row).
 * With `returning`, the inserted rows come back as drizzle would select them.
 * @example await bulkInsert(tx, planNodes, rows)
 */
export async function bulkInsert<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: readonly T["$inferInsert"][],
  opts: { returning?: boolean } = {},
): Promise<T["$inferSelect"][]> {
  if (rows.length === 0) return [];
  const cols = columnsOf(table, Object.keys(rows[0] as Row));
  const name = ident(getTableName(table));
  const list = sql.join(
    cols.map(([, c]) => ident(c.name)),
    sql`, `,
  );
  const out: T["$inferSelect"][] = [];
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + BULK_CHUNK).map((r) => toRecord(r as Row, cols)));
    const returned = await run(
      db,
      sql`insert into ${name} (${list}) select ${list} from ${spreadRows(name, json)}${
        opts.returning ? sql` returning *` : sql``
      }`,
    );
    if (opts.returning) for (const r of returned) out.push(fromRecord(r, table) as T["$inferSelect"]);
  }
  return out;
}

/**
 * UPDATE of many rows by id, BULK_CHUNK per statement (UPDATE … FROM the rows): each row has `id`, the keys to
 * set, and, when `versioned`, the `version` it was read at — it is then written only if still at that version and
 * its version is bumped. Returns the rows written (fewer than given when someone changed a row meanwhile).
 * @example const written = await bulkUpdate(tx, planNodes, rows, { versioned: true })
 */
export async function bulkUpdate<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: readonly (Partial<T["$inferInsert"]> & { id: string; version?: number })[],
  opts: { versioned?: boolean; set?: SQL } = {},
): Promise<T["$inferSelect"][]> {
  if (rows.length === 0) return [];
  const keys = Object.keys(rows[0] as Row);
  const cols = columnsOf(table, keys);
  const name = ident(getTableName(table));
  const assigned = cols.filter(([k]) => k !== "id" && k !== "version");
  const sets = assigned.map(([, c]) => sql`${ident(c.name)} = v.${ident(c.name)}`);
  if (opts.versioned) sets.push(sql`"version" = t."version" + 1`);
  if (opts.set) sets.push(opts.set);
  const out: T["$inferSelect"][] = [];
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + BULK_CHUNK).map((r) => toRecord(r as Row, cols)));
    const returned = await run(
      db,
      sql`update ${name} as t set ${sql.join(sets, sql`, `)} from ${spreadRows(name, json)} as v where t."id" = v."id"${
        opts.versioned ? sql` and t."version" = v."version"` : sql``
      } returning t.*`,
    );
    for (const r of returned) out.push(fromRecord(r, table) as T["$inferSelect"]);
  }
  return out;
}
