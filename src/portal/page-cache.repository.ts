/**
 * The public page cache: rendered public answers kept in the database for the current generation of public
 * content (docs/decisions/0019-public-page-cache.md). Reading costs one indexed query; a miss is rendered by the
 * caller and stored with the generation read BEFORE rendering, so a page can only be stamped older than what it
 * shows, never newer (a write committed meanwhile raises the generation and the stored page is never served).
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";

export type CachedPage = { etag: string; contentType: string; body: string };
/** A page read from the cache, with when it was stored (ms since the epoch). */
export type StoredPage = CachedPage & { createdAtMs: number };

/** How long a stored page may be served at most, even with no write: content that depends on the date moves on. */
export const PAGE_CACHE_TTL_SECONDS = 600;

export async function readCachedPage(
  db: DbOrTx,
  key: string,
): Promise<{ generation: number; page: StoredPage | null }> {
  const res = (await db.execute(sql`
    select g.n, c.etag, c.content_type, c.body, (extract(epoch from c.created_at) * 1000)::float8 as created_ms
    from public_generation g
    left join public_page_cache c
      on c.key = ${key} and c.generation = g.n
      and c.created_at > now() - make_interval(secs => ${PAGE_CACHE_TTL_SECONDS})
    where g.id = 1`)) as unknown as { rows: Record<string, unknown>[] };
  const r = res.rows[0];
  if (!r) return { generation: -1, page: null };
  const generation = Number(r.n);
  if (r.body === null || r.body === undefined) return { generation, page: null };
  return {
    generation,
    page: {
      etag: String(r.etag),
      contentType: String(r.content_type),
      body: String(r.body),
      createdAtMs: Number(r.created_ms),
    },
  };
}

/** Keeps a rendered page for `generation`; a newer stored page is never replaced by an older one. */
export async function storeCachedPage(
  db: DbOrTx,
  key: string,
  generation: number,
  page: CachedPage,
): Promise<void> {
  if (generation < 0) return;
  await db.execute(sql`
    insert into public_page_cache (key, generation, etag, content_type, body)
    values (${key}, ${generation}, ${page.etag}, ${page.contentType}, ${page.body})
    on conflict (key) do update
      set generation = excluded.generation, etag = excluded.etag, content_type = excluded.content_type,
          body = excluded.body, created_at = now()
      where public_page_cache.generation <= excluded.generation`);
}
