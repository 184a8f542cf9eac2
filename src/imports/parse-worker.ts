/**
 * The worker thread that parses an import source (see parse-in-worker.ts): reading an xlsx of 10,000 rows and
 * building its preview takes a second or more of synchronous work, which here does not hold the server's event loop.
 * It posts `{ type: "progress" }` messages while it works and one `{ type: "done" }` with the outcome.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Grid, Result } from "./grid.js";
import {
  type ImportProgress,
  type ImportSource,
  type ParseOutcome,
  type ParseRequest,
  parseImportSource,
} from "./import-job.js";
import { readTable } from "./read-table.js";

export type WorkerMessage =
  | { type: "progress"; progress: ImportProgress }
  | { type: "done"; outcome: ParseOutcome }
  | { type: "table"; grid: Result<Grid> }
  | { type: "error"; message: string };

/** What the worker is asked: a whole plan parse, or (`table`) only reading a source into a grid. */
export type WorkerRequest =
  | (Omit<ParseRequest, "onProgress"> & { job?: "parse" })
  | { job: "table"; source: ImportSource };

const port = parentPort;
const request = workerData as WorkerRequest;
if (port && request.job === "table") {
  readTable(request.source)
    .then((grid) => port.postMessage({ type: "table", grid } satisfies WorkerMessage))
    .catch((e: unknown) =>
      port.postMessage({
        type: "error",
        message: e instanceof Error ? e.message : String(e),
      } satisfies WorkerMessage),
    );
} else if (port) {
  const req = request as ParseRequest;
  parseImportSource({
    ...req,
    onProgress: (progress) => port.postMessage({ type: "progress", progress } satisfies WorkerMessage),
  })
    .then((outcome) => port.postMessage({ type: "done", outcome } satisfies WorkerMessage))
    .catch((e: unknown) =>
      port.postMessage({
        type: "error",
        message: e instanceof Error ? e.message : String(e),
      } satisfies WorkerMessage),
    );
}
