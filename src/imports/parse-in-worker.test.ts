import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readTableInWorker } from "./parse-in-worker.js";
import { readTable } from "./read-table.js";

describe("readTableInWorker", () => {
  it("reads a source in a worker thread into the same grid as in this thread", async () => {
    const csv = "\uFEFF指標名,H22目標,H22実績\n市民活動団体数,120,98\n協働事業数,30,\n";
    const source = {
      kind: "csv" as const,
      name: "values.csv",
      bytes: new TextEncoder().encode(csv),
      text: null,
    };
    const here = await readTable(source);
    const there = await readTableInWorker(source, { thresholdBytes: 0 });
    assert.ok(here.ok && there.ok);
    assert.deepEqual(there, here);
  });

  it("answers an unreadable file with the reader's message, not an exception", async () => {
    const source = {
      kind: "xlsx" as const,
      name: "broken.xlsx",
      bytes: new Uint8Array([1, 2, 3]),
      text: null,
    };
    const there = await readTableInWorker(source, { thresholdBytes: 0 });
    assert.equal(there.ok, false);
  });
});
