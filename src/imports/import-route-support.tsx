/**
 * What both import route files use (imports.routes.tsx: a whole plan; table-imports.routes.tsx: a round's
 * progress and a plan's yearly values): the request's accessors, the upload limit, the guard, the 403/404
 * pages and the saving of a job's mapping. With those two files, the only files of the imports capability
 * that touch Hono.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { CurrentUser } from "../accounts/account.js";
import { MessagePage } from "../plans/pages/components.js";
import type { Failure } from "../plans/plan-use-case.js";
import { authorize, requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { DEFAULT_LIMITS, formatBytes } from "./grid.js";
import { saveImportMapping } from "./save-import-mapping.js";

export type C = Context<AppEnv>;
export const db = (c: C) => c.get("deps").database.db;
export const deps = (c: C) => ({ db: db(c) });
export const user = (c: C) => c.get("user") as CurrentUser;

/** The upload limit; the request body may exceed it by the multipart framing and the other form fields. */
export const MAX_UPLOAD = DEFAULT_LIMITS.maxBytes;
export const MAX_BODY = MAX_UPLOAD + 1024 * 1024;
export const LIMIT_LABEL = formatBytes(MAX_UPLOAD);

/**
 * Signed in and allowed to import for their own organisation; otherwise the sign-in redirect or 403.
 * imports.routes.tsx guards all of `/imports/*` with it, table-imports.routes.tsx its own paths too (so that it
 * does not depend on importRoutes being mounted): on those paths it runs twice, which changes nothing (it only
 * reads the request's user), so the second run answers as the first.
 */
export const mayImport: MiddlewareHandler<AppEnv> = async (c, next) => {
  // a round's bulk entry is open to department staff; its use cases authorise entry by entry
  if (c.req.path.startsWith("/imports/rounds/")) {
    const signedIn = requireUser(c);
    if (signedIn instanceof Response) return signedIn;
    return next();
  }
  const u = c.get("user");
  const denied = await authorize(c, "import.run", { orgId: u?.orgId ?? "" });
  if (denied) return denied;
  await next();
};

export function notFoundPage(c: C) {
  return renderPage(c, {
    title: m.errors.notFoundTitle,
    status: 404,
    body: (
      <MessagePage title={m.errors.notFoundTitle}>
        <p>{m.imports.errors.notFound}</p>
        <p>
          <a href="/imports">{m.imports.title}</a>
        </p>
      </MessagePage>
    ),
  });
}

/** The mapping form's choices: `col.<n>` (what the column is) and `year.<n>` (the year of a year column). */
export function mappingFields(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body))
    if ((k.startsWith("col.") || k.startsWith("year.")) && typeof v === "string") out[k] = v;
  return out;
}

/** The job's mapping saved under the posted name; done: the job's page, which confirms it (`?saved=`). */
export async function saveMapping(c: C): Promise<{ ok: true; path: string } | Failure> {
  const body = await c.req.parseBody();
  const name = typeof body.name === "string" ? body.name : "";
  const r = await saveImportMapping(deps(c), user(c), c.req.param("id") ?? "", { name });
  return r.ok ? { ok: true, path: `${r.path}?saved=${encodeURIComponent(name.trim())}` } : r;
}
