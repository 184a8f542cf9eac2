/**
 * Helpers for the import tests: a minimal zip writer (to build malicious archives that exceljs would never write)
 * and the location of the shared reference documents. Test-only; nothing in the product imports this file.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import type { Db } from "../db/client.js";
import { tableChecksums } from "../ops/table-snapshot.js";

export type ZipEntrySpec = {
  name: string;
  data: Uint8Array;
  /** Write this uncompressed size into the headers instead of the true one (to build a lying archive). */
  declaredSize?: number;
  store?: boolean;
};

/** A zip archive with the given entries (CRC fields left 0: only the guard, not a real unzip, reads these). */
export function buildZip(entries: ZipEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const body = e.store ? Buffer.from(e.data) : deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]));
}

/** The repository root of this worktree (the folder holding package.json), found from this file. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("package.json not found above the test file");
    dir = up;
  }
  return dir;
}

/** The reference documents: ../shared/reference-docs beside the checkout, else the copies kept with the demo. */
export { referenceDocumentsDir as referenceDocsDir } from "../demo/reference-documents.js";

/**
 * A digest of every row of every table (sessions excepted: signing in and visiting pages touch them), to prove
 * that refused input leaves the database byte-for-byte as it was.
 */
export async function databaseDigest(db: Db, exclude: readonly string[] = ["sessions"]): Promise<string> {
  const sums = await tableChecksums(db, exclude);
  const hash = createHash("sha256");
  for (const name of Object.keys(sums).sort())
    hash.update(`${name}:${sums[name]!.rows}:${sums[name]!.md5}\n`);
  return hash.digest("hex");
}
