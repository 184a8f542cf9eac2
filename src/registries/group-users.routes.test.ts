import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { users } from "../accounts/accounts.table.js";
import { makeOrg, makeUser, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { createGroup } from "./create-group.js";
import type { Group } from "./group.js";
import { groupInput, makeGroupUser, makePlanWithItems } from "./registries.factories.js";
import { findGroup } from "./registries.repository.js";
import { updateGroup } from "./update-group.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let orgId: string;
let own: Group;
let other: Group;
let staffCookie: string;
let viewerCookie: string;
let groupCookie: string;
let groupUser: Awaited<ReturnType<typeof makeGroupUser>>;

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const editForm = (g: Group, over: Record<string, string> = {}) => ({
  name: g.name,
  nameKana: g.nameKana,
  legalForm: g.legalForm,
  fields: g.fields.map(String),
  representative: g.representative ?? "",
  phone: g.phone ?? "",
  registeredOn: g.registeredOn,
  isPublic: g.isPublic ? "1" : "",
  version: String(g.version),
  ...over,
});

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  orgId = (await makeOrg(database.db, "山口県")).id;
  const a = await createGroup({ db: database.db }, SYSTEM_ACTOR, orgId, groupInput({ isPublic: true }));
  const b = await createGroup(
    { db: database.db },
    SYSTEM_ACTOR,
    orgId,
    groupInput({
      name: "しものせき環境ネット",
      nameKana: "シモノセキカンキョウネット",
      representative: "下関 次郎",
    }),
  );
  assert.ok(a.ok && b.ok);
  own = a.group;
  other = b.group;
  staffCookie = await signedInCookie(database.db, (await makeUser(database.db, orgId, "registry")).id);
  viewerCookie = await signedInCookie(database.db, (await makeUser(database.db, orgId, "viewer")).id);
  groupUser = await makeGroupUser(database.db, orgId, own.id, "山田 花子");
  groupCookie = await signedInCookie(database.db, groupUser.id);
});
after(() => database.close());

describe("a group's own login", () => {
  it("registry staff invite a group's person from the group page, and the account acts for that group", async () => {
    const res = await app.request(
      `/registries/groups/${own.id}/users`,
      postForm({ displayName: "劇場 事務局", email: "office@gekijo.example.jp" }, { cookie: staffCookie }),
    );
    assert.equal(res.status, 201);
    assert.match(await res.text(), /\/invitations\//);
    const [row] = await database.db.select().from(users).where(eq(users.email, "office@gekijo.example.jp"));
    assert.equal(row?.role, "group");
    assert.equal(row?.registryGroupId, own.id);
  });

  it("refuses the invitation to a viewer, and a malformed address with a Japanese message", async () => {
    const denied = await app.request(
      `/registries/groups/${own.id}/users`,
      postForm({ displayName: "誰か", email: "x@example.jp" }, { cookie: viewerCookie }),
    );
    assert.equal(denied.status, 403);
    const bad = await app.request(
      `/registries/groups/${own.id}/users`,
      postForm({ displayName: "誰か", email: "not-an-address" }, { cookie: staffCookie }),
    );
    assert.equal(bad.status, 422);
    assert.match(text(await bad.text()), /メールアドレス/);
    assert.equal((await database.db.select().from(users).where(eq(users.email, "x@example.jp"))).length, 0);
  });

  it("sends the group's person from /registries/my to their own entry and lets them update it, audited", async () => {
    const my = await app.request("/registries/my", { headers: { cookie: groupCookie } });
    assert.equal(my.headers.get("location"), `/registries/groups/${own.id}`);
    const res = await app.request(
      `/registries/groups/${own.id}/edit`,
      postForm(editForm(own, { area: "山口市・防府市", registeredOn: "2001-01-01" }), {
        cookie: groupCookie,
      }),
    );
    assert.equal(res.status, 303);
    const saved = await findGroup(database.db, own.id);
    assert.equal(saved?.area, "山口市・防府市");
    assert.equal(saved?.registeredOn, own.registeredOn, "the registration date stays the office's");
    const page = text(
      await (await app.request(`/registries/groups/${own.id}`, { headers: { cookie: staffCookie } })).text(),
    );
    assert.match(page, /山田 花子 変更/);
    assert.match(page, /活動地域: 山口市 → 山口市・防府市/);
    own = saved!;
  });

  it("answers a group editing another group with 403 and a clear message, and writes nothing", async () => {
    const view = await app.request(`/registries/groups/${other.id}`, { headers: { cookie: groupCookie } });
    assert.equal(view.status, 403);
    assert.match(text(await view.text()), /ほかの団体の登録内容は表示・変更できません/);
    const res = await app.request(
      `/registries/groups/${other.id}/edit`,
      postForm(editForm(other, { area: "乗っ取り市" }), { cookie: groupCookie }),
    );
    assert.equal(res.status, 403);
    assert.match(text(await res.text()), /ほかの団体の登録内容は表示・変更できません/);
    const after = await findGroup(database.db, other.id);
    assert.equal(after?.version, other.version);
    assert.equal(after?.area, other.area);
  });

  it("refuses the same change at the use case, whatever the route", async () => {
    const r = await updateGroup({ db: database.db }, groupUser, {
      groupId: other.id,
      version: other.version,
      fields: { ...groupInput({ name: other.name, nameKana: other.nameKana, area: "乗っ取り市" }) },
    });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.reason, "forbidden");
    assert.equal((await findGroup(database.db, other.id))?.area, other.area);
  });

  it("keeps the staff list, the plans and other groups closed to a group's person", async () => {
    for (const path of ["/registries/groups", "/registries/projects", "/registries/groups/new"]) {
      const res = await app.request(path, { headers: { cookie: groupCookie } });
      assert.equal(res.status, 403, path);
    }
  });

  it("answers bad input from the group's person with field messages and writes nothing", async () => {
    const res = await app.request(
      `/registries/groups/${own.id}/edit`,
      postForm(
        editForm(own, { postalCode: "〒7530001", phone: "083-xxxx", website: "javascript:alert(1)" }),
        {
          cookie: groupCookie,
        },
      ),
    );
    assert.equal(res.status, 422);
    const body = text(await res.text());
    assert.match(body, /郵便番号は 123-4567 の形で入力してください/);
    assert.match(body, /電話番号は/);
    assert.match(body, /ホームページ/);
    assert.equal((await findGroup(database.db, own.id))?.version, own.version);
  });
});

