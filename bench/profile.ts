/**
 * Where a page spends its time, and the plans of its queries: runs the app in this process over a loaded database
 * (a PGlite folder — stop the server using it first — or DATABASE_URL) and, for each path, prints the request
 * time, the number of SQL statements (N+1 shows as a large count), the wall time with SQL running, and the slowest
 * statements. With --explain, every distinct SELECT of the pages is run again under EXPLAIN (ANALYZE, BUFFERS) with
 * the parameters the page used, and its plan printed; "Seq Scan" on a large table is flagged.
 *
 *   node --import tsx bench/profile.ts bench-data/prefecture [--explain] [path …]   (paths may use {planId} …)
 *   DATABASE_URL=postgres://… node --import tsx bench/profile.ts <manifest dir> --explain
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { createLogger } from "../src/web/log.js";
import type { Manifest } from "./load.js";

type Call = { sql: string; params: unknown[]; start: number; end: number };
let calls: Call[] = [];
let recording = true;

function record(sqlText: unknown, params: unknown, t0: number) {
  if (!recording) return;
  calls.push({
    sql: String(sqlText),
    params: Array.isArray(params) ? params : [],
    start: t0,
    end: performance.now(),
  });
}

// every statement PGlite runs (drizzle calls query() for reads and writes)
const lite = PGlite.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
const liteQuery = lite.query!;
lite.query = async function (this: unknown, ...a: unknown[]) {
  const t0 = performance.now();
  try {
    return await liteQuery.apply(this, a);
  } finally {
    record(a[0], a[1], t0);
  }
};
// and every statement node-postgres runs (drizzle passes { text, values, rowMode })
const pgProto = pg.Client.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
const pgQuery = pgProto.query!;
pgProto.query = function (this: unknown, ...a: unknown[]) {
  const t0 = performance.now();
  const q = a[0] as { text?: string; values?: unknown[] } | string;
  const text = typeof q === "string" ? q : q?.text;
  const values = typeof q === "string" || Array.isArray(a[1]) ? a[1] : q?.values;
  // pg-pool passes a callback; drizzle on a single client gets a promise
  const last = a.length - 1;
  if (typeof a[last] === "function") {
    const cb = a[last] as (...r: unknown[]) => void;
    a[last] = (...r: unknown[]) => {
      record(text, values, t0);
      cb(...r);
    };
    return pgQuery.apply(this, a);
  }
  const out = pgQuery.apply(this, a);
  if (out && typeof (out as Promise<unknown>).then === "function")
    (out as Promise<unknown>).then(
      () => record(text, values, t0),
      () => record(text, values, t0),
    );
  return out;
};

const argv = process.argv.slice(2);
const explain = argv.includes("--explain");
const rest = argv.filter((a) => a !== "--explain");
const dataDir = path.resolve(rest[0] ?? "bench-data/prefecture");
const m = JSON.parse(readFileSync(path.join(dataDir, "bench-manifest.json"), "utf8")) as Manifest;
export const DEFAULT_PATHS = [
  "/progress/entries/{entryId}",
  "/progress",
  "/progress/rounds/{roundId}",
  "/plans/{planId}",
];
const paths = rest.length > 1 ? rest.slice(1) : DEFAULT_PATHS;
const url = process.env.DATABASE_URL;
const database = await openDatabase(url ? { url } : { dataDir: path.join(dataDir, "pglite") });
const cfg = loadConfig({ DEMO: "0", MAX_IN_FLIGHT: "0" });
if (!cfg.ok) throw new Error(cfg.message);
const app = createApp({ database, config: cfg.config, log: createLogger("error") });
const fill = (p: string) =>
  p.replace(/\{(\w+)\}/g, (_, k: string) => String((m as unknown as Record<string, string>)[k] ?? k));

const toExplain = new Map<string, Call>();
for (const p of paths) {
  const cookie = p.startsWith("/progress/entries") || p === "/progress" ? m.departmentCookie : m.adminCookie;
  for (let i = 0; i < 4; i++) {
    calls = [];
    const t0 = performance.now();
    const res = await app.request(fill(p), { headers: { cookie } });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (i < 3) continue; // warm up
    // wall time with at least one statement running (statements given together overlap: count them once)
    let sqlMs = 0;
    let until = 0;
    for (const c of [...calls].sort((a, b) => a.start - b.start)) {
      sqlMs += Math.max(0, c.end - Math.max(c.start, until));
      until = Math.max(until, c.end);
    }
    console.log(
      `\n${p} → ${res.status}, ${Math.round(ms)} ms, ${(body.length / 1024).toFixed(0)} KB, ${calls.length} statements, ${Math.round(sqlMs)} ms with SQL running`,
    );
    for (const c of [...calls].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 5))
      console.log(
        `  ${(c.end - c.start).toFixed(1).padStart(7)} ms  ${c.sql.replace(/\s+/g, " ").slice(0, 160)}`,
      );
    for (const c of calls) if (/^\s*select/i.test(c.sql) && !toExplain.has(c.sql)) toExplain.set(c.sql, c);
  }
}

if (explain) {
  recording = false;
  const { sql } = await import("drizzle-orm");
  console.log(`\n## EXPLAIN (ANALYZE, BUFFERS) of the ${toExplain.size} distinct SELECTs of these pages\n`);
  for (const c of toExplain.values()) {
    // the statement with its parameters inlined as literals (EXPLAIN cannot take bind parameters through drizzle)
    const literal = c.sql.replace(/\$(\d+)/g, (_, n: string) => {
      const v = c.params[Number(n) - 1];
      if (v === null || v === undefined) return "null";
      if (typeof v === "number" || typeof v === "boolean") return String(v);
      return `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`;
    });
    const rows = (await database.db.execute(sql.raw(`explain (analyze, buffers) ${literal}`))) as unknown as
      | { rows: Record<string, string>[] }
      | Record<string, string>[];
    const list = Array.isArray(rows) ? rows : rows.rows;
    const plan = list.map((r) => Object.values(r)[0]).join("\n");
    const seq =
      /Seq Scan on (progress_entries|plan_nodes|plan_node_departments|progress_entry_versions|sessions|users|audit_events)/.exec(
        plan,
      );
    console.log(
      `### ${c.sql.replace(/\s+/g, " ").slice(0, 200)}${seq ? `\n**${seq[0]}**` : ""}\n\`\`\`\n${plan}\n\`\`\`\n`,
    );
  }
}
await database.close();
