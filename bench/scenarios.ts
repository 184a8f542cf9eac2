/**
 * The read scenarios of the benchmarks, one line each, and how they are measured and reported (bench/run.ts for the
 * prefecture, bench/national.ts for the national size). To add a page: one line in SCENARIOS.
 */
import type { Manifest } from "./load.js";
import { latency, type Measured, measure, type Server } from "./support.js";

export const QUICK = process.argv.includes("--quick");
export const THROUGHPUT = { connections: 20, duration: QUICK ? 3 : 10 };
export const LATENCY = { connections: 1, duration: QUICK ? 2 : 5 };
/**
 * ONLY="public item page,public item JSON": just the scenarios whose name contains one of these (comma-separated,
 * as written in SCENARIOS). bench/run.ts then measures nothing else and leaves bench/RESULTS.md alone.
 */
export const ONLY = (process.env.ONLY ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const selected = (s: Scenario) => ONLY.length === 0 || ONLY.some((o) => s.name.includes(o));

type Who = "public" | "admin" | "department";
/**
 * The read scenarios, one line each. `{planId}`, `{nodeId}`, `{roundId}`, `{entryId}` come from the loaded data.
 * `optional`: the route belongs to a capability that may not be merged yet; a 404 is reported, not failed.
 */
export type Scenario = {
  name: string;
  path: string;
  who: Who;
  kind: "throughput" | "latency";
  /** throughput: minimum req/s and maximum p99; latency: maximum p50 (p99 shown) */
  target?: { rps?: number; p99?: number; p50?: number };
  optional?: boolean;
  /** request every published item of the plan in turn (`{nodeId}` taken from the plan's data.json), not one */
  everyItem?: boolean;
};
export const SCENARIOS: Scenario[] = [
  { name: "health check (baseline)", path: "/healthz", who: "public", kind: "throughput" },
  {
    name: "public item page",
    path: "/public/plans/{planId}/items/{nodeId}",
    who: "public",
    kind: "throughput",
    target: { rps: 2000, p99: 50 },
    optional: true,
  },
  {
    name: "public item pages, every item in turn",
    path: "/public/plans/{planId}/items/{nodeId}",
    who: "public",
    kind: "throughput",
    everyItem: true,
    optional: true,
  },
  {
    name: "public item JSON",
    path: "/public/plans/{planId}/items/{nodeId}.json",
    who: "public",
    kind: "throughput",
    target: { rps: 2000, p99: 50 },
    optional: true,
  },
  {
    name: "department entry page (signed in)",
    path: "/progress/entries/{entryId}",
    who: "department",
    kind: "throughput",
  },
  {
    name: "department to-do (/progress)",
    path: "/progress",
    who: "department",
    kind: "latency",
    target: { p50: 50 },
  },
  {
    name: "live board (round page)",
    path: "/progress/rounds/{roundId}",
    who: "admin",
    kind: "latency",
    target: { p50: 100 },
  },
  {
    name: "live board as a department",
    path: "/progress/rounds/{roundId}",
    who: "department",
    kind: "latency",
    target: { p50: 100 },
  },
  { name: "plan page (whole tree)", path: "/plans/{planId}", who: "admin", kind: "latency" },
  { name: "indicators page", path: "/plans/{planId}/indicators", who: "admin", kind: "latency" },
  {
    name: "HTML report",
    path: "/plans/{planId}/reports/{layoutId}",
    who: "admin",
    kind: "latency",
    target: { p50: 500 },
    optional: true,
  },
  {
    name: "xlsx report",
    path: "/plans/{planId}/reports/{layoutId}.xlsx",
    who: "admin",
    kind: "latency",
    target: { p50: 3000 },
    optional: true,
  },
];

export type Row = { db: string; scenario: Scenario; url: string; m?: Measured; note?: string };

export function fill(p: string, m: Manifest): string {
  const values: Record<string, string> = {
    planId: m.planId,
    nodeId: m.nodeId,
    roundId: m.roundId,
    entryId: m.entryId,
    layoutId: process.env.BENCH_LAYOUT_ID ?? "builtin-progress-list",
  };
  return p.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

/** The scenario's path for every item of the published plan, from its open data. */
async function everyItemPath(server: Server, m: Manifest, s: Scenario): Promise<string[]> {
  const res = await fetch(`${server.url}/public/plans/${m.planId}/data.json`);
  const data = (await res.json()) as { items: { item_id: string }[] };
  // one row per item and fiscal year: each item once
  return [...new Set(data.items.map((i) => i.item_id))].map((nodeId) => fill(s.path, { ...m, nodeId }));
}

export async function runScenarios(server: Server, m: Manifest, db: string, log: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const s of SCENARIOS.filter(selected)) {
    const url = `${server.url}${fill(s.path, m)}`;
    const cookie =
      s.who === "admin" ? m.adminCookie : s.who === "department" ? m.departmentCookie : undefined;
    const probe = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    await probe.arrayBuffer();
    if (probe.status !== 200) {
      rows.push({
        db,
        scenario: s,
        url,
        note: `HTTP ${probe.status}${s.optional ? " (route not merged yet?)" : ""}`,
      });
      log.push(`  ${db} ${s.name}: HTTP ${probe.status}, skipped`);
      continue;
    }
    const paths = s.everyItem ? await everyItemPath(server, m, s) : undefined;
    const r =
      s.kind === "throughput"
        ? await measure(url, { ...THROUGHPUT, cookie, paths })
        : await latency(url, { duration: LATENCY.duration, cookie });
    rows.push({ db, scenario: s, url, m: r });
    log.push(
      `  ${db} ${s.name}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`,
    );
    console.log(log.at(-1));
  }
  return rows;
}

export function verdict(row: Row): string {
  const t = row.scenario.target;
  if (!t) return "";
  if (!row.m) return "not measured";
  const ok =
    (t.rps === undefined || row.m.rps >= t.rps) &&
    (t.p99 === undefined || row.m.p99 < t.p99) &&
    (t.p50 === undefined || row.m.p50 < t.p50) &&
    row.m.non2xx === 0 &&
    row.m.errors === 0;
  return ok ? "met" : "**not met**";
}

export function targetText(s: Scenario): string {
  const t = s.target;
  if (!t) return "—";
  const parts: string[] = [];
  if (t.rps) parts.push(`≥ ${t.rps.toLocaleString("en")} req/s`);
  if (t.p99) parts.push(`p99 < ${t.p99} ms`);
  if (t.p50) parts.push(`p50 < ${t.p50} ms`);
  return parts.join(", ");
}

export function table(rows: Row[]): string {
  const lines = [
    "| database | scenario | kind | req/s | p50 ms | p99 ms | non-2xx / errors | target | |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    const s = r.scenario;
    const kind =
      s.kind === "throughput"
        ? `${THROUGHPUT.connections} conn × ${THROUGHPUT.duration} s`
        : `sequential, ${LATENCY.duration} s (≥ 3)`;
    if (!r.m) {
      lines.push(
        `| ${r.db} | ${s.name} \`${s.path}\` | ${kind} | — | — | — | ${r.note} | ${targetText(s)} | not measured |`,
      );
      continue;
    }
    lines.push(
      `| ${r.db} | ${s.name} \`${s.path}\` | ${kind} | ${r.m.rps.toLocaleString("en")} | ${r.m.p50} | ${r.m.p99} | ${r.m.non2xx} / ${r.m.errors} | ${targetText(s)} | ${verdict(r)} |`,
    );
  }
  return lines.join("\n");
}
