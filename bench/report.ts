/**
 * Benchmark: reports of a prefecture-size plan (bench/generate.ts: 2,000 items, 10 fiscal years, one progress
 * round per year = 20,000 entries). Setup imports the plan once into a PGlite data directory (bench/out/); then
 * each measurement runs in its own process so that peak RSS is that of one job (the in-process PGlite included,
 * as in the default deployment). Each job is timed end to end through `renderReport` (read from the database,
 * build the model, render): the first (cold) call and the median of 5 warm calls.
 * Targets (issue 10): HTML < 500 ms, xlsx < 3 s, memory < 300 MB.
 *
 * Each job is also timed without the database: the model built and rendered from data already read ("render only").
 * DATABASE_URL=postgres://… runs it on a PostgreSQL server instead (an empty database the bench may fill).
 *
 *   node --import tsx bench/report.ts        (npm run bench:report; BENCH_FRESH=1 to import again)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase, openDatabase } from "../src/db/client.js";
import { importPlanDocument } from "../src/plans/import-plan-document.js";
import { createOrg, person } from "../src/plans/plan.factories.js";
import { SYSTEM_ACTOR } from "../src/plans/plan-use-case.js";
import {
  buildReport,
  findReportLayout,
  type ReportFormat,
  renderModel,
  renderReport,
} from "../src/reports/index.js";
import { loadReportSource } from "../src/reports/load-report-source.js";
import { saveReportLayout } from "../src/reports/save-report-layout.js";
import { generatePlanDocument, SIZES } from "./generate.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, "out");
const DATA = path.join(OUT, "report-pglite");
const META = path.join(OUT, "report-meta.json");

type Meta = { planId: string; customLayoutId: string; setupMs: number };
const JOBS: { name: string; layout: "builtin-progress-list" | "custom"; format: ReportFormat }[] = [
  { name: "進捗状況一覧 (built-in) HTML", layout: "builtin-progress-list", format: "html" },
  { name: "進捗状況一覧 (built-in) xlsx", layout: "builtin-progress-list", format: "xlsx" },
  { name: "進捗状況一覧 (built-in) CSV Shift_JIS", layout: "builtin-progress-list", format: "csv-sjis" },
  { name: "custom PDCA + 10-year grid + 3 summaries HTML", layout: "custom", format: "html" },
  { name: "custom PDCA + 10-year grid + 3 summaries xlsx", layout: "custom", format: "xlsx" },
];

const open = () =>
  process.env.DATABASE_URL
    ? openDatabase({ url: process.env.DATABASE_URL })
    : openDatabase({ dataDir: DATA });

async function setup(): Promise<void> {
  rmSync(DATA, { recursive: true, force: true });
  const started = performance.now();
  const database = await open();
  await migrateDatabase(database);
  const { orgId } = await createOrg(database.db, { name: "ベンチマーク県" });
  const size = SIZES.prefecture;
  const doc = generatePlanDocument({
    items: size.items,
    years: size.years,
    departments: size.departments,
    seed: 1,
  });
  const imported = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, orgId, doc);
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const saved = await saveReportLayout({ db: database.db }, person(orgId, "admin"), imported.planId, {
    layoutId: null,
    version: 0,
    layout: {
      kind: "custom",
      name: "PDCA進捗シート",
      columns: [
        "label",
        "title",
        "tier",
        "departments",
        "schedule",
        "plan",
        "do",
        "check",
        "act",
        "status",
        "result",
      ],
      groupLevels: 2,
      summaries: ["tier", "status", "grade"],
    },
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  await database.close();
  const meta: Meta = {
    planId: imported.planId,
    customLayoutId: saved.row.id,
    setupMs: Math.round(performance.now() - started),
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(META, JSON.stringify(meta));
}

async function measure(job: number): Promise<void> {
  const meta = JSON.parse(readFileSync(META, "utf8")) as Meta;
  const j = JOBS[job]!;
  const database = await open();
  const rssOpen = process.resourceUsage().maxRSS / 1024;
  const run = async () => {
    const t = performance.now();
    const r = await renderReport(database.db, {
      planId: meta.planId,
      layoutId: j.layout === "custom" ? meta.customLayoutId : j.layout,
      format: j.format,
      audience: "internal",
    });
    if (!r.ok) throw new Error(r.message);
    return {
      ms: performance.now() - t,
      bytes: typeof r.body === "string" ? Buffer.byteLength(r.body) : r.body.length,
    };
  };
  // baseline: the process with the database open, before any report; peak: the highest RSS while the first report
  // runs (maxRSS, the kernel's high-water mark, so synchronous rendering between samples is counted too)
  const baseline = process.memoryUsage().rss / 2 ** 20;
  const maxBefore = process.resourceUsage().maxRSS / 1024;
  let sampled = baseline;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss / 2 ** 20);
  }, 5);
  const cold = await run();
  clearInterval(sampler);
  // the high-water mark counts only if the report raised it (opening PGlite may have peaked higher)
  const maxAfter = process.resourceUsage().maxRSS / 1024;
  const peakCold = maxAfter > maxBefore ? maxAfter : sampled;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await run()).ms);
  warm.sort((a, b) => a - b);
  // the report code alone: model and output from data already read
  const layoutId = j.layout === "custom" ? meta.customLayoutId : j.layout;
  const opts = { roundId: null, audience: "internal" as const };
  const src = (await loadReportSource(database.db, meta.planId, opts))!;
  const layout = (await findReportLayout(database.db, meta.planId, layoutId))!.layout;
  const renderOnly: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await renderModel(buildReport(src, layout, opts), j.format);
    renderOnly.push(performance.now() - t);
  }
  renderOnly.sort((a, b) => a - b);
  await database.close();
  process.stdout.write(
    JSON.stringify({
      cold: Math.round(cold.ms),
      warm: Math.round(warm[2]!),
      renderOnly: Math.round(renderOnly[2]!),
      bytes: cold.bytes,
      rssOpen: Math.round(rssOpen),
      baseline: Math.round(baseline),
      peakCold: Math.round(peakCold),
      rss: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

async function main() {
  const [mode, arg] = process.argv.slice(2);
  if (mode === "setup") return setup();
  if (mode === "measure") return measure(Number(arg));
  const self = fileURLToPath(import.meta.url);
  const child = (...args: string[]) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", self, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  if (!existsSync(META) || process.env.BENCH_FRESH) {
    console.log("setting up: importing the 2,000-item plan with 10 rounds (20,000 entries) …");
    child("setup");
  }
  const meta = JSON.parse(readFileSync(META, "utf8")) as Meta;
  console.log(`setup (import) took ${meta.setupMs} ms`);
  console.log(
    `load average before: ${(await import("node:os"))
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    "| report | cold | warm (median of 5) | render only (median of 5) | size | baseline RSS | peak RSS during the first report (increase) | peak RSS over all runs |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (let i = 0; i < JOBS.length; i++) {
    const m = JSON.parse(child("measure", String(i)));
    console.log(
      `| ${JOBS[i]!.name} | ${m.cold} ms | ${m.warm} ms | ${m.renderOnly} ms | ${(m.bytes / 1024).toFixed(0)} KB | ${m.baseline} MB | ${m.peakCold} MB (+${m.peakCold - m.baseline} MB) | ${m.rss} MB |`,
    );
  }
}

await main();
