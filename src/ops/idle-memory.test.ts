import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { exposeGc, trimMemoryWhenIdle } from "./idle-memory.js";

describe("giving memory back when the server goes quiet", () => {
  it("collects twice in a row once per quiet spell after requests, never while they come, never when nothing happened", async () => {
    const server = new EventEmitter();
    let collections = 0;
    const stop = trimMemoryWhenIdle(server, { idleMs: 60, gc: () => collections++ });
    await sleep(150);
    assert.equal(collections, 0, "no request yet: nothing to give back");
    for (let i = 0; i < 6; i++) {
      server.emit("request");
      await sleep(20);
    }
    assert.equal(collections, 0, "requests keep coming");
    await sleep(200);
    assert.equal(collections, 2, "two collections (free, then compact) once quiet");
    await sleep(200);
    assert.equal(collections, 2, "and not again until a request");
    server.emit("request");
    await sleep(200);
    assert.equal(collections, 4);
    stop();
  });

  it("V8's full collection is exposed at run time, without a command-line flag", () => {
    const gc = exposeGc();
    assert.equal(typeof gc, "function");
    gc!();
  });
});
