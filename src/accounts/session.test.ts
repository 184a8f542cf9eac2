import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  hashToken,
  isExpired,
  isWellFormedToken,
  newToken,
  SESSION_TTL_MS,
  safeNextPath,
  sessionCookieName,
  sessionExpiry,
  shouldRenew,
} from "./session.js";

describe("session tokens", () => {
  it("are 256 random bits that differ every time, stored only as their SHA-256", () => {
    const a = newToken();
    const b = newToken();
    assert.notEqual(a, b);
    assert.ok(isWellFormedToken(a));
    assert.equal(hashToken(a).length, 64);
    assert.notEqual(hashToken(a), a);
    assert.equal(hashToken(a), hashToken(a));
  });
  it("refuses to look up anything that is not a token we issue", () => {
    assert.equal(isWellFormedToken(undefined), false);
    assert.equal(isWellFormedToken(""), false);
    assert.equal(isWellFormedToken("' or 1=1 --"), false);
    assert.equal(isWellFormedToken(`${newToken()}x`), false);
  });
  it("use a __Host- cookie in production only", () => {
    assert.equal(sessionCookieName(true), "__Host-kyodo_session");
    assert.equal(sessionCookieName(false), "kyodo_session");
  });
});

describe("sliding expiry", () => {
  const now = new Date("2025-06-01T09:00:00+09:00");
  it("lasts eight hours from the last renewal", () => {
    assert.equal(sessionExpiry(now).getTime() - now.getTime(), SESSION_TTL_MS);
  });
  it("is renewed only in the second half of its life", () => {
    assert.equal(shouldRenew(sessionExpiry(now), now), false);
    assert.equal(shouldRenew(new Date(now.getTime() + SESSION_TTL_MS / 2 - 1), now), true);
  });
  it("has ended at its expiry moment", () => {
    assert.equal(isExpired(now, now), true);
    assert.equal(isExpired(new Date(now.getTime() + 1), now), false);
  });
});

describe("where to go after signing in", () => {
  it("keeps a path on this site", () => {
    assert.equal(safeNextPath("/admin/users?page=2"), "/admin/users?page=2");
  });
  it("never sends a person to another site", () => {
    for (const bad of [
      "//evil.example/",
      "https://evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      42,
    ]) {
      assert.equal(safeNextPath(bad), "/");
    }
  });
  it("answers a same-site path for any input", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const next = safeNextPath(s);
        assert.ok(next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\"));
        assert.equal(new URL(next, "https://kyodo.example.lg.jp").host, "kyodo.example.lg.jp");
      }),
    );
  });
});
