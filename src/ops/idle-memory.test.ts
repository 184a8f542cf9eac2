import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { getHeapSpaceStatistics } from "node:v8";
import { exposeGc, heapReducer, trimMemoryWhenIdle } from "./idle-memory.js";

describe("giving memory back when the server goes quiet", () => {
  it("collects once per quiet spell after requests, never while they come, never when nothing happened", (t) => {
    // the clock is the test's: a loaded machine cannot stretch a pause between requests into a quiet spell
    t.mock.timers.enable({ apis: ["setInterval", "Date"] });
    const server = new EventEmitter();
    let collections = 0;
    const stop = trimMemoryWhenIdle(server, { idleMs: 60, gc: () => collections++ });
    t.mock.timers.tick(150);
    assert.equal(collections, 0, "no request yet: nothing to give back");
    for (let i = 0; i < 6; i++) {
      server.emit("request");
      t.mock.timers.tick(20);
    }
    assert.equal(collections, 0, "requests keep coming");
    t.mock.timers.tick(200);
    assert.equal(collections, 1, "one collection once quiet");
    t.mock.timers.tick(200);
    assert.equal(collections, 1, "and not again until a request");
    server.emit("request");
    t.mock.timers.tick(200);
    assert.equal(collections, 2);
    stop();
  });

  it("V8's full collection is exposed at run time, without a command-line flag", () => {
    const gc = exposeGc();
    assert.equal(typeof gc, "function");
    gc!();
  });

  it("the idle collection returns the young generation and emits no warning", async () => {
    const reduce = heapReducer();
    assert.equal(typeof reduce, "function");
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space")!.space_size;
    let garbage: unknown[] = [];
    for (let i = 0; i < 300_000; i++) garbage.push({ i, s: `item ${i}` });
    garbage = [];
    const warnings: Error[] = [];
    // only the collection's own (another test's mocked clock warns once too)
    const onWarning = (w: Error) => {
      if (/queryObjects/.test(w.message)) warnings.push(w);
    };
    process.on("warning", onWarning);
    try {
      reduce!();
      await sleep(20); // warnings are emitted on the next tick
    } finally {
      process.off("warning", onWarning);
    }
    assert.equal(garbage.length, 0);
    assert.ok(young() <= 2 * 1024 * 1024, `young generation ${young()} bytes after the collection`);
    assert.deepEqual(warnings, []);
  });
});
