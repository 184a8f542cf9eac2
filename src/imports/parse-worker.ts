/**
 * The worker thread that parses an import source (see parse-in-worker.ts): reading an xlsx of 10,000 rows and
 * building its preview takes a second or more of synchronous work, which here does not hold the server's event loop.
 * It posts `{ type: "progress" }` messages while it works and one `{ type: "done" }` with the outcome.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  type ImportProgress,
  type ParseOutcome,
  type ParseRequest,
  parseImportSource,
} from "./import-job.js";

export type WorkerMessage =
  | { type: "progress"; progress: ImportProgress }
  | { type: "done"; outcome: ParseOutcome }
  | { type: "error"; message: string };

const port = parentPort;
if (port) {
  const req = workerData as ParseRequest;
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
