/**
 * Gives memory back when the server goes quiet. V8 grows its heap to what a burst of requests needed (a 2,000-item
 * report renders megabytes of HTML) and keeps it: a steady server would hold its peak. After a few seconds with no
 * request, two full garbage collections in a row let V8 return the freed pages to the system; they run once per
 * quiet spell, never while requests are served.
 *
 * Why two: V8 picks the pages to compact when a collection starts, from what the previous one left on them. Right
 * after a burst every page still looks full, so the first collection frees the garbage but moves nothing, and the
 * pages stay committed with a few live objects each; the second one sees them nearly empty, moves their survivors
 * together and gives the pages back. Measured on PGlite after the prefecture scenarios (public item page, live board,
 * HTML and xlsx reports; docs/decisions/0024-pglite-server-memory.md): old space 34 MB live in 118-123 MB committed
 * after one collection, 45 MB committed after two; the server's RSS ~70 MB lower. The second takes 40-90 ms.
 *
 * `gc` is exposed at run time (v8.setFlagsFromString), so no command-line flag is needed. bench/RESULTS.md reports
 * the server's memory right after the scenarios and when steady.
 */
import { setFlagsFromString } from "node:v8";
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

/** Starts watching `server`; returns a stop function. `gc` is for tests (default: V8's, exposed at run time). */
export function trimMemoryWhenIdle(
  server: { on(event: "request", listener: () => void): unknown },
  opts: { idleMs?: number; gc?: () => void } = {},
): () => void {
  const gc = opts.gc ?? exposeGc();
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
      gc(); // frees the garbage of the burst
      gc(); // compacts the pages the first one left nearly empty, and returns them
    },
    Math.min(1000, Math.max(10, idleMs / 2)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
