import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ParserOptions, SerializerOptions } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema.js";

export type Schema = typeof schema;
/** The drizzle database, the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repositories accept `Db | Tx` so use cases can compose writes. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives: a folder (PGlite), "memory", or the server URL without password. */
  location: string;
  close(): Promise<void>;
};

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");

/**
 * The embedded PostgreSQL lives inside this process's memory, and its WebAssembly heap never shrinks: smaller
 * buffers than PostgreSQL's defaults (128 MB shared buffers, 64 MB for maintenance) keep the server's resident memory
 * low; the data of one organisation fits, and the operating system caches the files beneath anyway.
 * Measured in docs/decisions/0020-production-build.md.
 */
const PGLITE_SETTINGS = ["shared_buffers=16MB", "maintenance_work_mem=16MB"];

const JSON_OID = 114;
const JSONB_OID = 3802;
const BYTEA_OID = 17;
const jsonText = (x: unknown) => (typeof x === "string" ? x : JSON.stringify(x));

/**
 * How PGlite passes big values. Its own codecs measure a string parameter's UTF-8 length in a JavaScript loop and
 * write bytea as hex one byte at a time: for a 10,000-row import's JSON (megabytes) that was a third of a second.
 * These send json, jsonb and bytea parameters in binary form, encoded by Node (json's binary form is its text,
 * jsonb's is a version byte and its text), and read bytea hex with Buffer. Values are the same as PGlite's own
 * codecs give; PostgreSQL's driver (pg) already does this natively. PGlite's types say a serializer returns a string,
 * but its protocol writer sends any Uint8Array as a binary parameter (checked by client.db.test.ts).
 */
export const PGLITE_CODECS: { serializers: SerializerOptions; parsers: ParserOptions } = {
  serializers: {
    [JSON_OID]: (x: unknown) => Buffer.from(jsonText(x)),
    [JSONB_OID]: (x: unknown) => {
      // one buffer: the version byte, then the text (a bulk write's parameter is megabytes)
      const text = jsonText(x);
      const out = Buffer.allocUnsafe(Buffer.byteLength(text) + 1);
      out[0] = 1;
      out.write(text, 1);
      return out;
    },
    [BYTEA_OID]: (x: unknown) => {
      if (!(x instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
      return x;
    },
  } as unknown as SerializerOptions,
  parsers: {
    [BYTEA_OID]: (x: string) => new Uint8Array(Buffer.from(x.slice(2), "hex")),
  },
};

/**
 * Opens PostgreSQL when `url` is given, otherwise PGlite in `dataDir` (or in memory when dataDir is omitted).
 * @example const database = await openDatabase({ dataDir: "./data/pglite" }); … await database.close();
 */
export async function openDatabase(opts: { url?: string; dataDir?: string }): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    // Fail fast with the server's own message when it cannot be reached.
    const client = await pool.connect();
    client.release();
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      location: opts.url.replace(/:\/\/([^:@]+):[^@]*@/, "://$1:***@"),
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  // the embedded database's modules are loaded only when it is the one used
  const [{ PGlite }, { pg_trgm }, { drizzle: drizzlePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("drizzle-orm/pglite"),
  ]);
  const client = await PGlite.create(opts.dataDir, {
    extensions: { pg_trgm },
    postgresqlconf: PGLITE_SETTINGS,
    ...PGLITE_CODECS,
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", location: opts.dataDir ?? "memory", close: () => client.close() };
}

/** Applies the drizzle-kit migrations in `drizzle/` (the same SQL on PGlite and PostgreSQL 15). */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "postgres") {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the concrete driver type
    await migrateNodePg(database.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the concrete driver type
    await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}
