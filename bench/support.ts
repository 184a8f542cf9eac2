/**
 * What the benchmark scripts share: a free port, the real server as a child process (as in production: the command
 * of `npm start`, read from package.json, on dist/ built as `npm start` builds it), a throwaway PostgreSQL cluster, autocannon runs, and the server's RSS.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type Server = {
  url: string;
  pid: number;
  startMs: number;
  child: ChildProcess;
  stop(): Promise<void>;
};

/** Spawns the server and waits for the first 200 from /healthz; startMs = spawn → that answer. */
let built = false;
/** The server as deployed: `npm start` builds dist/ (scripts/build.mjs) and runs `node … dist/main.js`. Built once per run. */
export function buildServer(): void {
  if (built) return;
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "pipe" });
  built = true;
}

/**
 * The server command of `npm start`, read from package.json: what follows its build step, i.e. environment
 * assignments (MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_), `node`, its flags, `dist/main.js`. The benchmarks run exactly that, so the memory
 * and speed they report are those of the deployed command, and its settings live in one place.
 */
export function startCommand(): { env: Record<string, string>; args: string[] } {
  const start: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start;
  const words = (start.split("&&").at(-1) ?? "").trim().split(/\s+/);
  const env: Record<string, string> = {};
  for (let w = words[0]; w && /^[A-Z_][A-Z0-9_]*=/.test(w); w = words[0]) {
    words.shift();
    env[w.slice(0, w.indexOf("="))] = w.slice(w.indexOf("=") + 1);
  }
  if (words.shift() !== "node" || words.at(-1) !== "dist/main.js")
    throw new Error(`cannot read the server command from package.json's "start" script: ${start}`);
  return { env, args: words };
}

export async function startServer(env: Record<string, string>, timeoutMs = 300_000): Promise<Server> {
  buildServer();
  const command = startCommand();
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, command.args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...command.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DEMO: "0",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${stderr}`);
    if (performance.now() - t0 > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer /healthz in ${timeoutMs} ms: ${stderr}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const startMs = Math.round(performance.now() - t0);
  return {
    url,
    pid: child.pid!,
    startMs,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** Resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export type Measured = {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
};

export async function measure(
  url: string,
  opts: { connections: number; duration: number; cookie?: string; paths?: string[] },
): Promise<Measured> {
  const r = await autocannon({
    url,
    // several paths: each connection requests them in turn
    ...(opts.paths?.length ? { requests: opts.paths.map((p) => ({ method: "GET", path: p })) } : {}),
    connections: opts.connections,
    duration: opts.duration,
    timeout: 30,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
  });
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

export type Postgres = { url: string; stop(): void; note: string };

/**
 * DATABASE_URL when set (the caller's server; not stopped), else a throwaway cluster like .ci/run's
 * (initdb as the postgres user, fsync off, on a free port), or null with the reason when that is impossible.
 */
export async function startPostgres(): Promise<Postgres | { error: string }> {
  if (process.env.DATABASE_URL)
    return { url: process.env.DATABASE_URL, stop: () => {}, note: "DATABASE_URL" };
  const bins = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];
  const bin = bins.find((b) => existsSync(path.join(b, "initdb")));
  if (!bin) return { error: "no PostgreSQL binaries under /usr/lib/postgresql" };
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "kyodo-bench-pg-"));
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], { stdio: "pipe" })
      : execFileSync(path.join(bin, cmd), args, { stdio: "pipe" });
  try {
    if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
    const port = await freePort();
    run("initdb", ["-D", `${dir}/data`, "-U", "app", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    run("pg_ctl", [
      "-D",
      `${dir}/data`,
      "-l",
      `${dir}/log`,
      "-w",
      "start",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB`,
    ]);
    execFileSync(path.join(bin, "psql"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-U",
      "app",
      "-d",
      "postgres",
      "-qc",
      "create database app",
    ]);
    const stop = () => {
      try {
        run("pg_ctl", ["-D", `${dir}/data`, "-m", "fast", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    };
    return {
      url: `postgres://app@127.0.0.1:${port}/app`,
      stop,
      note: `throwaway cluster (${bin}, fsync off)`,
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { error: `cannot start a throwaway PostgreSQL: ${(err as Error).message.split("\n")[0]}` };
  }
}

export function machine(): string {
  const cpus = (() => {
    try {
      return execFileSync("nproc", { encoding: "utf8" }).trim();
    } catch {
      return "?";
    }
  })();
  const memGb = Math.round(
    Number(/MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0) / 1024 / 1024,
  );
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  return `${cpus} cores, ${memGb} GiB, Node ${process.version}, load average at start ${load}`;
}

/**
 * Latency of a page at light load: one request after another for `duration` seconds and at least `min` requests
 * (a page slower than the duration still gets measured), with the body read to its end.
 */
export async function latency(
  url: string,
  opts: { duration: number; cookie?: string; min?: number },
): Promise<Measured> {
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < opts.duration * 1000 || samples.length < (opts.min ?? 3)) {
    const s = performance.now();
    try {
      const res = await fetch(url, {
        headers: opts.cookie ? { cookie: opts.cookie } : {},
        redirect: "manual",
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    } catch {
      errors++;
    }
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!);
  const elapsed = (performance.now() - t0) / 1000;
  return {
    rps: Math.round((samples.length / elapsed) * 10) / 10,
    p50: at(0.5),
    p99: at(0.99),
    max: Math.round(samples.at(-1)!),
    total: samples.length,
    non2xx: Object.entries(statuses).reduce((n, [k, v]) => (k.startsWith("2") ? n : n + v), 0),
    errors,
    statuses,
  };
}

/**
 * Replaces the marked block `<!-- npm run <command>: start -->` … `end -->` of bench/RESULTS.md with `block`, or
 * adds it, newest first, under "Newest first." (at the end when that line is missing).
 */
export function writeResultsBlock(command: string, block: string): void {
  const file = path.join(ROOT, "bench/RESULTS.md");
  const start = `<!-- npm run ${command}: start -->`;
  const end = `<!-- npm run ${command}: end -->`;
  let text = readFileSync(file, "utf8");
  const marked = `${start}\n${block.trim()}\n${end}`;
  if (text.includes(start) && text.includes(end))
    text = text.slice(0, text.indexOf(start)) + marked + text.slice(text.indexOf(end) + end.length);
  else {
    const anchor = "Newest first.\n";
    const at = text.indexOf(anchor);
    text =
      at >= 0
        ? `${text.slice(0, at + anchor.length)}\n${marked}\n${text.slice(at + anchor.length)}`
        : `${text}\n${marked}\n`;
  }
  writeFileSync(file, text);
}
