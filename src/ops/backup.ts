import { createReadStream, createWriteStream, renameSync } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import type { Database, DbOrTx } from "../db/client.js";
import {
  DERIVED_TABLES,
  listTables,
  qualified,
  quoteIdent,
  rowsOf,
  type TableName,
} from "./table-snapshot.js";

/**
 * Backup and restore as a logical dump through the application's own driver, the same on PGlite and on
 * PostgreSQL (see docs/decisions/0013-reliability-backup.md): every row of every table, read in one
 * REPEATABLE READ READ ONLY transaction (one snapshot: a backup taken while people work is consistent), written
 * as gzip'd JSON lines. Restore checks the schema version, refuses a database that holds data unless forced,
 * and loads everything in one transaction: it either restores all or changes nothing.
 *
 * File: line 1 the header `{ format, version, createdAt, migrations, tables }`, then one line per chunk of rows
 * `{ table: "public.plans", rows: [ {…}, … ] }`.
 */
export const BACKUP_FORMAT = "kyodo-backup";
export const BACKUP_VERSION = 1;
const CHUNK = 2000;

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  database: "pglite" | "postgres";
  /** drizzle's migration journal (hash per applied migration): the schema version the rows belong to */
  migrations: string[];
  tables: { name: string; rows: number }[];
};

export type BackupOutcome = { ok: true; header: BackupHeader; file: string } | BackupFailure;
export type RestoreOutcome = { ok: true; header: BackupHeader; rows: number } | BackupFailure;
export type BackupFailure = {
  ok: false;
  reason: "not_empty" | "schema_mismatch" | "unreadable" | "failed";
  message: string;
};

const APP_SCHEMA = "public";
/**
 * Rendered public pages are not backed up (a restored database renders them anew); the generation is, so the
 * cache of the restored database starts past it. Neither counts as data when a restore asks for an empty database
 * (a migrated one already has the generation row): DERIVED_TABLES.
 */
const NOT_BACKED_UP = new Set(["public_page_cache"]);

async function appliedMigrations(db: DbOrTx): Promise<string[]> {
  try {
    const r = await db.execute(sql`select hash from drizzle.__drizzle_migrations order by id`);
    return rowsOf<{ hash: string }>(r).map((x) => x.hash);
  } catch {
    return [];
  }
}

/** Writes a consistent backup of the whole database to `file` (written aside, then renamed into place). */
export async function backupDatabase(database: Database, file: string): Promise<BackupOutcome> {
  const tmp = `${file}.partial`;
  try {
    const header = await database.db.transaction(
      async (tx) => {
        const tables = (await listTables(tx)).filter(
          (t) => t.schema === APP_SCHEMA && !NOT_BACKED_UP.has(t.name),
        );
        const counts: { name: string; rows: number }[] = [];
        for (const t of tables) {
          const [c] = rowsOf<{ n: number }>(
            await tx.execute(sql.raw(`select count(*)::int as n from ${qualified(t)}`)),
          );
          counts.push({ name: `${t.schema}.${t.name}`, rows: Number(c?.n ?? 0) });
        }
        const head: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          database: database.kind,
          migrations: await appliedMigrations(tx),
          tables: counts,
        };
        const gzip = createGzip();
        const done = pipeline(gzip, createWriteStream(tmp));
        const write = (line: string) =>
          new Promise<void>((resolve, reject) =>
            gzip.write(`${line}\n`, (err) => (err ? reject(err) : resolve())),
          );
        await write(JSON.stringify(head));
        for (const t of tables) {
          const total = counts.find((c) => c.name === `${t.schema}.${t.name}`)!.rows;
          for (let offset = 0; offset < total; offset += CHUNK) {
            // ctid order is stable inside the snapshot; the chunks together are exactly the counted rows
            const r = await tx.execute(
              sql.raw(
                `select coalesce(json_agg(row_to_json(t)), '[]'::json)::text as rows from
                 (select * from ${qualified(t)} order by ctid limit ${CHUNK} offset ${offset}) t`,
              ),
            );
            const [row] = rowsOf<{ rows: string }>(r);
            await write(`{"table":${JSON.stringify(`${t.schema}.${t.name}`)},"rows":${row?.rows ?? "[]"}}`);
          }
        }
        gzip.end();
        await done;
        return head;
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    renameSync(tmp, file);
    return { ok: true, header, file };
  } catch (err) {
    return { ok: false, reason: "failed", message: `バックアップに失敗しました: ${(err as Error).message}` };
  }
}

/** Reads a backup file: its header, then its chunks of rows one at a time. */
async function* readBackup(file: string): AsyncGenerator<BackupHeader | { table: string; rows: unknown[] }> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line);
}

export async function readBackupHeader(file: string): Promise<BackupHeader | BackupFailure> {
  try {
    for await (const first of readBackup(file)) {
      const h = first as BackupHeader;
      if (h.format !== BACKUP_FORMAT || h.version !== BACKUP_VERSION || !Array.isArray(h.migrations)) break;
      return h;
    }
  } catch {
    // fall through
  }
  return {
    ok: false,
    reason: "unreadable",
    message: `バックアップファイルとして読めません (${file}): 形式 ${BACKUP_FORMAT} v${BACKUP_VERSION} の gzip ファイルを指定してください。`,
  };
}

