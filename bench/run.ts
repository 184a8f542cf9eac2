/**
 * `npm run bench`: the prefecture size (2,000 items, 10 fiscal years, 40 departments), measured on the real server.
 *
 *   1. loads the size into a PGlite folder (bench-data/prefecture, reused when already loaded; --fresh reloads);
 *   2. cold start: spawn `node dist/main.js` (built first, as `npm start` does) → first 200 from /healthz (best of 3);
 *   3. every scenario of SCENARIOS with autocannon (throughput: 20 connections × 10 s; latency: one request after another for 5 s and at least 3,
 *      signed in where the page is internal), then the server's resident memory (steady RSS);
 *   4. overload: the live board with 200 connections against a server limited to 4 requests in flight and 16
 *      waiting (MAX_IN_FLIGHT/MAX_QUEUE): the excess must get 503 + Retry-After, no socket errors, and the server
 *      must still answer afterwards;
 *   5. the same on PostgreSQL (DATABASE_URL, else a throwaway cluster as .ci/run makes one), unless --no-postgres;
 *   6. the 10,000-row xlsx import preview (bench/import-xlsx.ts);
 * and writes everything, with the command and the machine, into a marked block of bench/RESULTS.md.
 *
 *   node --import tsx bench/run.ts [--fresh] [--no-postgres] [--quick]
 *
 * With ONLY="public item page,public item JSON" (scenario names, or parts of them): only those scenarios, on PGlite
 * and (unless --no-postgres) PostgreSQL, printed with the server's RSS; no cold start, overload or import preview,
 * and bench/RESULTS.md is not written.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadInto, type Manifest } from "./load.js";
import { fill, LATENCY, ONLY, QUICK, type Row, runScenarios, THROUGHPUT, table } from "./scenarios.js";
import { machine, measure, ROOT, rssMb, startPostgres, startServer, writeResultsBlock } from "./support.js";

/** The server's memory is read again this long after the last scenario: "steady", not mid-burst. */
const STEADY_AFTER_MS = 6000;

/** The server's RSS right after the scenarios, and once it has been quiet a moment (src/ops/idle-memory.ts). */
async function rssAfterScenarios(pid: number): Promise<{ busy: number | null; steady: number | null }> {
  const busy = rssMb(pid);
  await new Promise((r) => setTimeout(r, STEADY_AFTER_MS));
  return { busy, steady: rssMb(pid) };
}

/** The bench block's memory line for one database. */
function memoryLine(r: { rss: number | null; rssBusy: number | null; rssIdle: number | null }): string {
  const met = r.rss !== null && r.rss < 300 ? "met" : "**not met**";
  return `- steady RSS of the server after the scenarios (${STEADY_AFTER_MS / 1000} s after the last request): **${r.rss} MB** (right after the last request ${r.rssBusy} MB; idle before the scenarios ${r.rssIdle} MB) — target < 300 MB: ${met}`;
}

const args = new Set(process.argv.slice(2));

async function coldStart(env: Record<string, string>, times = 3): Promise<{ best: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < times; i++) {
    const s = await startServer(env);
    all.push(s.startMs);
    await s.stop();
  }
  return { best: Math.min(...all), all };
}

