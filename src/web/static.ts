import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import type { AppEnv } from "./context.js";

const STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "static");
const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

type Asset = { body: Buffer; type: string; etag: string };

/** Loads src/web/static/ once; everything is served by Kyōdō itself (no CDN: LGWAN networks have no internet). */
function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(STATIC_DIR)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const body = readFileSync(path.join(STATIC_DIR, name));
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
    assets.set(name, { body, type, etag });
  }
  return assets;
}

const assets = loadAssets();

/** `/static/<file>?v=<etag>`: a URL that changes when the file does, so it can be cached for long. */
export function assetUrl(name: string): string {
  const a = assets.get(name);
  return `/static/${name}${a ? `?v=${a.etag.slice(1, 9)}` : ""}`;
}

export const staticRoutes = new Hono<AppEnv>().get("/static/:name", (c) => {
  const asset = assets.get(c.req.param("name"));
  if (!asset) return c.notFound();
  if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304);
  return c.body(new Uint8Array(asset.body), 200, {
    "content-type": asset.type,
    etag: asset.etag,
    "cache-control": "public, max-age=86400",
  });
});
