import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { everyFieldHolding, fuzzForms } from "./form-fuzz.js";
import { buildSecurityWorld, type SecurityWorld } from "./security-world.js";

// bounded for the suite (about a minute); `npm run bench:fuzz-forms` runs the thousands (bench/RESULTS.md)
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

describe("every form handler under generated input (fast-check)", () => {
  let database: Database;
  let world: SecurityWorld;
  before(async () => {
    database = await createTestDatabase();
    world = await buildSecurityWorld(database);
  });
  after(() => database.close());

  it("refuses or cleans a NUL character in every field of every form, never a server error", async () => {
    // PostgreSQL text cannot store NUL; the comment form answered 500 until cleanText dropped it
    const { sent, failures } = await everyFieldHolding(world, "協働\u0000推進");
    assert.deepEqual(failures, []);
    assert.ok(sent >= 40);
  });

  it("answers every generated body below 500, and a refusal changes nothing", async (t) => {
    const stats = await fuzzForms(world, { runsPerRoute: RUNS });
    t.diagnostic(
      `${stats.inputs} inputs over ${stats.routes} routes (${stats.multipartRoutes} uploads): ${stats.refused} refused, ${stats.accepted} accepted`,
    );
    assert.deepEqual(stats.failures, []);
    assert.ok(stats.routes >= 40);
    // the import uploads (plan, indicators/budgets, progress round, registry groups) got multipart bodies too
    assert.ok(stats.multipartRoutes >= 4, `${stats.multipartRoutes} upload routes fuzzed`);
  });
});
