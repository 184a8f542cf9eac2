import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { auditEvents, sessions, signInAttempts } from "./accounts.table.js";
import { changePassword } from "./change-password.js";
import { disableUser } from "./disable-user.js";
import { hashToken, SESSION_TTL_MS } from "./session.js";
import { signIn } from "./sign-in.js";
import { signOut } from "./sign-out.js";
import { makeOrg, makeUser, TEST_PASSWORD } from "./test-factories.js";
import { validateSession } from "./validate-session.js";

describe("signing in and out", () => {
  let database: Database;
  let orgId: string;
  before(async () => {
    database = await createTestDatabase();
    orgId = (await makeOrg(database.db)).id;
  });
  after(() => database.close());
  const deps = () => ({ db: database.db });

  it("signs a person in with e-mail (any case) and password, storing only the token's hash", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const out = await signIn(deps(), {
      email: u.email.toUpperCase(),
      password: TEST_PASSWORD,
      ip: "10.0.0.1",
    });
    assert.ok(out.ok);
    assert.equal(out.user.id, u.id);
    const rows = await database.db.select().from(sessions).where(eq(sessions.userId, u.id));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.id, hashToken(out.token));
    assert.notEqual(rows[0]!.id, out.token);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, u.id));
    assert.deepEqual(
      audit.map((a) => a.action),
      ["session.sign_in"],
    );
  });

  it("gives every sign-in a new session id", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const a = await signIn(deps(), { email: u.email, password: TEST_PASSWORD, ip: "10.0.0.2" });
    const b = await signIn(deps(), { email: u.email, password: TEST_PASSWORD, ip: "10.0.0.2" });
    assert.ok(a.ok && b.ok);
    assert.notEqual(a.token, b.token);
  });

  it("refuses a wrong password with a Japanese message, logs the attempt and an audit event, and creates no session", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const out = await signIn(deps(), { email: u.email, password: "wrong password!", ip: "10.0.0.3" });
    assert.equal(out.ok, false);
    assert.ok(!out.ok && out.kind === "unauthenticated");
    assert.ok(!out.ok && /正しくありません/.test(out.errors.form ?? ""));
    assert.equal((await database.db.select().from(sessions).where(eq(sessions.userId, u.id))).length, 0);
    const attempts = await database.db
      .select()
      .from(signInAttempts)
      .where(eq(signInAttempts.key, `email:${u.email}`));
    assert.deepEqual(
      attempts.map((a) => a.succeeded),
      [false],
    );
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, u.id));
    assert.deepEqual(
      audit.map((a) => a.action),
      ["session.sign_in_failed"],
    );
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    const out = await signIn(deps(), {
      email: "nobody@test.kyodo.jp",
      password: "whatever123",
      ip: "10.0.0.4",
    });
    assert.ok(!out.ok && out.kind === "unauthenticated" && /正しくありません/.test(out.errors.form ?? ""));
  });

  it("asks for missing fields instead of failing", async () => {
    const out = await signIn(deps(), { email: undefined, password: ["a"], ip: "10.0.0.5" });
    assert.ok(!out.ok && out.kind === "invalid");
    assert.ok(!out.ok && out.errors.email && out.errors.password);
  });

  it("pauses sign-in after five failures for an address, even with the right password afterwards", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    for (let i = 0; i < 5; i++) {
      const out = await signIn(deps(), {
        email: u.email,
        password: `wrong-${i}-password`,
        ip: `10.1.0.${i}`,
      });
      assert.ok(!out.ok && out.kind === "unauthenticated");
    }
    const out = await signIn(deps(), { email: u.email, password: TEST_PASSWORD, ip: "10.1.0.99" });
    assert.ok(!out.ok && out.kind === "throttled");
    assert.ok(!out.ok && /15分/.test(out.errors.form ?? ""));
    assert.equal((await database.db.select().from(sessions).where(eq(sessions.userId, u.id))).length, 0);
  });

  it("lets the address in again once the failures are older than fifteen minutes", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const past = new Date(Date.now() - 16 * 60 * 1000);
    for (let i = 0; i < 5; i++) {
      await signIn(
        { db: database.db, now: () => past },
        { email: u.email, password: "wrong-password", ip: "10.2.0.1" },
      );
    }
    const out = await signIn(deps(), { email: u.email, password: TEST_PASSWORD, ip: "10.2.0.2" });
    assert.ok(out.ok);
  });

  it("pauses sign-in from one client address after thirty failures across addresses", async () => {
    for (let i = 0; i < 30; i++) {
      await signIn(deps(), { email: `guess-${i}@test.kyodo.jp`, password: "wrong-password", ip: "10.3.0.1" });
    }
    const u = await makeUser(database.db, orgId, "viewer");
    const out = await signIn(deps(), { email: u.email, password: TEST_PASSWORD, ip: "10.3.0.1" });
    assert.ok(!out.ok && out.kind === "throttled");
    const elsewhere = await signIn(deps(), { email: u.email, password: TEST_PASSWORD, ip: "10.3.0.2" });
    assert.ok(elsewhere.ok);
  });

  it("does not let a disabled person in, even with the right password", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const u = await makeUser(database.db, orgId, "viewer");
    const session = await signIn(deps(), { email: u.email, password: TEST_PASSWORD, ip: "10.4.0.1" });
    assert.ok(session.ok);
    const disabled = await disableUser(deps(), { actor: admin, userId: u.id, version: "1" });
    assert.ok(disabled.ok);
    assert.equal(disabled.sessionsEnded, 1);
    assert.equal(await validateSession(deps(), session.token), null);
    const again = await signIn(deps(), { email: u.email, password: TEST_PASSWORD, ip: "10.4.0.1" });
    assert.ok(!again.ok && again.kind === "unauthenticated");
  });
});

