/**
 * The long form-fuzzing run: every POST route × RUNS generated bodies (default 100) on a PGlite copy of the
 * demo world, as in src/security/form-fuzz.routes.test.ts. Prints the figure for bench/RESULTS.md.
 *   npm run bench:fuzz-forms            # 100 inputs per route
 *   RUNS=300 SEED=7 npm run bench:fuzz-forms
 *   ONLY=import RUNS=100 npm run bench:fuzz-forms   # only the routes whose key contains "import"
 */
import { createTestDatabase } from "../src/db/test-db.js";
import { fuzzForms } from "../src/security/form-fuzz.js";
import { buildSecurityWorld } from "../src/security/security-world.js";

const runs = Number(process.env.RUNS ?? 100);
const seed = process.env.SEED ? Number(process.env.SEED) : Date.now() % 2 ** 31;
const started = performance.now();
const database = await createTestDatabase();
try {
  const world = await buildSecurityWorld(database);
  const stats = await fuzzForms(world, {
    runsPerRoute: runs,
    seed,
    only: process.env.ONLY,
    onRoute: (key, s) =>
      process.stderr.write(`${key}: ${s.inputs} inputs so far, ${s.failures.length} failures\n`),
  });
  const seconds = Math.round((performance.now() - started) / 1000);
  console.log(
    JSON.stringify(
      {
        seed,
        only: process.env.ONLY ?? "all routes",
        runsPerRoute: runs,
        ...stats,
        failures: stats.failures.length,
        seconds,
      },
      null,
      1,
    ),
  );
  for (const f of stats.failures) console.log(`FAIL ${f}`);
  process.exitCode = stats.failures.length ? 1 : 0;
} finally {
  await database.close();
}
