import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryPageCache } from "./page-cache.memory.js";

const page = (body: string) => ({ etag: `"${body.length}"`, contentType: "text/plain", body });
const later = () => Date.now() + 60_000;
const text = (p: { body: Uint8Array } | null) => (p ? Buffer.from(p.body).toString("utf8") : null);

describe("the in-memory page cache (PGlite)", () => {
  it("keeps nothing until the current generation is known, and only pages of that generation", () => {
    const m = new MemoryPageCache(1_000_000);
    m.set("/a", 0, page("a"), later());
    assert.equal(m.get("/a"), null);
    m.read(3);
    m.set("/a", 3, page("a"), later());
    assert.equal(text(m.get("/a")), "a");
    // read before a write, stored after its notification: never kept
    m.notified(4);
    assert.equal(m.get("/a"), null);
    m.set("/b", 3, page("b"), later());
    assert.equal(m.get("/b"), null);
    assert.equal(m.size, 0);
  });

  it("moves with notifications (in commit order, even backwards) but reads only forward", () => {
    const m = new MemoryPageCache(1_000_000);
    m.notified(10);
    m.set("/a", 10, page("a"), later());
    // a read that began before the last notification lags behind it: ignored, the page stays
    m.read(9);
    assert.equal(text(m.get("/a")), "a");
    m.notified(2); // a restore set an older number: every page goes
    assert.equal(m.get("/a"), null);
    m.set("/a", 2, page("a2"), later());
    assert.equal(text(m.get("/a")), "a2");
    m.notified(Number.NaN); // unreadable: unknown again, nothing kept
    assert.equal(m.get("/a"), null);
    m.set("/a", 2, page("a2"), later());
    assert.equal(m.get("/a"), null);
  });

  it("serves a page no longer than its time to live", () => {
    const m = new MemoryPageCache(1_000_000);
    m.read(1);
    m.set("/a", 1, page("a"), Date.now() + 1_000);
    assert.equal(text(m.get("/a")), "a");
    assert.equal(m.get("/a", Date.now() + 1_000), null);
    assert.equal(m.size, 0);
    m.set("/b", 1, page("b"), Date.now() - 1);
    assert.equal(m.size, 0);
  });

  it("stays within its bytes, dropping the least recently used, and refuses a page over a quarter of it", () => {
    const m = new MemoryPageCache(10_000);
    m.read(1);
    const body = "あ".repeat(700); // 2,100 bytes of UTF-8, ~2.3 kB each as counted
    for (const k of ["/1", "/2", "/3", "/4"]) m.set(k, 1, page(body), later());
    assert.equal(m.size, 4);
    assert.ok(m.get("/1")); // used: now the most recent
    m.set("/5", 1, page(body), later());
    assert.ok(m.bytes <= 10_000);
    assert.equal(m.get("/2"), null, "the least recently used went first");
    assert.ok(m.get("/1") && m.get("/5"));
    m.set("/big", 1, page("い".repeat(900)), later()); // 2,700 bytes of UTF-8
    assert.equal(m.get("/big"), null);
    // replacing a key counts its bytes once
    const before = m.bytes;
    m.set("/5", 1, page(body), later());
    assert.equal(m.bytes, before);
  });
});
