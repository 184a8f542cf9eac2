/**
 * `npm run bench:directus`: the same read scenarios against Directus 11.3.5 on SQLite (the last version that runs
 * on Node 20), as a peer, reported as a ratio to Kyōdō on PGlite with the same 2,000 items and their progress.
 *
 * Directus is installed OUTSIDE the repository ($DIRECTUS_DIR, default /tmp/kyodo-directus) with `npm install`;
 * no Directus code enters this repository. When it cannot be installed or started, the script says why, writes
 * that into bench/RESULTS.md and exits 0 (a skipped peer is not a failure of Kyōdō).
 *
 *   node --import tsx bench/directus.ts [--quick]
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generatePlanDocument } from "./generate.js";
import { loadInto } from "./load.js";
import { QUICK, THROUGHPUT } from "./scenarios.js";
import {
  freePort,
  type Measured,
  machine,
  measure,
  ROOT,
  startServer,
  writeResultsBlock,
} from "./support.js";

const DIR = process.env.DIRECTUS_DIR ?? "/tmp/kyodo-directus";
const VERSION = "11.3.5";

function install(): string | null {
  const bin = path.join(DIR, "node_modules/.bin/directus");
  if (existsSync(bin)) return null;
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(path.join(DIR, "package.json")))
    writeFileSync(path.join(DIR, "package.json"), '{ "name": "kyodo-directus-peer", "private": true }\n');
  try {
    execFileSync("npm", ["install", "--save-exact", "--no-audit", "--no-fund", `directus@${VERSION}`], {
      cwd: DIR,
      stdio: "pipe",
      timeout: 15 * 60_000,
    });
  } catch (err) {
    return `npm install directus@${VERSION} failed: ${String((err as { stderr?: Buffer }).stderr ?? err)
      .split("\n")
      .filter((l) => /ERR/.test(l))
      .slice(0, 3)
      .join(" ")}`;
  }
  return existsSync(bin) ? null : "npm install finished but node_modules/.bin/directus is missing";
}

async function main(): Promise<number> {
  const began = new Date();
  const mach = machine();
  const skipped = (why: string) => {
    console.log(`bench:directus: skipped: ${why}`);
    writeResultsBlock(
      "bench:directus",
      `## ${began.toISOString().slice(0, 16).replace("T", " ")} UTC — \`npm run bench:directus\`: peer comparison skipped\n\nDirectus ${VERSION} on SQLite could not be measured: ${why}.\n`,
    );
    return 0;
  };
  const problem = install();
  if (problem) return skipped(problem);

  const port = await freePort();
  const dbFile = path.join(DIR, "bench.db");
  rmSync(dbFile, { force: true });
  const email = "admin@bench.kyodo.jp";
  const password = "kyodo-bench-password";
  const env = {
    ...process.env,
    DB_CLIENT: "sqlite3",
    DB_FILENAME: dbFile,
    KEY: "kyodo-bench-key",
    SECRET: "kyodo-bench-secret-kyodo-bench-secret",
    ADMIN_EMAIL: email,
    ADMIN_PASSWORD: password,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn",
    TELEMETRY: "false",
    RATE_LIMITER_ENABLED: "false",
    CACHE_ENABLED: "false",
  };
  const bin = path.join(DIR, "node_modules/.bin/directus");
  try {
    execFileSync(bin, ["bootstrap"], { cwd: DIR, env, stdio: "pipe", timeout: 5 * 60_000 });
  } catch (err) {
    return skipped(
      `directus bootstrap failed: ${String((err as { stderr?: Buffer }).stderr ?? err)
        .split("\n")
        .slice(0, 3)
        .join(" ")}`,
    );
  }
  const child = spawn(bin, ["start"], { cwd: DIR, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const t0 = performance.now();
    for (;;) {
      if (child.exitCode !== null) return skipped(`directus start exited: ${stderr.slice(0, 300)}`);
      if (performance.now() - t0 > 120_000) return skipped("directus did not answer /server/health in 120 s");
      try {
        if ((await fetch(`${base}/server/health`)).ok) break;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const directusStartMs = Math.round(performance.now() - t0);
    const api = async (method: string, p: string, body?: unknown, token?: string) => {
      const res = await fetch(`${base}${p}`, {
        method,
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
      return text ? (JSON.parse(text) as { data: unknown }) : { data: null };
    };
    const login = (await api("POST", "/auth/login", { email, password })).data as { access_token: string };
    const session = login.access_token;
    const staticToken = "kyodo-bench-static-token";
    await api("PATCH", "/users/me", { token: staticToken }, session);
    const field = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
      field: name,
      type,
      schema: {},
      meta: {},
      ...extra,
    });
    await api(
      "POST",
      "/collections",
      {
        collection: "bench_items",
        schema: {},
        meta: {},
        fields: [
          {
            field: "id",
            type: "integer",
            schema: { is_primary_key: true, has_auto_increment: true },
            meta: {},
          },
          field("label", "string"),
          field("title", "string"),
          field("content", "text"),
          field("tier_code", "string"),
          field("department", "string"),
        ],
      },
      session,
    );
    await api(
      "POST",
      "/collections",
      {
        collection: "bench_progress",
        schema: {},
        meta: {},
        fields: [
          {
            field: "id",
            type: "integer",
            schema: { is_primary_key: true, has_auto_increment: true },
            meta: {},
          },
          field("item", "integer", {
            schema: { foreign_key_table: "bench_items", foreign_key_column: "id" },
          }),
          field("fiscal_year", "integer"),
          field("status_label", "string"),
          field("result", "text"),
        ],
      },
      session,
    );
    // the same 2,000 items and 10 years of progress as the prefecture size
    const doc = generatePlanDocument({ items: 2000, years: 10, departments: 40, seed: 20261123 });
    const items = doc.nodes.flatMap((c) => c.children.flatMap((s) => s.children));
    const loadT0 = performance.now();
    for (let i = 0; i < items.length; i += 500)
      await api(
        "POST",
        "/items/bench_items",
        items.slice(i, i + 500).map((n) => ({
          label: n.label,
          title: n.title,
          content: n.content,
          tier_code: n.tierCode,
          department: n.departments[0] ?? null,
        })),
        session,
      );
    const idOfKey = new Map(items.map((n, i) => [n.key, i + 1]));
    const progress = doc.rounds.flatMap((r) =>
      r.entries.map((e) => ({
        item: idOfKey.get(e.nodeKey),
        fiscal_year: r.fiscalYear,
        status_label: e.statusLabel,
        result: e.result,
      })),
    );
    for (let i = 0; i < progress.length; i += 1000)
      await api("POST", "/items/bench_progress", progress.slice(i, i + 1000), session);
    const loadMs = Math.round(performance.now() - loadT0);

    const auth = { authorization: `Bearer ${staticToken}` };
    const measureDirectus = (p: string) =>
      measureWith(`${base}${p}`, auth).catch((err: Error) => ({ error: err.message }) as const);
    const dItem = await measureDirectus("/items/bench_items/1000");
    const dProgress = await measureDirectus(
      "/items/bench_progress?filter[item][_eq]=1000&sort=fiscal_year&limit=-1",
    );
    child.kill("SIGTERM");

    // Kyōdō on PGlite, same machine, same run, the same reads
    const dataDir = path.join(ROOT, "bench-data/prefecture");
    const m = await loadInto("prefecture", { dataDir });
    const kyodo = await startServer({ DATA_DIR: dataDir });
    const k: Record<string, { path: string; r: Measured | { error: string } }> = {};
    try {
      const tryPaths = async (label: string, candidates: { path: string; cookie?: string }[]) => {
        for (const c of candidates) {
          const res = await fetch(`${kyodo.url}${c.path}`, { headers: c.cookie ? { cookie: c.cookie } : {} });
          await res.arrayBuffer();
          if (res.status === 200) {
            k[label] = {
              path: c.path,
              r: await measureWith(`${kyodo.url}${c.path}`, c.cookie ? { cookie: c.cookie } : {}),
            };
            return;
          }
        }
        k[label] = {
          path: candidates.map((c) => c.path).join(" | "),
          r: { error: "no candidate answered 200" },
        };
      };
      await tryPaths("item", [
        { path: `/public/plans/${m.planId}/items/${m.nodeId}.json` },
        { path: `/progress/entries/${m.entryId}`, cookie: m.departmentCookie },
      ]);
      await tryPaths("progress", [
        { path: `/public/plans/${m.planId}/items/${m.nodeId}/progress.json` },
        { path: `/public/plans/${m.planId}/items/${m.nodeId}.json` },
        { path: `/progress/entries/${m.entryId}`, cookie: m.departmentCookie },
      ]);
    } finally {
      await kyodo.stop();
    }

    const fmt = (r: Measured | { error: string }) =>
      "error" in r
        ? `error: ${r.error}`
        : `${r.rps.toLocaleString("en")} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}`;
    const ratio = (a: Measured | { error: string }, b: Measured | { error: string }) =>
      "error" in a || "error" in b ? "—" : `×${(a.rps / Math.max(b.rps, 1)).toFixed(2)}`;
    const block = `## ${began.toISOString().slice(0, 16).replace("T", " ")} UTC — \`npm run bench:directus\`: peer comparison with Directus ${VERSION} on SQLite (issue 13)

Command: \`npm run bench:directus\` (= \`node --import tsx bench/directus.ts${QUICK ? " --quick" : ""}\`). Machine: ${mach}.
Directus ${VERSION} installed with npm in ${DIR} (outside the repository), SQLite, cache and rate limiter off, a
static admin token; started in ${directusStartMs} ms; 2,000 items and 20,000 progress rows (the prefecture size's)
loaded through its REST API in ${(loadMs / 1000).toFixed(1)} s. Kyōdō: the real server on PGlite (bench-data/prefecture),
as \`npm start\` runs it: its public JSON comes from its page cache (decision 0019), while Directus's cache is off (its default).
Both: autocannon, ${THROUGHPUT.connections} connections × ${THROUGHPUT.duration} s, one after the other on the same machine.

| read | Directus | Kyōdō | Kyōdō / Directus (req/s) |
| --- | --- | --- | --- |
| item by id — Directus \`/items/bench_items/1000\`; Kyōdō \`${k.item?.path.replace(/[0-9a-f-]{36}/g, "…")}\` | ${fmt(dItem)} | ${fmt(k.item!.r)} | ${ratio(k.item!.r, dItem)} |
| item progress JSON — Directus \`/items/bench_progress?filter[item][_eq]=1000\`; Kyōdō \`${k.progress?.path.replace(/[0-9a-f-]{36}/g, "…")}\` | ${fmt(dProgress)} | ${fmt(k.progress!.r)} | ${ratio(k.progress!.r, dProgress)} |

Directus renders no HTML: its item read is the peer of Kyōdō's public item JSON; Kyōdō's HTML item page is in the
\`npm run bench\` block. Directus reads with a static admin token (no public-role permissions were set up).
`;
    writeResultsBlock("bench:directus", block);
    console.log(block);
    return 0;
  } catch (err) {
    return skipped(`${(err as Error).message}`);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}

async function measureWith(url: string, headers: Record<string, string>): Promise<Measured> {
  const cookie = headers.cookie;
  if (cookie) return measure(url, { ...THROUGHPUT, cookie });
  // autocannon headers other than the cookie
  const autocannon = (await import("autocannon")).default;
  const r = await autocannon({ url, ...THROUGHPUT, headers, timeout: 30 });
  const statuses: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.statusCodeStats ?? {})) statuses[k] = Number(v.count);
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    statuses,
  };
}

process.exitCode = await main();
