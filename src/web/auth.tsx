import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CurrentUser } from "../accounts/account.js";
import { type Action, can, type Target } from "../accounts/permissions.js";
import { sessionCookieName } from "../accounts/session.js";
import { validateSession } from "../accounts/validate-session.js";
import type { AppEnv } from "./context.js";
import { renderForbidden } from "./error-pages.js";

/** Paths that never need to know who is asking (no database lookup for them). */
const ANONYMOUS_PREFIXES = ["/static/", "/health"];

/**
 * Reads the session cookie, sets `c.get("user")` (or null), slides the expiry, and drops a cookie whose
 * session is gone. Pages for signed-in people are not stored by shared caches.
 */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (ANONYMOUS_PREFIXES.some((p) => c.req.path.startsWith(p))) return next();
    const deps = c.get("deps");
    const token = getCookie(c, sessionCookieName(deps.config.production));
    if (token !== undefined) {
      const valid = await validateSession({ db: deps.database.db }, token);
      if (valid) {
        c.set("user", valid.user);
        if (valid.renewed) setSessionCookie(c, token, valid.expiresAt);
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
    if (c.get("user") && !c.res.headers.has("cache-control"))
      c.res.headers.set("cache-control", "private, no-store");
  };
}

/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site posts),
 * Secure and `__Host-` prefixed in production, expiring with the session.
 */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  const production = c.get("deps").config.production;
  setCookie(c, sessionCookieName(production), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: production,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const production = c.get("deps").config.production;
  deleteCookie(c, sessionCookieName(production), {
    path: "/",
    secure: production,
    httpOnly: true,
    sameSite: "Lax",
  });
}

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName(c.get("deps").config.production));
}

function wantsJson(c: Context<AppEnv>): boolean {
  return c.req.path.startsWith("/api/") || (c.req.header("accept") ?? "").includes("application/json");
}

/**
 * The signed-in person, or the response to send instead: a redirect to `/signin?next=…` for pages
 * (with `expired=1` when a cookie was sent but its session is gone), 401 JSON for API calls.
 *
 * @example const user = requireUser(c); if (user instanceof Response) return user;
 */
export function requireUser(c: Context<AppEnv>): CurrentUser | Response {
  const user = c.get("user");
  if (user) return user;
  if (wantsJson(c)) return c.json({ error: "unauthenticated", message: "ログインが必要です。" }, 401);
  const url = new URL(c.req.url);
  const params = new URLSearchParams({ next: c.req.method === "GET" ? `${url.pathname}${url.search}` : "/" });
  if (sessionToken(c) !== undefined) params.set("expired", "1");
  return c.redirect(`/signin?${params}`, 303);
}

/**
 * Asks `can()` for the signed-in person; returns null when allowed, otherwise the response to send:
 * the sign-in redirect (or 401) for anonymous visitors, a Japanese 403 page (or 403 JSON) for others.
 *
 * @example const denied = await authorize(c, "user.manage", { orgId: user.orgId }); if (denied) return denied;
 */
export async function authorize(
  c: Context<AppEnv>,
  action: Action,
  target: Target,
): Promise<Response | null> {
  const user = requireUser(c);
  if (user instanceof Response) return user;
  if (can(user, action, target)) return null;
  if (wantsJson(c)) return c.json({ error: "forbidden", message: "この操作を行う権限がありません。" }, 403);
  return renderForbidden(c);
}

/**
 * The client's address for sign-in throttling: the socket's peer, or, behind the reverse proxy that
 * PUBLIC_ORIGIN implies, the last X-Forwarded-For entry (the one our proxy appended; earlier ones can be forged).
 */
export function clientIp(c: Context<AppEnv>): string {
  if (c.get("deps").config.publicOrigin) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",").pop()?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests (tests) have no socket
  }
}
