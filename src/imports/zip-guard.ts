/**
 * Checks an xlsx (a zip file) before exceljs sees it, so that a zip bomb or a truncated upload is refused with a
 * clear message instead of exhausting memory or crashing deep inside a library.
 *
 * Reads the End Of Central Directory record and every central-directory entry (PKWARE APPNOTE.TXT §4.3.12,
 * §4.3.16), checks entry count, declared uncompressed sizes and compression ratios against the limits, then
 * inflates each entry with `maxOutputLength` set to its declared size, so that a lying size cannot make it expand
 * further (Node's zlib stops with ERR_BUFFER_TOO_LARGE).
 */
import { inflateRawSync } from "node:zlib";
import { m } from "../web/messages/index.js";
import { formatBytes, type ReadLimits, type Result } from "./grid.js";

const r = () => m.imports.readers;

export type ZipEntryInfo = { name: string; method: number; compressedSize: number; uncompressedSize: number };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

export function inspectXlsxZip(bytes: Uint8Array, limits: ReadLimits): Result<ZipEntryInfo[]> {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    return {
      ok: false,
      reason: r().oldOrProtected,
    };
  }
  if (bytes.length < 22 || readU32(bytes, 0) !== LOCAL_SIGNATURE) {
    return { ok: false, reason: r().notXlsx };
  }
  const eocd = findEocd(bytes);
  if (eocd < 0) return { ok: false, reason: r().xlsxCorrupt };
  const entryCount = readU16(bytes, eocd + 10);
  const cdSize = readU32(bytes, eocd + 12);
  const cdOffset = readU32(bytes, eocd + 16);
  if (entryCount === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    return { ok: false, reason: r().zip64 };
  }
  if (entryCount > limits.maxZipEntries) {
    return {
      ok: false,
      reason: r().tooManyParts(entryCount, limits.maxZipEntries),
    };
  }
  if (cdOffset + cdSize > eocd) return { ok: false, reason: r().xlsxCorrupt };

  // First pass: the central directory alone, so that declared totals are refused before anything is expanded.
  const entries: (ZipEntryInfo & { localOffset: number })[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < entryCount; i++) {
    if (p + 46 > bytes.length || readU32(bytes, p) !== CENTRAL_SIGNATURE)
      return { ok: false, reason: r().xlsxCorrupt };
    const flags = readU16(bytes, p + 8);
    const method = readU16(bytes, p + 10);
    const compressedSize = readU32(bytes, p + 20);
    const uncompressedSize = readU32(bytes, p + 24);
    const nameLength = readU16(bytes, p + 28);
    const extraLength = readU16(bytes, p + 30);
    const commentLength = readU16(bytes, p + 32);
    const localOffset = readU32(bytes, p + 42);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;

    if (flags & 1) return { ok: false, reason: r().encrypted };
    if (method !== 0 && method !== 8) return { ok: false, reason: r().compression(name) };
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      return {
        ok: false,
        reason: r().expandsTooMuch(formatBytes(total), formatBytes(limits.maxUncompressedBytes)),
      };
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset });
  }

  // Second pass: ratios, then expand each entry, never beyond its declared size.
  for (const { name, method, compressedSize, uncompressedSize, localOffset } of entries) {
    if (uncompressedSize > 1024 * 1024 && uncompressedSize > compressedSize * limits.maxCompressionRatio) {
      return {
        ok: false,
        reason: r().ratio(name, Math.round(uncompressedSize / Math.max(compressedSize, 1))),
      };
    }
    const data = localData(bytes, localOffset, compressedSize);
    if (!data) return { ok: false, reason: r().xlsxCorrupt };
    if (method === 8) {
      try {
        const out = inflateRawSync(data, { maxOutputLength: Math.max(uncompressedSize, 1) });
        if (out.length !== uncompressedSize) return { ok: false, reason: r().xlsxCorrupt };
        if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
          const merges = countOccurrences(out, MERGE_TAG);
          if (merges > limits.maxMergedRanges) {
            return {
              ok: false,
              reason: r().tooManyMerges(merges, limits.maxMergedRanges),
            };
          }
        }
      } catch (e) {
        if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          return {
            ok: false,
            reason: r().lyingSize(name),
          };
        }
        return { ok: false, reason: r().xlsxCorrupt };
      }
    } else if (compressedSize !== uncompressedSize) {
      return { ok: false, reason: r().xlsxCorrupt };
    }
  }
  if (!entries.some((e) => e.name === "[Content_Types].xml")) {
    return { ok: false, reason: r().noContentTypes };
  }
  return { ok: true, value: entries.map(({ localOffset: _, ...e }) => e) };
}

const MERGE_TAG = Buffer.from("<mergeCell ");

function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}

function localData(bytes: Uint8Array, offset: number, size: number): Uint8Array | null {
  if (offset + 30 > bytes.length || readU32(bytes, offset) !== LOCAL_SIGNATURE) return null;
  const start = offset + 30 + readU16(bytes, offset + 26) + readU16(bytes, offset + 28);
  if (start + size > bytes.length) return null;
  return bytes.subarray(start, start + size);
}

function findEocd(bytes: Uint8Array): number {
  // The EOCD is 22 bytes plus a comment of at most 65,535 bytes, at the very end of the file.
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (readU32(bytes, i) === EOCD_SIGNATURE) return i;
  }
  return -1;
}

function readU16(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}

function readU32(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;
}