describe("sessions", () => {
  let database: Database;
  let orgId: string;
  before(async () => {
    database = await createTestDatabase();
    orgId = (await makeOrg(database.db)).id;
  });
  after(() => database.close());

  async function signedIn(role: "viewer" | "department" = "viewer") {
    const u = await makeUser(database.db, orgId, role);
    const out = await signIn(
      { db: database.db },
      { email: u.email, password: TEST_PASSWORD, ip: "10.9.0.1" },
    );
    assert.ok(out.ok);
    return { user: u, token: out.token };
  }

  it("recognise the person behind a token, with their departments", async () => {
    const { user, token } = await signedIn();
    const v = await validateSession({ db: database.db }, token);
    assert.equal(v?.user.id, user.id);
    assert.deepEqual(v?.user.departmentIds, []);
  });

  it("end after eight hours without use, and are removed", async () => {
    const { token } = await signedIn();
    const later = new Date(Date.now() + SESSION_TTL_MS + 1000);
    assert.equal(await validateSession({ db: database.db, now: () => later }, token), null);
    assert.equal(
      (
        await database.db
          .select()
          .from(sessions)
          .where(eq(sessions.id, hashToken(token)))
      ).length,
      0,
    );
  });

  it("slide forward when used in their second half", async () => {
    const { token } = await signedIn();
    const fiveHours = new Date(Date.now() + 5 * 60 * 60 * 1000);
    const v = await validateSession({ db: database.db, now: () => fiveHours }, token);
    assert.ok(v?.renewed);
    const [row] = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)));
    assert.equal(row!.expiresAt.getTime(), fiveHours.getTime() + SESSION_TTL_MS);
  });

  it("end on sign-out, which is recorded", async () => {
    const { user, token } = await signedIn();
    await signOut({ db: database.db }, { token });
    assert.equal(await validateSession({ db: database.db }, token), null);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
    assert.ok(audit.some((a) => a.action === "session.sign_out"));
  });

  it("all end when the password changes, and the new password works", async () => {
    const { user, token } = await signedIn();
    const other = await signIn(
      { db: database.db },
      { email: user.email, password: TEST_PASSWORD, ip: "10.9.0.2" },
    );
    assert.ok(other.ok);
    const changed = await changePassword(
      { db: database.db },
      { user, current: TEST_PASSWORD, password: "a brand new passphrase", confirm: "a brand new passphrase" },
    );
    assert.ok(changed.ok);
    assert.equal(await validateSession({ db: database.db }, token), null);
    assert.equal(await validateSession({ db: database.db }, other.token), null);
    assert.equal((await validateSession({ db: database.db }, changed.token))?.user.id, user.id);
    const again = await signIn(
      { db: database.db },
      { email: user.email, password: "a brand new passphrase", ip: "10.9.0.3" },
    );
    assert.ok(again.ok);
  });

  it("survive a password change with the wrong current password, which changes nothing", async () => {
    const { user, token } = await signedIn();
    const out = await changePassword(
      { db: database.db },
      {
        user,
        current: "not my password",
        password: "a brand new passphrase",
        confirm: "a brand new passphrase",
      },
    );
    assert.ok(!out.ok && out.kind === "invalid" && /現在のパスワード/.test(out.errors.current ?? ""));
    assert.ok(await validateSession({ db: database.db }, token));
    const still = await signIn(
      { db: database.db },
      { email: user.email, password: TEST_PASSWORD, ip: "10.9.0.4" },
    );
    assert.ok(still.ok);
  });
});