/** Overload: many connections against a tightly limited server; counts 200/503, socket errors, and survival. */
async function overload(env: Record<string, string>, m: Manifest): Promise<string> {
  const server = await startServer({ ...env, MAX_IN_FLIGHT: "4", MAX_QUEUE: "16" });
  try {
    const url = `${server.url}${fill("/progress/rounds/{roundId}", m)}`;
    const r = await measure(url, { connections: 200, duration: QUICK ? 3 : 10, cookie: m.adminCookie });
    const retryAfter = await (async () => {
      // one more burst, each request on its own socket (fetch would pool them), to read a 503's Retry-After
      const statuses = await Promise.all(
        Array.from(
          { length: 100 },
          () =>
            new Promise<{ status: number; retry: string | undefined }>((resolve) => {
              const req = http.get(url, { headers: { cookie: m.adminCookie }, agent: false }, (res) => {
                res.resume();
                res.on("end", () =>
                  resolve({
                    status: res.statusCode ?? 0,
                    retry: res.headers["retry-after"] as string | undefined,
                  }),
                );
              });
              req.on("error", () => resolve({ status: 0, retry: undefined }));
            }),
        ),
      );
      return statuses.find((b) => b.status === 503)?.retry ?? "(no 503 in the burst)";
    })();
    // survival: the server answers 200 again once the excess is gone (within 30 s)
    let probe = { status: 0 };
    for (let i = 0; i < 30 && probe.status !== 200; i++) {
      if (i) await new Promise((r) => setTimeout(r, 1000));
      probe = await fetch(url, { headers: { cookie: m.adminCookie } }).then(
        async (r) => {
          await r.arrayBuffer();
          return r;
        },
        () => ({ status: 0 }),
      );
    }
    const alive = server.child.exitCode === null && probe.status === 200;
    const codes = Object.entries(r.statuses)
      .map(([k, v]) => `${k}: ${v.toLocaleString("en")}`)
      .join(", ");
    return (
      `200 connections × ${QUICK ? 3 : 10} s on the live board, MAX_IN_FLIGHT=4, MAX_QUEUE=16: ${r.total.toLocaleString("en")} answers (${codes}), ` +
      `socket errors/timeouts ${r.errors}, p99 ${r.p99} ms; Retry-After: ${retryAfter}; ` +
      `server ${alive ? "still serving (200 afterwards)" : "**NOT serving afterwards**"}, RSS ${rssMb(server.pid)} MB`
    );
  } finally {
    await server.stop();
  }
}

async function measureDatabase(
  db: "PGlite" | "PostgreSQL",
  env: Record<string, string>,
  m: Manifest,
  log: string[],
): Promise<{
  rows: Row[];
  cold: { best: number; all: number[] };
  rss: number | null;
  rssIdle: number | null;
  /** right after the last scenario, before the server has had a quiet moment */
  rssBusy: number | null;
  overload: string;
}> {
  const cold = await coldStart(env);
  log.push(`  ${db} cold start: best ${cold.best} ms of ${cold.all.join(", ")}`);
  console.log(log.at(-1));
  const server = await startServer(env);
  let rows: Row[];
  let rss: number | null;
  let rssIdle: number | null;
  let rssBusy: number | null;
  try {
    rssIdle = rssMb(server.pid);
    rows = await runScenarios(server, m, db, log);
    ({ busy: rssBusy, steady: rss } = await rssAfterScenarios(server.pid));
  } finally {
    await server.stop();
  }
  const over = await overload(env, m);
  log.push(`  ${db} overload: ${over}`);
  console.log(log.at(-1));
  return { rows, cold, rss, rssIdle, rssBusy, overload: over };
}

function importPreview(): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/import-xlsx.ts"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return (r.stdout || r.stderr).trim();
}

