/**
 * `npm run bench:national`: the national size on PostgreSQL, side by side with the prefecture size on the same
 * server, so the ratio says whether the hot queries stay within one organisation's rows.
 *
 *   1. a throwaway PostgreSQL cluster (or DATABASE_URL's server: two databases are created beside it);
 *   2. database "pref": the prefecture size through the use cases (bench/load.ts);
 *   3. database "nat": one organisation of the national shape (280 items, 10 fiscal years, 20 departments) through
 *      the use cases, then copied 1,787 times inside PostgreSQL (INSERT … SELECT, every id remapped with
 *      md5(id ‖ copy)) → 1,788 organisations, ~500,000 items, ~5.5 million progress entries; then ANALYZE;
 *   4. the scenarios of bench/scenarios.ts on both, measured for an organisation in the middle of the national
 *      data (copy 894), and the ratio national / prefecture;
 *   5. EXPLAIN (ANALYZE, BUFFERS) of every SELECT of the hot pages on the national data (bench/profile.ts);
 * and writes a marked block into bench/RESULTS.md.
 *
 *   node --import tsx bench/national.ts [--organisations 1788] [--quick] [--reuse]
 *
 * --reuse (with DATABASE_URL naming a server that outlives the run): the first run keeps the ids of what it
 * loaded in bench-data/national/manifests.json; later runs measure the databases already there (migrated to the
 * current schema by the server at start) instead of loading them again (the load takes ~20 minutes here).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { migrateDatabase, openDatabase } from "../src/db/client.js";
import { loadInto, loadSize, type Manifest, newSessionCookie } from "./load.js";
import { type Row, runScenarios, table } from "./scenarios.js";
import { machine, ROOT, startPostgres, startServer, writeResultsBlock } from "./support.js";

const argv = process.argv.slice(2);
const ORGS = argv.includes("--organisations") ? Number(argv[argv.indexOf("--organisations") + 1]) : 1788;
const MIDDLE = Math.max(1, Math.floor(ORGS / 2));
const REUSE = argv.includes("--reuse") && Boolean(process.env.DATABASE_URL);
const SAVED = path.join(ROOT, "bench-data/national/manifests.json");
type Loaded = {
  prefUrl: string;
  natUrl: string;
  prefM: Manifest;
  natM: Manifest;
  template: Manifest;
  copyMs: number;
  loadedAt: string;
};

/** Valid 全国地方公共団体コード (5 digits + check digit) for the copies: municipalities 01100 upward. */
function codes(n: number): string[] {
  const out: string[] = [];
  for (let k = 1100; out.length < n; k++) {
    const five = String(k).padStart(5, "0");
    if (five.endsWith("000")) continue;
    const sum = [...five].reduce((s, d, i) => s + Number(d) * (6 - i), 0);
    out.push(`${five}${(11 - (sum % 11)) % 10}`);
  }
  return out;
}

/** How the rows of one table that belong to the template organisation are found. */
const TABLES: { table: string; where: string; special?: Record<string, string> }[] = [
  { table: "organisations", where: "t.id = $org", special: { code: "c.code", name: "t.name || c.n" } },
  { table: "departments", where: "t.org_id = $org" },
  { table: "department_names", where: "t.department_id in (select id from departments where org_id = $org)" },
  { table: "users", where: "t.org_id = $org", special: { email: "'c' || c.n || '-' || t.email" } },
  { table: "user_departments", where: "t.user_id in (select id from users where org_id = $org)" },
  { table: "plans", where: "t.org_id = $org" },
  { table: "plan_nodes", where: "t.plan_id in (select id from plans where org_id = $org)" },
  {
    table: "plan_node_departments",
    where:
      "t.node_id in (select n.id from plan_nodes n join plans p on p.id = n.plan_id where p.org_id = $org)",
  },
  // published, as the template's plan is (bench/load.ts), so the public pages can be measured for every copy
  { table: "plan_publications", where: "t.plan_id in (select id from plans where org_id = $org)" },
  { table: "progress_rounds", where: "t.org_id = $org" },
  { table: "progress_entries", where: "t.round_id in (select id from progress_rounds where org_id = $org)" },
  {
    table: "progress_entry_versions",
    where:
      "t.entry_id in (select e.id from progress_entries e join progress_rounds r on r.id = e.round_id where r.org_id = $org and r.origin = 'app')",
  },
];

