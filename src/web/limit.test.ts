import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { inFlightLimit } from "./limit.js";

/** An app whose /slow requests wait until the test lets them go. */
function appWith(opts: Parameters<typeof inFlightLimit>[0]) {
  const gates: (() => void)[] = [];
  let started = 0;
  const app = new Hono();
  app.use(inFlightLimit(opts));
  app.get("/slow", async (c) => {
    started++;
    await new Promise<void>((resolve) => gates.push(resolve));
    return c.text("done");
  });
  app.get("/fast", (c) => c.text("fast"));
  const openAll = () => {
    for (const g of gates.splice(0)) g();
  };
  return { app, openAll, started: () => started };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("in-flight request limit", () => {
  it("runs up to maxInFlight at once, queues maxQueue more and refuses the rest with 503 + Retry-After", async () => {
    const { app, openAll, started } = appWith({ maxInFlight: 2, maxQueue: 1, retryAfterSeconds: 7 });
    const running = [app.request("/slow"), app.request("/slow"), app.request("/slow")];
    await tick();
    assert.equal(started(), 2, "two run, the third waits");
    const refused = await app.request("/fast");
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get("retry-after"), "7");
    assert.match(await refused.text(), /混み合っています/);
    openAll();
    await tick();
    await tick(); // the admitted request yields once to the event loop before it runs
    assert.equal(started(), 3, "the waiting request gets the freed slot");
    openAll();
    const answers = await Promise.all(running);
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200, 200],
    );
    assert.equal((await app.request("/fast")).status, 200, "all slots are free again");
  });

  it("answers 503 to a request that waited longer than maxWaitMs, and it never runs", async () => {
    const { app, openAll, started } = appWith({ maxInFlight: 1, maxQueue: 5, maxWaitMs: 20 });
    const first = app.request("/slow");
    await tick();
    const late = await app.request("/slow");
    assert.equal(late.status, 503);
    assert.equal(started(), 1);
    openAll();
    assert.equal((await first).status, 200);
    assert.equal((await app.request("/fast")).status, 200);
  });

  it("frees the slot when the handler throws", async () => {
    const app = new Hono();
    app.use(inFlightLimit({ maxInFlight: 1, maxQueue: 0 }));
    app.get("/boom", () => {
      throw new Error("boom");
    });
    app.get("/ok", (c) => c.text("ok"));
    assert.equal((await app.request("/boom")).status, 500);
    assert.equal((await app.request("/ok")).status, 200);
  });

  it("refuses the excess of requests that arrive together, before any of them runs", async () => {
    const { app, openAll } = appWith({ maxInFlight: 1, maxQueue: 1 });
    const all = Array.from({ length: 10 }, () => app.request("/slow"));
    await tick();
    await tick();
    openAll();
    await tick();
    await tick();
    openAll();
    const statuses = (await Promise.all(all)).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, ...Array(8).fill(503)]);
  });

  it("does nothing when maxInFlight is 0", async () => {
    const { app, openAll } = appWith({ maxInFlight: 0, maxQueue: 0 });
    const running = Array.from({ length: 20 }, () => app.request("/slow"));
    await tick();
    openAll();
    for (const r of await Promise.all(running)) assert.equal(r.status, 200);
  });
});
