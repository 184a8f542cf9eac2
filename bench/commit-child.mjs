/**
 * bench:import's commit, in a process of its own that runs the built server code (dist/, as `npm start` runs it):
 * no TypeScript loader in its memory. bench/import-xlsx.ts prepares the database and the parsed 10,000-row job
 * (state file) and a small workbook; this process commits the small one first (a running server has committed
 * imports before: the code and the database's caches are warm), then times the big commit and reads its peak RSS,
 * then re-imports the same file (unchanged). Prints one JSON line.
 *
 *   node bench/commit-child.mjs <state.json> <plan.xlsx> <warm-up.xlsx>
 */
import { readFileSync, rmSync } from "node:fs";
import pg from "pg";

const dist = new URL("../dist/", import.meta.url);
const load = (file) => import(new URL(file, dist).href);
const { openDatabase } = await load("db/client.js");
const { commitImport } = await load("imports/commit-import.js");
const { startImport } = await load("imports/start-import.js");
const { SYSTEM_ACTOR } = await load("plans/plan-use-case.js");

const [stateFile, planFile, warmFile] = process.argv.slice(2);
const state = JSON.parse(readFileSync(stateFile, "utf8"));
const start = (file, title) => ({
  source: { kind: "xlsx", name: "plan.xlsx", bytes: new Uint8Array(readFileSync(file)), text: null },
  targetPlanId: null,
  fiscalYear: 2023,
  title,
  kind: null,
  savedMappingId: null,
});
const database = await openDatabase(state.url ? { url: state.url } : { dataDir: state.dataDir });
const deps = { db: database.db };

const warm = await startImport(deps, SYSTEM_ACTOR, state.orgId, start(warmFile, "準備"));
if (!warm.ok || !(await commitImport(deps, SYSTEM_ACTOR, warm.jobId)).ok)
  throw new Error("warm-up import failed");

const t0 = performance.now();
const r = await commitImport(deps, SYSTEM_ACTOR, state.jobId);
const commitMs = performance.now() - t0;
if (!r.ok) throw new Error(JSON.stringify(r));
const commitPeakMb = process.resourceUsage().maxRSS / 1024;

const t1 = performance.now();
const again = await startImport(deps, SYSTEM_ACTOR, state.orgId, start(planFile, null));
if (!again.ok) throw new Error(JSON.stringify(again));
const t2 = performance.now();
const second = await commitImport(deps, SYSTEM_ACTOR, again.jobId);
const recommitMs = performance.now() - t2;
if (!second.ok || second.outcome !== "unchanged") throw new Error(`re-import: ${JSON.stringify(second)}`);
await database.close();

if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
if (state.url) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(state.url).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
}
process.stdout.write(
  JSON.stringify({
    mode: "commit",
    commitMs: Math.round(commitMs),
    commitPeakMb: Math.round(commitPeakMb),
    nodes: r.counts.nodesCreated,
    reparseMs: Math.round(t2 - t1),
    recommitMs: Math.round(recommitMs),
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
