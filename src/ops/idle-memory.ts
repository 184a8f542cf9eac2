/**
 * Gives memory back when the server goes quiet. V8 grows its heap to what a burst of requests needed (a 2,000-item
 * report renders megabytes of HTML) and keeps it: a steady server would hold its peak. After a few seconds with no
 * request, one full, compacting garbage collection lets V8 return the freed pages to the system; it runs once per
 * quiet spell, never while requests are served. `gc` is exposed at run time (v8.setFlagsFromString), so no
 * command-line flag is needed. bench/RESULTS.md reports the server's memory right after the scenarios and when
 * steady.
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
      gc();
    },
    Math.min(1000, Math.max(10, idleMs / 2)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
