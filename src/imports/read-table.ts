/** A paste, CSV or xlsx read into a grid for the imports that fill existing records (round entries, yearly values). */
import { m } from "../web/messages/index.js";
import { DEFAULT_LIMITS, type Grid, type Result, readCsv, readPastedText, readXlsx } from "./grid.js";
import type { ImportSource } from "./import-job.js";

/** Reads a paste, CSV or xlsx into a grid (the size, row and column limits of every import apply). */
export async function readTable(source: ImportSource): Promise<Result<Grid>> {
  const limits = DEFAULT_LIMITS;
  if (source.bytes && source.bytes.length > limits.maxBytes) {
    return { ok: false, reason: m.imports.errors.tooLarge(`${Math.round(limits.maxBytes / 1024 / 1024)}MB`) };
  }
  if (source.kind === "xlsx") return readXlsx(source.bytes ?? new Uint8Array(), limits);
  if (source.kind === "csv") return readCsv(source.bytes ?? new Uint8Array(), limits);
  if (source.kind === "paste") {
    if (!(source.text ?? "").trim()) return { ok: false, reason: "貼り付けられた内容が空です" };
    return readPastedText(source.text ?? "", limits);
  }
  return { ok: false, reason: m.imports.errors.unsupported(source.name) };
}
