import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count } from "drizzle-orm";
import type { Hono } from "hono";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import type { AppEnv } from "../web/context.js";
import { auditEvents, sessions } from "./accounts.table.js";
import { hashToken } from "./session.js";
import {
  makeDepartment,
  makeOrg,
  makeUser,
  ORIGIN,
  postForm,
  sessionSetBy,
  signedInCookie,
  TEST_PASSWORD,
  testApp,
} from "./test-factories.js";

describe("signing in and out through the pages", () => {
  let database: Database;
  let app: Hono<AppEnv>;
  let orgId: string;
  before(async () => {
    database = await createTestDatabase();
    app = testApp(database);
    orgId = (await makeOrg(database.db, "山口県")).id;
  });
  after(() => database.close());
  const count_ = async (table: typeof sessions | typeof auditEvents) =>
    (await database.db.select({ n: count() }).from(table))[0]!.n;

  it("shows a Japanese sign-in form", async () => {
    const res = await app.request(`${ORIGIN}/signin`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h1>ログイン<\/h1>/);
    assert.match(html, /autocomplete="current-password"/);
  });

  it("signs in, sets an HttpOnly SameSite=Lax session cookie and goes where the person wanted", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const res = await app.request(
      `${ORIGIN}/signin`,
      postForm({ email: u.email, password: TEST_PASSWORD, next: "/account/password" }),
    );
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/account/password");
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("kyodo_session=") && !c.includes("Max-Age=0"));
    assert.ok(cookie, "a session cookie is set");
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\//);
    const page = await app.request(`${ORIGIN}/account/password`, {
      headers: { cookie: `kyodo_session=${sessionSetBy(res)}` },
    });
    assert.equal(page.status, 200);
    assert.match(await page.text(), new RegExp(u.displayName));
    assert.equal(page.headers.get("cache-control"), "private, no-store");
  });

  it("ends the old session when someone signs in over it (no session fixation)", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const planted = await signedInCookie(database.db, u.id);
    const res = await app.request(
      `${ORIGIN}/signin`,
      postForm({ email: u.email, password: TEST_PASSWORD }, { cookie: planted }),
    );
    assert.equal(res.status, 303);
    const fresh = sessionSetBy(res)!;
    assert.notEqual(`kyodo_session=${fresh}`, planted);
    const old = await app.request(`${ORIGIN}/account/password`, { headers: { cookie: planted } });
    assert.equal(old.status, 303, "the planted session no longer signs anyone in");
  });

  it("answers a wrong password with 401 and a Japanese message, keeping the e-mail typed", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const before = await count_(sessions);
    const res = await app.request(
      `${ORIGIN}/signin`,
      postForm({ email: u.email, password: "wrong password" }),
    );
    assert.equal(res.status, 401);
    const html = await res.text();
    assert.match(html, /メールアドレスまたはパスワードが正しくありません/);
    assert.match(html, new RegExp(`value="${u.email}"`));
    assert.equal(sessionSetBy(res), null);
    assert.equal(await count_(sessions), before);
  });

  it("answers 422 when fields are missing", async () => {
    const res = await app.request(`${ORIGIN}/signin`, postForm({}));
    assert.equal(res.status, 422);
    assert.match(await res.text(), /メールアドレスを入力してください/);
  });

  it("answers 429 in Japanese after five failures for one address", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    for (let i = 0; i < 5; i++) {
      const r = await app.request(
        `${ORIGIN}/signin`,
        postForm({ email: u.email, password: `bad-${i}-password` }),
      );
      assert.equal(r.status, 401);
    }
    const res = await app.request(`${ORIGIN}/signin`, postForm({ email: u.email, password: TEST_PASSWORD }));
    assert.equal(res.status, 429);
    assert.match(await res.text(), /一時的にログインを制限/);
  });

  it("refuses a form posted from another site with a Japanese 403 and writes nothing", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const before = await count_(auditEvents);
    const res = await app.request(
      `${ORIGIN}/signin`,
      postForm({ email: u.email, password: TEST_PASSWORD }, { origin: "https://evil.example" }),
    );
    assert.equal(res.status, 403);
    assert.match(await res.text(), /送信を受け付けられませんでした/);
    assert.equal(await count_(auditEvents), before);
  });

  it("refuses a forged cross-origin request to change a password", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const cookie = await signedInCookie(database.db, u.id);
    const res = await app.request(
      `${ORIGIN}/account/password`,
      postForm(
        { current: TEST_PASSWORD, password: "attacker chosen pw", confirm: "attacker chosen pw" },
        { cookie, origin: "https://evil.example" },
      ),
    );
    assert.equal(res.status, 403);
    const stillOld = await app.request(
      `${ORIGIN}/signin`,
      postForm({ email: u.email, password: TEST_PASSWORD }),
    );
    assert.equal(stillOld.status, 303);
  });

  it("signs out: the session ends and the cookie is cleared", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const cookie = await signedInCookie(database.db, u.id);
    const res = await app.request(`${ORIGIN}/signout`, postForm({}, { cookie }));
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/signin?signedout=1");
    assert.ok(res.headers.getSetCookie().some((c) => c.startsWith("kyodo_session=;") && /Max-Age=0/.test(c)));
    const token = cookie.split("=")[1]!;
    const rows = await database.db.select().from(sessions);
    assert.ok(!rows.some((r) => r.id === hashToken(token)));
  });

  it("sends a visitor without a session to sign in, and back afterwards", async () => {
    const res = await app.request(`${ORIGIN}/admin/users?x=1`);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `/signin?next=${encodeURIComponent("/admin/users?x=1")}`);
    const form = await app.request(`${ORIGIN}${res.headers.get("location")}`);
    assert.match(await form.text(), /このページを表示するにはログインしてください/);
  });

  it("tells a person whose session expired to sign in again, and clears the cookie", async () => {
    const u = await makeUser(database.db, orgId, "admin");
    const cookie = await signedInCookie(database.db, u.id, new Date(Date.now() - 1000));
    const res = await app.request(`${ORIGIN}/admin/users`, { headers: { cookie } });
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /expired=1/);
    assert.ok(res.headers.getSetCookie().some((c) => /Max-Age=0/.test(c)));
    const page = await app.request(`${ORIGIN}${res.headers.get("location")}`);
    assert.match(await page.text(), /有効期限が切れました/);
  });

  it("answers API callers without a session with 401 JSON", async () => {
    const res = await app.request(`${ORIGIN}/admin/users`, { headers: { accept: "application/json" } });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: string }).error, "unauthenticated");
  });

  it("changes one's own password and keeps the person signed in with a new session", async () => {
    const u = await makeUser(database.db, orgId, "committee");
    const cookie = await signedInCookie(database.db, u.id);
    const res = await app.request(
      `${ORIGIN}/account/password`,
      postForm(
        { current: TEST_PASSWORD, password: "committee passphrase", confirm: "committee passphrase" },
        { cookie },
      ),
    );
    assert.equal(res.status, 303);
    const fresh = sessionSetBy(res);
    assert.ok(fresh);
    const page = await app.request(`${ORIGIN}${res.headers.get("location")}`, {
      headers: { cookie: `kyodo_session=${fresh}` },
    });
    assert.match(await page.text(), /パスワードを変更しました/);
    const old = await app.request(`${ORIGIN}/account/password`, { headers: { cookie } });
    assert.equal(old.status, 303);
  });

  it("answers 422 to a mistyped new password, in Japanese", async () => {
    const u = await makeUser(database.db, orgId, "viewer");
    const cookie = await signedInCookie(database.db, u.id);
    const res = await app.request(
      `${ORIGIN}/account/password`,
      postForm(
        { current: TEST_PASSWORD, password: "new passphrase 1", confirm: "new passphrase 2" },
        { cookie },
      ),
    );
    assert.equal(res.status, 422);
    assert.match(await res.text(), /確認用のパスワードが一致しません/);
  });

  it("shows admin menu entries to administrators only", async () => {
    const dept = await makeDepartment(database.db, orgId, "県民生活課");
    const admin = await makeUser(database.db, orgId, "admin");
    const staff = await makeUser(database.db, orgId, "department", { departmentIds: [dept] });
    const adminHome = await (
      await app.request(`${ORIGIN}/`, { headers: { cookie: await signedInCookie(database.db, admin.id) } })
    ).text();
    const staffHome = await (
      await app.request(`${ORIGIN}/`, { headers: { cookie: await signedInCookie(database.db, staff.id) } })
    ).text();
    assert.match(adminHome, /href="\/admin\/audit"/);
    assert.doesNotMatch(staffHome, /href="\/admin\//);
    assert.match(staffHome, /ログアウト/);
  });
});