async function copyOrganisation(url: string, orgId: string, copies: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t0 = performance.now();
  try {
    const all = codes(copies);
    for (const { table: name, where, special } of TABLES) {
      const cols = (
        await client.query<{ column_name: string; data_type: string }>(
          "select column_name, data_type from information_schema.columns where table_name = $1 and table_schema = 'public' order by ordinal_position",
          [name],
        )
      ).rows;
      const list = cols.map((c) => `"${c.column_name}"`).join(", ");
      const exprs = cols
        .map((c) =>
          special?.[c.column_name]
            ? special[c.column_name]
            : c.data_type === "uuid"
              ? `md5(t."${c.column_name}"::text || ':' || c.n)::uuid`
              : `t."${c.column_name}"`,
        )
        .join(", ");
      const t1 = performance.now();
      let rows = 0;
      const batch = 100;
      for (let from = 0; from < copies; from += batch) {
        const slice = all.slice(from, from + batch);
        const r = await client.query(
          `insert into "${name}" (${list}) select ${exprs} from "${name}" t cross join (select code, n + ${from} as n from unnest($1::text[]) with ordinality as x(code, n)) c where ${where.replaceAll("$org", "$2")}`,
          [slice, orgId],
        );
        rows += r.rowCount ?? 0;
      }
      console.log(
        `  copied ${name}: ${rows.toLocaleString("en")} rows in ${Math.round(performance.now() - t1)} ms`,
      );
    }
    await client.query("analyze");
  } finally {
    await client.end();
  }
  return Math.round(performance.now() - t0);
}

async function createDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The manifest of copy `n`: the same ids remapped as the copy remapped them, and fresh sessions. */
async function manifestOfCopy(url: string, m: Manifest, n: number): Promise<Manifest> {
  const database = await openDatabase({ url });
  try {
    const map = async (id: string) => {
      const r = (await database.db.execute(
        sql`select md5(${id} || ':' || ${n})::uuid::text as id`,
      )) as unknown as {
        rows: { id: string }[];
      };
      return r.rows[0]!.id;
    };
    const users = (await database.db.execute(
      sql`select id::text, email from users where email in (${`c${n}-${m.adminEmail}`}, ${`c${n}-${m.departmentEmail}`})`,
    )) as unknown as { rows: { id: string; email: string }[] };
    const admin = users.rows.find((u) => u.email.endsWith(m.adminEmail))!;
    const member = users.rows.find((u) => u.email.endsWith(m.departmentEmail))!;
    return {
      ...m,
      orgId: await map(m.orgId),
      planId: await map(m.planId),
      roundId: await map(m.roundId),
      entryId: await map(m.entryId),
      nodeId: await map(m.nodeId),
      adminEmail: admin.email,
      departmentEmail: member.email,
      adminCookie: await newSessionCookie(database, admin.id),
      departmentCookie: await newSessionCookie(database, member.id),
    };
  } finally {
    await database.close();
  }
}

async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const out: Record<string, number> = {};
  for (const [k, q] of Object.entries({
    organisations: "select count(*) from organisations",
    items: "select count(*) from plan_nodes where kind = 'item'",
    "progress entries": "select count(*) from progress_entries",
    "database size (MB)": "select pg_database_size(current_database()) / 1048576",
  }))
    out[k] = Number(
      (await client.query(q)).rows[0].count ?? Object.values((await client.query(q)).rows[0])[0],
    );
  await client.end();
  return out;
}