/** Tables in an order where every table comes after the tables its foreign keys point to. */
export async function loadOrder(db: DbOrTx, tables: TableName[]): Promise<TableName[]> {
  const r = await db.execute(sql`
    select c.relname as child, p.relname as parent from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = ${APP_SCHEMA} and c.relname <> p.relname`);
  const edges = rowsOf<{ child: string; parent: string }>(r);
  const ordered: TableName[] = [];
  const left = new Set(tables.map((t) => t.name));
  while (left.size) {
    const ready = [...left].filter((name) => !edges.some((e) => e.child === name && left.has(e.parent)));
    // a cycle between tables (none today): load the rest as they come and let the one transaction judge
    const next = ready.length ? ready.sort() : [...left].sort();
    for (const name of next) {
      left.delete(name);
      ordered.push(tables.find((t) => t.name === name)!);
    }
  }
  return ordered;
}

/** Serial and identity columns continue after the highest id present (after rows were loaded with their ids). */
export async function resetSequences(db: DbOrTx): Promise<void> {
  const serials = rowsOf<{ tbl: string; col: string }>(
    await db.execute(sql`
      select table_name as tbl, column_name as col from information_schema.columns
      where table_schema = ${APP_SCHEMA} and (column_default like 'nextval(%' or is_identity = 'YES')`),
  );
  for (const s of serials) {
    const t = `${quoteIdent(APP_SCHEMA)}.${quoteIdent(s.tbl)}`;
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${t.replaceAll("'", "''")}', '${s.col.replaceAll("'", "''")}'),
         coalesce((select max(${quoteIdent(s.col)}) from ${t}), 0) + 1, false)`,
      ),
    );
  }
}

async function isEmpty(db: DbOrTx, tables: TableName[]): Promise<boolean> {
  for (const t of tables) {
    if (DERIVED_TABLES.includes(t.name)) continue;
    const r = await db.execute(sql.raw(`select exists (select 1 from ${qualified(t)}) as any`));
    if (rowsOf<{ any: boolean }>(r)[0]?.any) return false;
  }
  return true;
}

/**
 * Restores a backup into a migrated database of the same schema version. Refuses (changing nothing) when the
 * versions differ, or when the database holds data and `force` is not set; with `force` the existing rows are
 * replaced. All in one transaction.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  opts: { force?: boolean } = {},
): Promise<RestoreOutcome> {
  const header = await readBackupHeader(file);
  if ("ok" in header) return header;
  const here = await appliedMigrations(database.db);
  if (here.length !== header.migrations.length || here.some((h, i) => h !== header.migrations[i])) {
    return {
      ok: false,
      reason: "schema_mismatch",
      message:
        `バックアップのスキーマ版（マイグレーション ${header.migrations.length} 件）とデータベース（${here.length} 件）が一致しません。` +
        "バックアップを取った版のアプリケーションで復元してから、新しい版に更新してください。",
    };
  }
  const tables = (await listTables(database.db)).filter((t) => t.schema === APP_SCHEMA);
  if (!opts.force && !(await isEmpty(database.db, tables))) {
    return {
      ok: false,
      reason: "not_empty",
      message:
        "復元先のデータベースにデータがあります。上書きする場合は --force を付けてください（既存のデータは消えます）。",
    };
  }
  const order = await loadOrder(database.db, tables);
  try {
    let total = 0;
    await database.db.transaction(async (tx) => {
      if (tables.length) await tx.execute(sql.raw(`truncate ${tables.map(qualified).join(", ")} cascade`));
      const columns = new Map<string, string[]>();
      for (const t of tables) {
        const r = await tx.execute(sql`
          select column_name as name from information_schema.columns
          where table_schema = ${t.schema} and table_name = ${t.name} and is_generated = 'NEVER'
          order by ordinal_position`);
        columns.set(
          `${t.schema}.${t.name}`,
          rowsOf<{ name: string }>(r).map((c) => c.name),
        );
      }
      // rows arrive table by table in the file; hold them until their table's turn in the foreign-key order
      const pending = new Map<string, unknown[][]>();
      let started = false;
      for await (const item of readBackup(file)) {
        if (!started) {
          started = true;
          continue;
        }
        const chunk = item as { table: string; rows: unknown[] };
        if (!columns.has(chunk.table)) throw new Error(`unknown table in backup: ${chunk.table}`);
        const list = pending.get(chunk.table) ?? [];
        list.push(chunk.rows);
        pending.set(chunk.table, list);
      }
      for (const t of order) {
        const key = `${t.schema}.${t.name}`;
        const cols = columns.get(key)!.map(quoteIdent).join(", ");
        for (const rows of pending.get(key) ?? []) {
          if (!rows.length) continue;
          await tx.execute(
            sql`${sql.raw(`insert into ${qualified(t)} (${cols}) overriding system value select ${cols} from json_populate_recordset(null::${qualified(t)}, `)}${JSON.stringify(rows)}::json)`,
          );
          total += rows.length;
        }
      }
      await resetSequences(tx);
      const expected = header.tables.reduce((n, x) => n + x.rows, 0);
      if (total !== expected)
        throw new Error(`the backup holds ${total} rows where its header counts ${expected}`);
    });
    return { ok: true, header, rows: total };
  } catch (err) {
    return {
      ok: false,
      reason: "failed",
      message: `復元に失敗しました（何も変更していません）: ${(err as Error).message}`,
    };
  }
}
