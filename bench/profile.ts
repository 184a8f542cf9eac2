/**
 * Where a page spends its time: runs the app in this process over a loaded PGlite folder (stop the server using
 * it first, or give a copy) and, for each path, prints the request time, the number of SQL statements (N+1 shows
 * as a large count) and the slowest statements with their time.
 *
 *   node --import tsx bench/profile.ts bench-data/prefecture [path …]     (paths may use {planId} {roundId} …)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { createLogger } from "../src/web/log.js";
import type { Manifest } from "./load.js";

type Call = { sql: string; ms: number };
let calls: Call[] = [];
// record every statement PGlite runs (drizzle calls query() for reads and writes)
const proto = PGlite.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
for (const name of ["query", "exec"]) {
  const original = proto[name]!;
  proto[name] = async function (this: unknown, ...a: unknown[]) {
    const t0 = performance.now();
    try {
      return await original.apply(this, a);
    } finally {
      calls.push({ sql: String(a[0]).replace(/\s+/g, " ").slice(0, 220), ms: performance.now() - t0 });
    }
  };
}

const dataDir = path.resolve(process.argv[2] ?? "bench-data/prefecture");
const m = JSON.parse(readFileSync(path.join(dataDir, "bench-manifest.json"), "utf8")) as Manifest;
const paths = process.argv.slice(3).length
  ? process.argv.slice(3)
  : ["/progress/entries/{entryId}", "/progress", "/progress/rounds/{roundId}", "/plans/{planId}"];
const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
const cfg = loadConfig({ DEMO: "0", MAX_IN_FLIGHT: "0" });
if (!cfg.ok) throw new Error(cfg.message);
const app = createApp({ database, config: cfg.config, log: createLogger("error") });
const fill = (p: string) =>
  p.replace(/\{(\w+)\}/g, (_, k: string) => String((m as unknown as Record<string, string>)[k] ?? k));

for (const p of paths) {
  const cookie = p.startsWith("/progress/entries") || p === "/progress" ? m.departmentCookie : m.adminCookie;
  for (let i = 0; i < 4; i++) {
    calls = [];
    const t0 = performance.now();
    const res = await app.request(fill(p), { headers: { cookie } });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (i < 3) continue; // warm up
    const sqlMs = calls.reduce((s, c) => s + c.ms, 0);
    console.log(
      `\n${p} → ${res.status}, ${Math.round(ms)} ms, ${(body.length / 1024).toFixed(0)} KB, ${calls.length} statements, ${Math.round(sqlMs)} ms in SQL`,
    );
    for (const c of [...calls].sort((a, b) => b.ms - a.ms).slice(0, 6))
      console.log(`  ${c.ms.toFixed(1).padStart(7)} ms  ${c.sql}`);
  }
}
await database.close();
