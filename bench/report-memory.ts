/**
 * `npm run bench:report-memory`: the resident memory of the real server (built, as `npm start` runs it) while it
 * renders the reports of the prefecture-size plan (2,000 items, 10 fiscal years): the RSS before the first
 * report, the peak sampled every 20 ms during each report, and after all of them. Issue 10: memory < 300 MB.
 * Uses the data `npm run bench` loaded into bench-data/prefecture (PGlite), or DATABASE_URL's database loaded
 * the same way (MANIFEST=<its bench-manifest.json>).
 *
 *   node --import tsx bench/report-memory.ts
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Manifest } from "./load.js";
import { ROOT, rssMb, startServer } from "./support.js";

const dataDir = path.join(ROOT, "bench-data/prefecture");
// MANIFEST: the ids of another loaded copy (e.g. a PostgreSQL database loaded by bench/load.ts)
const m = JSON.parse(
  readFileSync(process.env.MANIFEST ?? path.join(dataDir, "bench-manifest.json"), "utf8"),
) as Manifest;
const server = await startServer(process.env.DATABASE_URL ? {} : { DATA_DIR: dataDir });
const base = `/plans/${m.planId}/reports/builtin-progress-list`;
const jobs = [
  ["HTML", base],
  ["xlsx", `${base}.xlsx`],
  ["CSV", `${base}.csv`],
  ["CSV Shift_JIS", `${base}.sjis.csv`],
] as const;
try {
  const lines: string[] = [];
  const idle = rssMb(server.pid);
  let overall = idle ?? 0;
  for (const [name, url] of jobs) {
    for (let i = 0; i < 3; i++) {
      let peak = rssMb(server.pid) ?? 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMb(server.pid) ?? 0);
      }, 20);
      const t = performance.now();
      const res = await fetch(`${server.url}${url}`, { headers: { cookie: m.adminCookie } });
      const bytes = (await res.arrayBuffer()).byteLength;
      clearInterval(sampler);
      peak = Math.max(peak, rssMb(server.pid) ?? 0);
      overall = Math.max(overall, peak);
      lines.push(
        `${name} #${i + 1}: HTTP ${res.status}, ${Math.round(bytes / 1024)} KB, ${Math.round(performance.now() - t)} ms, peak RSS ${peak} MB`,
      );
    }
  }
  const db = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  console.log(`report memory (${db}, built server): idle ${idle} MB before the first report`);
  for (const l of lines) console.log(`  ${l}`);
  console.log(
    `  highest RSS over all reports ${overall} MB, after them ${rssMb(server.pid)} MB — target < 300 MB: ${overall < 300 ? "met" : "NOT met"}`,
  );
} finally {
  await server.stop();
}
