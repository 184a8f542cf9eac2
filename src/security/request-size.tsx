import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";

/**
 * A ceiling on every request body, before any handler reads it: a form post is a few kilobytes, so 2 MB is far
 * above any real one; a file upload (multipart) may be 22 MB. The imports' three upload routes limit their body
 * themselves (21 MB, 20 MB a file) and say so in their own words, so their uploads pass this one by. Refusals are answered 413 in Japanese
 * and logged.
 */
export const FORM_LIMIT = 2 * 1024 * 1024;
export const UPLOAD_LIMIT = 22 * 1024 * 1024;

/** The upload routes that limit their body themselves (imports.routes.tsx, table-imports.routes.tsx), with a stricter limit and their own message. */
const OWN_UPLOAD_LIMIT = /^\/imports(\/rounds\/[^/]+|\/plans\/[^/]+\/(indicators|budgets))?$/;

const label = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}MB`;

function tooLarge(c: Context<AppEnv>, limit: number) {
  c.get("deps").log.warn("request body too large", {
    method: c.req.method,
    path: c.req.path,
    limit,
    contentLength: c.req.header("content-length") ?? null,
    requestId: c.get("requestId"),
  });
  return renderPage(c, {
    title: m.ops.tooLargeTitle,
    status: 413,
    body: (
      <section class="message-page">
        <h1>{m.ops.tooLargeTitle}</h1>
        <p>{m.ops.tooLargeBody(label(limit))}</p>
        <p>
          <a href="/">{m.errors.backHome}</a>
        </p>
      </section>
    ),
  });
}

const forms = bodyLimit({ maxSize: FORM_LIMIT, onError: (c) => tooLarge(c as Context<AppEnv>, FORM_LIMIT) });
const uploads = bodyLimit({
  maxSize: UPLOAD_LIMIT,
  onError: (c) => tooLarge(c as Context<AppEnv>, UPLOAD_LIMIT),
});

export function requestSizeLimit(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    const multipart = (c.req.header("content-type") ?? "").startsWith("multipart/form-data");
    if (multipart && OWN_UPLOAD_LIMIT.test(c.req.path)) return next();
    return (multipart ? uploads : forms)(c, next);
  };
}
