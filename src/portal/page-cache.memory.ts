/**
 * On PGlite only: the public pages also kept in this process's memory, in front of the page cache in the database,
 * so that a hit costs no query (docs/decisions/0019-public-page-cache.md). The embedded database lives inside this
 * one process, so no other process can write behind its back. On PostgreSQL there is none of this: several app
 * processes share the database, and none keeps state between requests.
 *
 * Exactness: the migration `public_generation_notify` makes the commit that changes the generation send
 * NOTIFY kyodo_public '<new generation>' when the writing session listens. PGlite has one session (ours); it parses
 * the notification out of the COMMIT's own answer and queues our callback as a microtask then, before the promise
 * of the commit resolves: by the time a writer's `await` returns, every page of the older generation is gone
 * (page-cache.db.test.ts checks it). A page is kept with the generation read before it was rendered or read, and
 * only while that generation is still the current one, so a page read just before a write and stored just after
 * is never served.
 */
import type { Database, Db } from "../db/client.js";
import { type CachedPage, PAGE_CACHE_TTL_SECONDS } from "./page-cache.repository.js";

/** The NOTIFY channel of the migration `public_generation_notify`. */
export const PUBLIC_CHANNEL = "kyodo_public";
/** At most this much memory for pages (bodies as UTF-8, ready to send); the least recently used go first. */
export const MEMORY_PAGE_CACHE_BYTES = 16 * 1024 * 1024;

/** A page as kept in memory: the body encoded once, sent as it is. */
export type MemoryPage = { etag: string; contentType: string; body: Uint8Array<ArrayBuffer> };
type Entry = { generation: number; page: MemoryPage; expiresAt: number; bytes: number };

/** A bounded LRU of pages for the current generation of public content. */
export class MemoryPageCache {
  /** the current generation as last told (-1: not known yet) */
  #generation = -1;
  #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(readonly maxBytes: number = MEMORY_PAGE_CACHE_BYTES) {}

  get bytes(): number {
    return this.#bytes;
  }
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The generation a commit has just set, from its notification: notifications arrive in commit order, so the
   * newest is the current one (even lower, as after a restore). Every page of another generation is dropped.
   */
  notified(generation: number): void {
    if (generation === this.#generation) return;
    this.#generation = Number.isSafeInteger(generation) ? generation : -1;
    this.#entries.clear();
    this.#bytes = 0;
  }

  /**
   * The generation a query read. Only for queries that began after listening started; a read may lag behind a
   * notification that arrived while its answer was on its way, never lead it, so it can only move the known
   * generation forward (in practice only the first read, when it is not known yet).
   */
  read(generation: number): void {
    if (generation > this.#generation) this.notified(generation);
  }

  get(key: string, now = Date.now()): MemoryPage | null {
    const e = this.#entries.get(key);
    if (!e) return null;
    if (e.generation !== this.#generation || e.expiresAt <= now) {
      this.#drop(key, e);
      return null;
    }
    // most recently used last
    this.#entries.delete(key);
    this.#entries.set(key, e);
    return e.page;
  }

  /** Keeps `page`, valid for `generation` until `expiresAt` (ms), if that generation is still the current one. */
  set(key: string, generation: number, page: CachedPage, expiresAt: number): void {
    if (generation < 0 || generation !== this.#generation || expiresAt <= Date.now()) return;
    // one page may not take more than a quarter: a huge plan page would empty the cache for one visitor
    if (page.body.length > this.maxBytes / 4) return;
    const body = Buffer.from(page.body, "utf8");
    // strings as V8 may hold them (2 bytes a character), and the entry's own objects
    const bytes = body.byteLength + 2 * (key.length + page.etag.length + page.contentType.length) + 200;
    if (bytes > this.maxBytes / 4) return;
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    const kept = { etag: page.etag, contentType: page.contentType, body };
    this.#entries.set(key, { generation, page: kept, expiresAt, bytes });
    this.#bytes += bytes;
    for (const [k, e] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#drop(k, e);
    }
  }

  #drop(key: string, e: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= e.bytes;
  }
}

/** When a page read from the database stops being served, in ms: its TTL counts from when it was stored. */
export function expiresAt(createdAtMs: number): number {
  return createdAtMs + PAGE_CACHE_TTL_SECONDS * 1000;
}

type Listening = { cache: MemoryPageCache | null };
const byDatabase = new WeakMap<Db, Listening>();

/**
 * The memory layer of `database`: null on PostgreSQL, and on PGlite until it listens to the channel (the first call
 * starts listening; requests meanwhile use the database alone). A query whose generation may be given to `read`
 * must begin after this returned the cache.
 */
export function memoryPageCache(
  database: Database,
  onError: (err: unknown) => void = () => {},
): MemoryPageCache | null {
  if (database.kind !== "pglite") return null;
  const known = byDatabase.get(database.db);
  if (known) return known.cache;
  const slot: Listening = { cache: null };
  byDatabase.set(database.db, slot);
  const client = (database.db as unknown as { $client: PGliteListen }).$client;
  const cache = new MemoryPageCache();
  client
    .listen(PUBLIC_CHANNEL, (payload) => cache.notified(Number(payload)))
    .then(
      () => {
        slot.cache = cache;
      },
      onError, // stays without a memory layer: every request asks the database, as on PostgreSQL
    );
  return null;
}

/** What we use of PGlite (typed here so that PostgreSQL deployments never load it). */
type PGliteListen = { listen(channel: string, callback: (payload: string) => void): Promise<unknown> };
