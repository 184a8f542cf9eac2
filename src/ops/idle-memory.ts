/**
 * Gives memory back when the server goes quiet. V8 grows its heap to what a burst of requests needed (a 2,000-item
 * report renders megabytes of HTML) and keeps it: a steady server would hold its peak. After a few seconds with no
 * request, V8's most thorough collection returns what it can to the system; it runs once per quiet spell, never while
 * requests are served. bench/RESULTS.md reports the server's memory right after the scenarios and when steady.
 *
 * Which collection (docs/decisions/0024-pglite-server-memory.md): a plain full collection (`gc()`) frees the garbage
 * but keeps the pages. V8 picks the pages to compact when a collection starts, from what the previous one left on
 * them, and right after a burst every page looks full; it also keeps the young generation at its peak size (2 × 16
 * MB) until it sees allocation slow down. Measured on PGlite after the prefecture scenarios: old space 34 MB live in
 * 118-123 MB committed, young generation 32 MB, after one `gc()`. `v8.queryObjects` (Node ≥ 20.13) begins with V8's
 * "all available garbage" collection, the one a heap snapshot makes: repeated memory-reducing full collections that
 * compact the old space and shrink the young generation to 1 MB (counting instances of a class that never has any
 * costs a walk of the heap after it). Where it is missing, two `gc()` in a row: the second compacts what the first
 * left nearly empty, but the young generation stays at 32 MB.
 */
import { queryObjects, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** How long without a request before memory is given back. */
export const IDLE_MS = 3000;

/** V8's full collection, exposed at run time; null where the flag cannot be set. */
export function exposeGc(): (() => void) | null {
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    return typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** A class of which no instance is ever made: what `queryObjects` counts. */
class NeverInstantiated {}

/**
 * Collects everything V8 can and returns the freed pages (see above); null where neither way is available.
 * Node 20 marks `v8.queryObjects` experimental and warns about it once per process on stderr: that one warning is
 * left out, as the call is only used for its collection (emitted through process.emitWarning, replaced for the
 * duration of this synchronous call only).
 */
export function heapReducer(): (() => void) | null {
  if (typeof queryObjects === "function")
    return () => {
      const emitWarning = process.emitWarning;
      process.emitWarning = () => {};
      try {
        queryObjects(NeverInstantiated, { format: "count" });
      } finally {
        process.emitWarning = emitWarning;
      }
    };
  const gc = exposeGc();
  if (!gc) return null;
  return () => {
    gc(); // frees the garbage of the burst
    gc(); // compacts the pages the first one left nearly empty, and returns them
  };
}

/** Starts watching `server`; returns a stop function. `gc` is for tests (default: heapReducer()). */
export function trimMemoryWhenIdle(
  server: { on(event: "request", listener: () => void): unknown },
  opts: { idleMs?: number; gc?: () => void } = {},
): () => void {
  const gc = opts.gc ?? heapReducer();
  const idleMs = opts.idleMs ?? IDLE_MS;
  if (!gc) return () => {};
  let last = Date.now();
  let trimmed = true;
  server.on("request", () => {
    last = Date.now();
    trimmed = false;
  });
  const timer = setInterval(
    () => {
      if (trimmed || Date.now() - last < idleMs) return;
      trimmed = true;
      gc();
    },
    Math.min(1000, Math.max(10, idleMs / 2)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