function ratioTable(pref: Row[], nat: Row[]): string {
  const lines = [
    "| scenario | prefecture p50 / p99 ms | national p50 / p99 ms | ratio p50 | within 2× |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const p of pref) {
    const n = nat.find((x) => x.scenario === p.scenario);
    if (!p.m || !n?.m) {
      lines.push(`| ${p.scenario.name} | ${p.note ?? "—"} | ${n?.note ?? "—"} | — | — |`);
      continue;
    }
    const ratio = n.m.p50 / Math.max(p.m.p50, 0.5);
    lines.push(
      `| ${p.scenario.name} | ${p.m.p50} / ${p.m.p99} | ${n.m.p50} / ${n.m.p99} | ×${ratio.toFixed(2)} | ${ratio <= 2 ? "yes" : "**no**"} |`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const began = new Date();
  const t0 = performance.now();
  const mach = machine();
  console.log(`bench:national: ${ORGS} organisations; ${mach}`);
  const server = await startPostgres();
  if ("error" in server) {
    console.error(`bench:national: ${server.error}`);
    return 2;
  }
  const tmp = mkdtempSync(path.join(tmpdir(), "kyodo-national-"));
  try {
    let loaded: Loaded;
    if (REUSE && existsSync(SAVED)) {
      loaded = JSON.parse(readFileSync(SAVED, "utf8")) as Loaded;
      console.log(`reusing the databases loaded at ${loaded.loadedAt} (${SAVED})`);
    } else {
      const prefUrl = await createDatabase(server.url, "bench_pref");
      const natUrl = await createDatabase(server.url, "bench_nat");
      const prefM = await loadInto("prefecture", { dataDir: path.join(tmp, "pref"), url: prefUrl });
      console.log(`prefecture loaded in ${prefM.loadMs} ms`);

      const database = await openDatabase({ url: natUrl });
      let template: Manifest;
      try {
        await migrateDatabase(database);
        template = await loadSize(database, "national");
      } finally {
        await database.close();
      }
      console.log(
        `national template organisation loaded in ${template.loadMs} ms; copying ${ORGS - 1} times`,
      );
      const copyMs = await copyOrganisation(natUrl, template.orgId, ORGS - 1);
      const natM = await manifestOfCopy(natUrl, template, MIDDLE);
      loaded = { prefUrl, natUrl, prefM, natM, template, copyMs, loadedAt: new Date().toISOString() };
      if (process.env.DATABASE_URL) {
        mkdirSync(path.dirname(SAVED), { recursive: true });
        writeFileSync(SAVED, JSON.stringify(loaded, null, 2));
      }
    }
    const { prefUrl, natUrl, prefM, natM, template, copyMs } = loaded;
    const natCounts = await counts(natUrl);
    console.log(`national: ${JSON.stringify(natCounts)}, copied in ${copyMs} ms`);

    const rows: { pref: Row[]; nat: Row[] } = { pref: [], nat: [] };
    const log: string[] = [];
    for (const [which, url, m] of [
      ["pref", prefUrl, prefM],
      ["nat", natUrl, natM],
    ] as const) {
      const app = await startServer({ DATABASE_URL: url });
      try {
        rows[which] = await runScenarios(
          app,
          m,
          which === "pref" ? "PostgreSQL prefecture" : "PostgreSQL national",
          log,
        );
      } finally {
        await app.stop();
      }
    }

    // EXPLAIN of the hot pages' SELECTs on the national data, for the organisation in the middle
    const manifestDir = path.join(tmp, "nat-manifest");
    mkdirSync(manifestDir, { recursive: true });
    writeFileSync(path.join(manifestDir, "bench-manifest.json"), JSON.stringify(natM));
    const explained = spawnSync(
      process.execPath,
      ["--import", "tsx", "bench/profile.ts", manifestDir, "--explain"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: natUrl },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const explain = (explained.stdout || explained.stderr).trim();
    mkdirSync(path.join(ROOT, "bench/out"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench/out/national-explain.md"), explain);

    const totalS = Math.round((performance.now() - t0) / 1000);
    const seqScans = [...explain.matchAll(/\*\*(Seq Scan on \w+)\*\*/g)].map((x) => x[1]);
    writeResultsBlock(
      "bench:national",
      `## ${began.toISOString().slice(0, 16).replace("T", " ")} UTC — \`npm run bench:national\`: national size on PostgreSQL (issue 13)

Command: \`npm run bench:national\` (= \`node --import tsx bench/national.ts${argv.length ? ` ${argv.join(" ")}` : ""}\`), ${totalS} s in all.
Machine: ${mach}; PostgreSQL: ${server.note}.
Data: ${Object.entries(natCounts)
        .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
        .join(", ")} — one organisation of the national shape loaded
through the use cases in ${(template.loadMs / 1000).toFixed(1)} s, then copied ${ORGS - 1} times inside PostgreSQL in ${(copyMs / 1000).toFixed(1)} s. Measured as
organisation no. ${MIDDLE} (in the middle of the data). The prefecture size (2,000 items) in another database of the same
server, measured in the same run.

${table([...rows.pref, ...rows.nat])}

National / prefecture (the target: within 2×):

${ratioTable(rows.pref, rows.nat)}

EXPLAIN (ANALYZE, BUFFERS) of every SELECT of the entry page, /progress, the live board and the plan page on the
national data: ${seqScans.length === 0 ? "no sequential scan of a large table" : `sequential scans: ${seqScans.join(", ")}`}. Plans in
\`bench/out-national-explain.md\` (not committed; regenerate with the command above); the slowest:

\`\`\`
${explain
  .split("\n")
  .filter((l) => /→|Execution Time|^###|Seq Scan|Index Scan|Bitmap/.test(l))
  .slice(0, 80)
  .join("\n")}
\`\`\`
`,
    );
    console.log(`bench:national: ${totalS} s; bench/RESULTS.md updated`);
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    server.stop();
  }
}

process.exitCode = await main();