describe("personal data (registry.view)", () => {
  it("shows the representative and contact to registry staff and to the group itself", async () => {
    for (const cookie of [staffCookie, groupCookie]) {
      const page = text(
        await (await app.request(`/registries/groups/${own.id}`, { headers: { cookie } })).text(),
      );
      assert.match(page, /山田 花子/);
      assert.match(page, /083-933-2573/);
    }
  });

  it("hides them from other people of the organisation, in the facts and in the history", async () => {
    const res = await app.request(`/registries/groups/${other.id}`, { headers: { cookie: viewerCookie } });
    assert.equal(res.status, 200);
    const page = text(await res.text());
    assert.doesNotMatch(page, /下関 次郎/);
    assert.doesNotMatch(page, /083-933-2573/);
    assert.doesNotMatch(page, /hanako@example\.jp/);
    assert.match(page, /個人情報のため/);
  });
});

describe("open data in Shift_JIS", () => {
  it("serves the public directory as a CP932 CSV with the standard header", async () => {
    const res = await app.request("/public/groups.sjis.csv");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /Shift_JIS/);
    const body = iconv.decode(Buffer.from(await res.arrayBuffer()), "cp932");
    assert.match(body, /^全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ/);
    assert.match(body, /やまぐち子ども劇場/);
    assert.doesNotMatch(body, /しものせき環境ネット/);
  });
});

describe("who may give a group a login", () => {
  it("tells an administrator that a group's person is invited from the group's page", async () => {
    const admin = await signedInCookie(database.db, (await makeUser(database.db, orgId, "admin")).id);
    const res = await app.request(
      "/admin/users",
      postForm({ email: "g@example.jp", displayName: "団体の人", role: "group" }, { cookie: admin }),
    );
    assert.equal(res.status, 422);
    assert.match(text(await res.text()), /団体登録簿の団体のページから招待してください/);
    assert.equal((await database.db.select().from(users).where(eq(users.email, "g@example.jp"))).length, 0);
  });
});

describe("the plan-item picker of a project", () => {
  it("lists the organisation's plan items by number label and title, and refuses an item of another organisation", async () => {
    const [mine] = await makePlanWithItems(database.db, orgId, [["Ⅲ-ウ", "中間支援組織の機能強化"]]);
    const elsewhere = (await makeOrg(database.db, "他県")).id;
    const [foreign] = await makePlanWithItems(database.db, elsewhere, [["1", "よその取組"]]);
    const form = await (
      await app.request("/registries/projects/new", { headers: { cookie: staffCookie } })
    ).text();
    assert.match(form, /<select[^>]*name="planNodeIds"[^>]*multiple/);
    assert.match(form, new RegExp(`<option value="${mine}">Ⅲ-ウ 中間支援組織の機能強化</option>`));
    assert.doesNotMatch(form, /よその取組/);
    const project = { title: "中間支援の協働", form: "共催", fiscalYear: "2025", budget: "" };
    const bad = await app.request(
      "/registries/projects",
      postForm({ ...project, planNodeIds: [foreign!] }, { cookie: staffCookie }),
    );
    assert.equal(bad.status, 422);
    assert.match(text(await bad.text()), /関連する計画の項目が見つかりません/);
    const ok = await app.request(
      "/registries/projects",
      postForm({ ...project, planNodeIds: [mine!] }, { cookie: staffCookie }),
    );
    assert.equal(ok.status, 303);
    const page = text(
      await (await app.request(ok.headers.get("location")!, { headers: { cookie: staffCookie } })).text(),
    );
    assert.match(page, /Ⅲ-ウ 中間支援組織の機能強化（第1期 協働推進基本計画）/);
    assert.match(page, /令和7年度/);
  });
});
