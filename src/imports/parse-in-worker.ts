/**
 * Runs `parseImportSource` in a worker thread so that a large workbook does not block other requests: the main
 * thread only receives progress messages and the outcome. Sources under `WORKER_THRESHOLD_BYTES` are parsed in
 * this thread (a worker costs about half a second to start, more than such a parse takes). Under tsx the worker is
 * started through a small bootstrap that registers tsx's loader in the worker (Node 20 does not carry it over); if
 * the worker cannot start, the parse runs in this thread between turns of the event loop.
 */
import { Worker } from "node:worker_threads";
import type { Grid, Result } from "./grid.js";
import {
  type ImportProgress,
  type ImportSource,
  type ParseOutcome,
  type ParseRequest,
  parseImportSource,
} from "./import-job.js";
import type { WorkerMessage } from "./parse-worker.js";
import { readTable } from "./read-table.js";

/** The longest a parse may take before it is stopped with a message (a pathological file must not run forever). */
export const PARSE_TIME_LIMIT_MS = 120_000;

/** Sources at least this large are parsed in a worker thread. */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;

/** The size a source counts for (pasted text: UTF-16 code units × 2, as the read limits count it). */
export function sourceBytes(source: ParseRequest["source"]): number {
  return source.bytes?.length ?? (source.text?.length ?? 0) * 2;
}

function startWorker(workerData: unknown): Worker {
  const here = import.meta.url;
  const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: 512 } };
  if (!here.endsWith(".ts")) return new Worker(new URL("./parse-worker.js", here), options);
  const api = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./parse-worker.ts", here).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

export function parseInWorker(
  req: Omit<ParseRequest, "onProgress">,
  onProgress: (progress: ImportProgress) => void = () => {},
  opts: { thresholdBytes?: number } = {},
): Promise<ParseOutcome> {
  if (sourceBytes(req.source) < (opts.thresholdBytes ?? WORKER_THRESHOLD_BYTES))
    return parseImportSource({ ...req, onProgress });
  let worker: Worker;
  try {
    worker = startWorker(req);
  } catch {
    return parseImportSource({ ...req, onProgress });
  }
  return settleWorker<ParseOutcome>(worker, (msg, finish) => {
    if (msg.type === "progress") onProgress(msg.progress);
    else if (msg.type === "done") finish(msg.outcome);
    else finish({ ok: false, reason: UNREADABLE });
  });
}

/**
 * Reads a source into a grid (readTable) in a worker thread when it is large, as parseInWorker parses a plan: the
 * yearly values and round-entry imports read workbooks of thousands of rows without holding other requests.
 */
export function readTableInWorker(
  source: ImportSource,
  opts: { thresholdBytes?: number } = {},
): Promise<Result<Grid>> {
  if (sourceBytes(source) < (opts.thresholdBytes ?? WORKER_THRESHOLD_BYTES)) return readTable(source);
  let worker: Worker;
  try {
    worker = startWorker({ job: "table", source });
  } catch {
    return readTable(source);
  }
  return settleWorker<Result<Grid>>(worker, (msg, finish) => {
    if (msg.type === "table") finish(msg.grid);
    else if (msg.type !== "progress") finish({ ok: false, reason: UNREADABLE });
  });
}

const UNREADABLE = "ファイルを読み込めませんでした。形式を確かめてください";

/**
 * The one way a worker's answer is awaited: the first of its answer (through `onMessage`), the time limit, a crash
 * (e.g. its memory limit) or its exit settles the promise, and the worker is then ended.
 */
function settleWorker<T extends { ok: boolean }>(
  worker: Worker,
  onMessage: (msg: WorkerMessage, finish: (outcome: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve) => {
    let settled = false;
    const finish = (outcome: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const fail = (reason: string) => finish({ ok: false, reason } as unknown as T);
    const timer = setTimeout(
      () => fail("読み込みに時間がかかりすぎたため中止しました。ファイルを分けて取り込んでください"),
      PARSE_TIME_LIMIT_MS,
    );
    worker.on("message", (msg: WorkerMessage) => onMessage(msg, finish));
    worker.on("error", () =>
      fail(
        "ファイルを読み込めませんでした（読み込みに必要なメモリの上限を超えた可能性があります）。ファイルを分けて取り込んでください",
      ),
    );
    worker.on("exit", () => fail(UNREADABLE));
  });
}
