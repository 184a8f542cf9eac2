import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import type { AppEnv } from "../web/context.js";
import type { CurrentUser } from "./account.js";
import { recordAudit } from "./audit.repository.js";
import {
  makeDepartment,
  makeOrg,
  makeUser,
  ORIGIN,
  postForm,
  signedInCookie,
  testApp,
} from "./test-factories.js";
import { findUser } from "./user.repository.js";

describe("the administrator pages", () => {
  let database: Database;
  let app: Hono<AppEnv>;
  let orgId: string;
  let kenmin: string;
  let jinji: string;
  let admin: CurrentUser;
  let target: CurrentUser;
  let adminCookie: string;
  before(async () => {
    database = await createTestDatabase();
    app = testApp(database);
    orgId = (await makeOrg(database.db, "山口県")).id;
    const bu = await makeDepartment(database.db, orgId, "環境生活部");
    kenmin = await makeDepartment(database.db, orgId, "県民生活課", { parentId: bu });
    jinji = await makeDepartment(database.db, orgId, "人事課");
    admin = await makeUser(database.db, orgId, "admin", { displayName: "管理 太郎" });
    target = await makeUser(database.db, orgId, "viewer", { displayName: "対象 花子" });
    adminCookie = await signedInCookie(database.db, admin.id);
  });
  after(() => database.close());

  /** Everything the accounts routes could write, as one comparable snapshot. */
  async function snapshot(): Promise<string> {
    const r = await database.db.execute(sql`select
      (select count(*) from audit_events) as audit,
      (select count(*) from users) as users,
      (select coalesce(sum(version), 0) from users) as user_versions,
      (select count(*) from user_departments) as memberships,
      (select count(*) from departments) as departments,
      (select coalesce(sum(version), 0) from departments) as department_versions,
      (select count(*) from department_names) as names,
      (select count(*) from invitations) as invitations`);
    return JSON.stringify((r as unknown as { rows: unknown[] }).rows[0]);
  }

  const mutations = (): { path: string; body: Record<string, string | string[]> }[] => [
    {
      path: "/admin/users",
      body: { email: "x@test.kyodo.jp", displayName: "X", role: "admin", departmentIds: [] },
    },
    { path: `/admin/users/${target.id}`, body: { version: "1", displayName: "乗っ取り", role: "admin" } },
    { path: `/admin/users/${target.id}/disable`, body: { version: "1" } },
    { path: `/admin/users/${target.id}/invitation`, body: {} },
    { path: "/admin/departments", body: { name: "新課", parentId: "", validFrom: "2025-04-01" } },
    {
      path: `/admin/departments/${jinji}/rename`,
      body: { version: "1", name: "乗っ取り課", effectiveFrom: "2025-04-01" },
    },
    {
      path: `/admin/departments/${jinji}/merge`,
      body: { version: "1", intoId: kenmin, effectiveFrom: "2025-04-01" },
    },
  ];

  for (const role of ["department", "committee", "registry", "viewer"] as const) {
    it(`refuses every accounts change to a ${role} with 403 and writes nothing`, async () => {
      const u = await makeUser(database.db, orgId, role, {
        departmentIds: role === "department" ? [jinji] : [],
      });
      const cookie = await signedInCookie(database.db, u.id);
      for (const { path, body } of mutations()) {
        const before = await snapshot();
        const res = await app.request(`${ORIGIN}${path}`, postForm(body, { cookie }));
        assert.equal(res.status, 403, path);
        assert.match(await res.text(), /権限がありません/, path);
        assert.equal(await snapshot(), before, path);
      }
      for (const page of [
        "/admin/users",
        "/admin/departments",
        "/admin/audit",
        `/admin/users/${target.id}`,
      ]) {
        assert.equal((await app.request(`${ORIGIN}${page}`, { headers: { cookie } })).status, 403, page);
      }
    });
  }

  it("refuses every change to another organisation's administrator with 403 and writes nothing", async () => {
    const other = await makeOrg(database.db, "三重県");
    const foreign = await makeUser(database.db, other.id, "admin");
    const cookie = await signedInCookie(database.db, foreign.id);
    for (const { path, body } of mutations().slice(1)) {
      if (path === "/admin/departments") continue; // adds to the foreign admin's own organisation
      const before = await snapshot();
      const res = await app.request(`${ORIGIN}${path}`, postForm(body, { cookie }));
      assert.equal(res.status, 403, path);
      assert.equal(await snapshot(), before, path);
    }
    assert.equal(
      (await app.request(`${ORIGIN}/admin/users/${target.id}`, { headers: { cookie } })).status,
      403,
    );
    const list = await (await app.request(`${ORIGIN}/admin/users`, { headers: { cookie } })).text();
    assert.doesNotMatch(list, /対象 花子/, "another organisation's people are not listed");
  });

  it("refuses anonymous changes by sending to sign-in, writing nothing", async () => {
    for (const { path, body } of mutations()) {
      const before = await snapshot();
      const res = await app.request(`${ORIGIN}${path}`, postForm(body));
      assert.equal(res.status, 303, path);
      assert.match(res.headers.get("location") ?? "", /^\/signin/);
      assert.equal(await snapshot(), before, path);
    }
  });

  it("lists people, departments and the audit trail for an administrator", async () => {
    for (const [page, heading] of [
      ["/admin/users", "利用者の管理"],
      ["/admin/departments", "部署の管理"],
      ["/admin/audit", "操作履歴"],
      [`/admin/users/${target.id}`, "対象 花子さんの編集"],
      [`/admin/departments/${kenmin}`, "県民生活課の名称変更・統合"],
    ]) {
      const res = await app.request(`${ORIGIN}${page}`, { headers: { cookie: adminCookie } });
      assert.equal(res.status, 200, page);
      assert.match(await res.text(), new RegExp(`<h1>${heading}</h1>`), page);
    }
  });

  it("invites a person and shows the one-time link once", async () => {
    const res = await app.request(
      `${ORIGIN}/admin/users`,
      postForm(
        {
          email: "new.staff@test.kyodo.jp",
          displayName: "新任 職員",
          role: "department",
          departmentIds: [kenmin],
        },
        { cookie: adminCookie },
      ),
    );
    assert.equal(res.status, 201);
    const html = await res.text();
    const link = /value="(http:\/\/localhost\/invitations\/[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
    assert.ok(link, "the page shows the invitation link");
    const open = await app.request(link);
    assert.equal(open.status, 200);
    assert.match(await open.text(), /新任 職員さん、Kyōdō へようこそ/);
  });

  it("answers 422 with the reasons when an invitation is incomplete, writing nothing", async () => {
    const before = await snapshot();
    const res = await app.request(
      `${ORIGIN}/admin/users`,
      postForm({ email: "bad", displayName: "", role: "department" }, { cookie: adminCookie }),
    );
    assert.equal(res.status, 422);
    const html = await res.text();
    assert.match(html, /メールアドレスの形式が正しくありません/);
    assert.match(html, /氏名を入力してください/);
    assert.match(html, /aria-invalid="true"/);
    assert.equal(await snapshot(), before);
  });

  it("answers 409 to a stale edit form, shows what changed, and overwrites nothing", async () => {
    const u = await makeUser(database.db, orgId, "viewer", { displayName: "競合 次郎" });
    const first = await app.request(
      `${ORIGIN}/admin/users/${u.id}`,
      postForm({ version: "1", displayName: "競合 次郎", role: "committee" }, { cookie: adminCookie }),
    );
    assert.equal(first.status, 303);
    const before = await snapshot();
    const stale = await app.request(
      `${ORIGIN}/admin/users/${u.id}`,
      postForm({ version: "1", displayName: "競合 次郎", role: "registry" }, { cookie: adminCookie }),
    );
    assert.equal(stale.status, 409);
    const html = await stale.text();
    assert.match(html, /他の人が先に更新しました/);
    assert.match(html, /中間支援組織職員/, "shows the role the person entered");
    assert.match(html, /審議会委員/, "shows the role stored now");
    assert.match(html, /name="version" value="2"/, "the form now carries the stored version");
    assert.equal(await snapshot(), before);
    assert.equal((await findUser(database.db, u.id))?.role, "committee");
  });

  it("answers 409 to a stale rename of a department", async () => {
    const id = await makeDepartment(database.db, orgId, "企画課");
    const ok = await app.request(
      `${ORIGIN}/admin/departments/${id}/rename`,
      postForm({ version: "1", name: "企画調整課", effectiveFrom: "2024-04-01" }, { cookie: adminCookie }),
    );
    assert.equal(ok.status, 303);
    const stale = await app.request(
      `${ORIGIN}/admin/departments/${id}/rename`,
      postForm({ version: "1", name: "政策企画課", effectiveFrom: "2024-04-01" }, { cookie: adminCookie }),
    );
    assert.equal(stale.status, 409);
    const html = await stale.text();
    assert.match(html, /政策企画課/);
    assert.match(html, /企画調整課/);
  });

  it("disables a person, whose session ends at once", async () => {
    const u = await makeUser(database.db, orgId, "viewer", { displayName: "退職 三郎" });
    const cookie = await signedInCookie(database.db, u.id);
    assert.equal((await app.request(`${ORIGIN}/account/password`, { headers: { cookie } })).status, 200);
    const res = await app.request(
      `${ORIGIN}/admin/users/${u.id}/disable`,
      postForm({ version: "1" }, { cookie: adminCookie }),
    );
    assert.equal(res.status, 303);
    const list = await app.request(`${ORIGIN}${res.headers.get("location")}`, {
      headers: { cookie: adminCookie },
    });
    assert.match(await list.text(), /退職 三郎さんを無効にしました/);
    assert.equal((await app.request(`${ORIGIN}/account/password`, { headers: { cookie } })).status, 303);
  });

  it("lists the audit trail with filters and pages, and offers no way to change it", async () => {
    const all = await (
      await app.request(`${ORIGIN}/admin/audit`, { headers: { cookie: adminCookie } })
    ).text();
    assert.match(all, /利用者の招待/);
    const filtered = await (
      await app.request(`${ORIGIN}/admin/audit?action=department.rename`, {
        headers: { cookie: adminCookie },
      })
    ).text();
    assert.match(filtered, /部署の名称変更/);
    assert.doesNotMatch(filtered, /<td>利用者の招待<\/td>/);
    const byPerson = await (
      await app.request(`${ORIGIN}/admin/audit?actor=${target.id}`, { headers: { cookie: adminCookie } })
    ).text();
    assert.match(byPerson, /該当する記録はありません/);
    const future = await (
      await app.request(`${ORIGIN}/admin/audit?from=2999-01-01`, { headers: { cookie: adminCookie } })
    ).text();
    assert.match(future, /操作履歴（0件）/);
    const badDate = await app.request(`${ORIGIN}/admin/audit?from=昨日&page=abc`, {
      headers: { cookie: adminCookie },
    });
    assert.equal(badDate.status, 422);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await app.request(`${ORIGIN}/admin/audit`, {
        method,
        headers: { cookie: adminCookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
        body: "id=1",
      });
      assert.equal(res.status, 404, method);
    }
  });

  it("pages the audit trail fifty events at a time, newest first", async () => {
    for (let i = 1; i <= 55; i++) {
      await recordAudit(database.db, {
        orgId,
        actor: admin,
        action: "test.bulk",
        entityType: "user",
        entityId: target.id,
        note: `event-${String(i).padStart(2, "0")}`,
      });
    }
    const first = await (
      await app.request(`${ORIGIN}/admin/audit?action=test.bulk`, { headers: { cookie: adminCookie } })
    ).text();
    assert.match(first, /1 \/ 2ページ/);
    assert.match(first, /event-55/);
    assert.doesNotMatch(first, /event-05</);
    assert.match(first, /href="\/admin\/audit\?action=test.bulk&amp;page=2"/);
    const second = await (
      await app.request(`${ORIGIN}/admin/audit?action=test.bulk&page=2`, { headers: { cookie: adminCookie } })
    ).text();
    assert.equal((second.match(/event-\d\d/g) ?? []).length, 5);
    assert.match(second, /rel="prev"/);
    assert.doesNotMatch(second, /rel="next"/);
  });
});
