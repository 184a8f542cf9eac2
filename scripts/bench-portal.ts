/**
 * Measures the two hot public routes on a published plan of 2,000 items × 10 fiscal years (bench/generate.ts,
 * "prefecture" size): a public item page and the JSON of one item, with autocannon (20 connections, 10 s).
 *   node --import tsx scripts/bench-portal.ts
 * Uses PGlite in memory (or DATABASE_URL). One app process.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { generatePlanDocument, SIZES } from "../bench/generate.js";
import { makeOrg } from "../src/accounts/test-factories.js";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createTestDatabase } from "../src/db/test-db.js";
import { importPlanDocument } from "../src/plans/import-plan-document.js";
import { SYSTEM_ACTOR } from "../src/plans/plan-use-case.js";
import { findPublicNodes } from "../src/portal/portal.repository.js";
import { publishPlan } from "../src/portal/publish-plan.js";
import { createLogger } from "../src/web/log.js";

const database = await createTestDatabase();
const org = await makeOrg(database.db, "ベンチ県");
const size = SIZES.prefecture;
const doc = generatePlanDocument({ ...size, seed: 1 });
let t0 = performance.now();
const imported = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, org.id, doc);
if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
console.log(
  `imported ${size.items} items × ${size.years} years in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
await publishPlan({ db: database.db }, SYSTEM_ACTOR, { planId: imported.planId, version: 0, publish: true });
const nodes = await findPublicNodes(database.db, imported.planId);
const item = nodes.filter((n) => n.kind === "item")[Math.floor(nodes.length / 2)]!;
const cfg = loadConfig({
  NODE_ENV: "production",
  DEMO: "0",
  PUBLIC_ORIGIN: "http://127.0.0.1",
  SESSION_SECRET: "bench-secret-bench-secret-bench-secret-123",
});
if (!cfg.ok) throw new Error(cfg.message);
const app = createApp({ database, config: cfg.config, log: createLogger("error") });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise<void>((r) => server.once("listening", () => r()));
const { port } = server.address() as AddressInfo;
const base = `http://127.0.0.1:${port}/public/plans/${imported.planId}/items/${item.id}`;
if (process.argv.includes("--profile")) {
  const { findPublicItem } = await import("../src/portal/portal.repository.js");
  const { sql } = await import("drizzle-orm");
  const time = async (name: string, f: () => unknown) => {
    const t = performance.now();
    for (let i = 0; i < 50; i++) await f();
    console.log(name, ((performance.now() - t) / 50).toFixed(2), "ms each");
  };
  await time("select 1", () => database.db.execute(sql`select 1`));
  await time("findPublicItem", () => findPublicItem(database.db, imported.planId, item.id));
  await time("GET /health", () => app.request("/health"));
  await time("GET item.json", () => app.request(`/public/plans/${imported.planId}/items/${item.id}.json`));
}
for (const url of [base, `${base}.json`]) {
  t0 = performance.now();
  const first = await fetch(url);
  console.log(
    url.slice(-60),
    first.status,
    (await first.text()).length,
    "bytes",
    `${(performance.now() - t0).toFixed(1)} ms cold`,
  );
  await autocannon({ url, connections: 20, duration: 2 }); // warm-up
  const r = await autocannon({ url, connections: 20, duration: 10 });
  console.log(
    `  ${url.endsWith(".json") ? "item JSON" : "item page"}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`,
  );
}
await new Promise<void>((r) => server.close(() => r()));
await database.close();
