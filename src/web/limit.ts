import type { MiddlewareHandler } from "hono";
import { m } from "./messages/index.js";

export type InFlightLimit = {
  /** requests handled at once (0 = no limit) */
  maxInFlight: number;
  /** requests that may wait for a free slot; beyond that the answer is 503 at once */
  maxQueue: number;
  /** a waiting request that gets no slot within this time is answered 503 (default 10 s) */
  maxWaitMs?: number;
  /** the Retry-After header of a 503, in seconds (default 5) */
  retryAfterSeconds?: number;
};

/**
 * Load beyond capacity degrades to waiting, then to a 503 with Retry-After, never to a crash: at most
 * `maxInFlight` requests run at once, `maxQueue` more wait in order, the rest are refused before any work is
 * done (no session lookup, no query, no write started). A refused write is never half done: it never began.
 * The counters are per process and only about the requests in progress: nothing outlives a request.
 * /healthz is counted too, so an overloaded process also tells its load balancer. A long-lived response (a
 * server-sent event stream) would hold its slot for its whole life: mount such routes before this middleware.
 */
export function inFlightLimit(opts: InFlightLimit): MiddlewareHandler {
  const maxWaitMs = opts.maxWaitMs ?? 10_000;
  const retryAfter = opts.retryAfterSeconds ?? 5;
  let inFlight = 0;
  const waiting: (() => void)[] = [];

  const busy = () =>
    new Response(`${m.errors.busyTitle}\n${m.errors.busyBody(retryAfter)}\n`, {
      status: 503,
      headers: {
        "retry-after": String(retryAfter),
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
      },
    });

  function release() {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  }

  return async (_c, next) => {
    if (opts.maxInFlight <= 0) return next();
    if (inFlight >= opts.maxInFlight) {
      if (waiting.length >= opts.maxQueue) {
        return busy();
      }
      // wait for a slot: release() hands its slot straight to the first waiter (inFlight stays the same)
      const got = await new Promise<boolean>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          const i = waiting.indexOf(wake);
          if (i >= 0) waiting.splice(i, 1);
          resolve(false);
        }, maxWaitMs);
        waiting.push(wake);
      });
      if (!got) {
        return busy();
      }
    } else inFlight++;
    try {
      // Admitted (the count above is synchronous): now let the requests already received be admitted or refused
      // before this one runs. PGlite answers without real I/O, so without this turn of the event loop one request
      // would run to its end before the next is even read, and the limit would never see two at once.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await next();
    } finally {
      release();
    }
  };
}
