import { createHash, randomBytes } from "node:crypto";

/**
 * Database sessions as the lucia-auth.com guide ("Basic session implementation") describes them:
 * the cookie carries a random token, the database only its SHA-256, so a leaked table cannot be replayed.
 */

/** A session ends after 8 hours without use (sliding expiry); a working day of a municipal office. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** The expiry is pushed back when less than this remains, so an active session is written at most every 4 hours. */
export const SESSION_RENEW_WITHIN_MS = SESSION_TTL_MS / 2;
/** Invitation links stay valid for 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The cookie's name. In production the `__Host-` prefix makes the browser refuse it unless it is Secure,
 * has Path=/ and no Domain (RFC 6265bis §4.1.3.2), so no sibling host can plant one.
 */
export function sessionCookieName(production: boolean): string {
  return production ? "__Host-kyodo_session" : "kyodo_session";
}

/** 32 random bytes (256 bits), base64url: what the cookie or the invitation link carries. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The stored id of a token: its SHA-256 in hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as we issue it: 43 base64url characters. Anything else is not looked up. */
export function isWellFormedToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function sessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_TTL_MS);
}

export function isExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}

/** Sliding expiry: renew when less than half of the lifetime remains. */
export function shouldRenew(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN_MS;
}

/**
 * Where to go after signing in: only a path on this site ("/admin/users?page=2"), never another host
 * ("//evil.example", "https://…", "/\\evil") — an open redirect would lend our name to phishing.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\"))
    return "/";
  if (/[\u0000-\u001f]/.test(next) || next.length > 2000) return "/";
  return next;
}
