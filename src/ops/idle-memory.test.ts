import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { exposeGc, trimMemoryWhenIdle } from "./idle-memory.js";

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
});