/** ONLY=…: the chosen scenarios on one database, printed, nothing written. */
async function only(db: "PGlite" | "PostgreSQL", env: Record<string, string>, m: Manifest): Promise<Row[]> {
  const server = await startServer(env);
  try {
    const rows = await runScenarios(server, m, db, []);
    const { busy, steady } = await rssAfterScenarios(server.pid);
    console.log(
      `  ${db} server RSS after the scenarios: ${busy} MB, ${STEADY_AFTER_MS / 1000} s later ${steady} MB`,
    );
    return rows;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const began = new Date();
  const t0 = performance.now();
  const log: string[] = [];
  const mach = machine();
  console.log(`bench: prefecture size; ${mach}`);

  // PGlite
  const dataDir = path.join(ROOT, "bench-data/prefecture");
  if (args.has("--fresh")) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const reused = existsSync(path.join(dataDir, "bench-manifest.json"));
  const m = await loadInto("prefecture", { dataDir });
  console.log(
    `loaded: ${m.items} items, ${m.entries} live entries (${reused ? "reused" : `${m.loadMs} ms`})`,
  );
  if (ONLY.length) {
    const rows = await only("PGlite", { DATA_DIR: dataDir }, m);
    if (!args.has("--no-postgres")) {
      const pg = await startPostgres();
      if ("error" in pg) console.log(`PostgreSQL: skipped: ${pg.error}`);
      else {
        const manifestDir = mkdtempSync(path.join(tmpdir(), "kyodo-bench-pgm-"));
        try {
          const pm = await loadInto("prefecture", { dataDir: manifestDir, url: pg.url });
          rows.push(...(await only("PostgreSQL", { DATABASE_URL: pg.url }, pm)));
        } finally {
          rmSync(manifestDir, { recursive: true, force: true });
          pg.stop();
        }
      }
    }
    console.log(`\n${table(rows)}\n\nONLY=${ONLY.join(",")}: bench/RESULTS.md not written.`);
    return;
  }
  const lite = await measureDatabase("PGlite", { DATA_DIR: dataDir }, m, log);

  // PostgreSQL
  let pgSection = "PostgreSQL: skipped (--no-postgres).";
  let pgRows: Row[] = [];
  if (!args.has("--no-postgres")) {
    const pg = await startPostgres();
    if ("error" in pg) pgSection = `PostgreSQL: skipped: ${pg.error}.`;
    else {
      const manifestDir = mkdtempSync(path.join(tmpdir(), "kyodo-bench-pgm-"));
      try {
        const pm = await loadInto("prefecture", { dataDir: manifestDir, url: pg.url });
        console.log(`loaded into PostgreSQL (${pg.note}) in ${pm.loadMs} ms`);
        const res = await measureDatabase("PostgreSQL", { DATABASE_URL: pg.url }, pm, log);
        pgRows = res.rows;
        pgSection = [
          `PostgreSQL (${pg.note}; loaded in ${(pm.loadMs / 1000).toFixed(1)} s through the use cases):`,
          `- cold start (spawn → first 200 from /healthz): best **${res.cold.best} ms** of ${res.cold.all.join(", ")} ms — target < 1 s: ${res.cold.best < 1000 ? "met" : "**not met**"}`,
          memoryLine(res),
          `- overload: ${res.overload}`,
        ].join("\n");
      } finally {
        rmSync(manifestDir, { recursive: true, force: true });
        pg.stop();
      }
    }
  }

  const preview = importPreview();
  console.log(preview);
  const totalS = Math.round((performance.now() - t0) / 1000);
  const block = `## ${began.toISOString().slice(0, 16).replace("T", " ")} UTC — \`npm run bench\`: prefecture size (issue 13)

Command: \`npm run bench\` (= \`node --import tsx bench/run.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(" ")}` : ""}\`), ${totalS} s in all.
Machine: ${mach}. Other engineers' test runs shared the 2 cores unless the load average above is near 0: treat
the figures as a lower bound and re-run when the machine is quiet.
Data: bench/generate.ts seed 20261123 — 1 organisation, 40 departments (one signed-in member each + an
administrator), a plan of ${m.items.toLocaleString("en")} items, 10 fiscal years of imported rounds (${(m.items * 10).toLocaleString("en")} entries), one live
round opened in the app (${m.entries.toLocaleString("en")} per-department entries, half saved as drafts). PGlite load: ${reused ? "reused folder" : `${(m.loadMs / 1000).toFixed(1)} s`}.
Server: the real one as \`npm start\` runs it, \`node dist/main.js\` (built by scripts/build.mjs) as a child process (LOG_LEVEL=warn, DEMO=0), autocannon from
this process on the same machine. Throughput rows: ${THROUGHPUT.connections} connections × ${THROUGHPUT.duration} s; latency rows: one request after another for ${LATENCY.duration} s (at least 3),
judged on the median (p99 shown).

${table([...lite.rows, ...pgRows])}

PGlite (DATA_DIR=bench-data/prefecture):
- cold start (spawn → first 200 from /healthz): best **${lite.cold.best} ms** of ${lite.cold.all.join(", ")} ms — target < 5 s: ${lite.cold.best < 5000 ? "met" : "**not met**"}
${memoryLine(lite)}
- overload: ${lite.overload}

${pgSection}

Import preview (\`bench/import-xlsx.ts\`, 10,000 rows):
\`\`\`
${preview}
\`\`\`
`;
  writeResultsBlock("bench", block);
  console.log(`bench: ${totalS} s; bench/RESULTS.md updated`);
}

await main();
