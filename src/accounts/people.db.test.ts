import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count, eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { acceptInvitation, findOpenInvitation } from "./accept-invitation.js";
import { auditEvents, invitations, users } from "./accounts.table.js";
import { inviteUser } from "./invite-user.js";
import { reissueInvitation } from "./reissue-invitation.js";
import { INVITATION_TTL_MS } from "./session.js";
import { signIn } from "./sign-in.js";
import { makeDepartment, makeOrg, makeUser } from "./test-factories.js";
import { updateUser } from "./update-user.js";
import { findUser } from "./user.repository.js";
import { validateSession } from "./validate-session.js";

describe("administrators managing people", () => {
  let database: Database;
  let orgId: string;
  let kenmin: string;
  let jinji: string;
  let otherOrgDept: string;
  before(async () => {
    database = await createTestDatabase();
    orgId = (await makeOrg(database.db, "山口県")).id;
    kenmin = await makeDepartment(database.db, orgId, "県民生活課");
    jinji = await makeDepartment(database.db, orgId, "人事課");
    const other = await makeOrg(database.db, "三重県");
    otherOrgDept = await makeDepartment(database.db, other.id, "ダイバーシティ社会推進課");
  });
  after(() => database.close());
  const deps = () => ({ db: database.db });
  const auditCount = async () => (await database.db.select({ n: count() }).from(auditEvents))[0]!.n;

  it("invite a person, who sets a password at the one-time link and is then signed in", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const invited = await inviteUser(deps(), {
      actor: admin,
      email: " Suzuki@Pref.Example.LG.JP ",
      displayName: "鈴木 花子",
      role: "department",
      departmentIds: [kenmin],
    });
    assert.ok(invited.ok);
    const stored = await findUser(database.db, invited.userId);
    assert.equal(stored?.email, "suzuki@pref.example.lg.jp");
    assert.equal(stored?.hasPassword, false);
    assert.deepEqual(stored?.departmentIds, [kenmin]);
    const [inv] = await database.db.select().from(invitations).where(eq(invitations.userId, invited.userId));
    assert.notEqual(inv!.id, invited.token, "only the hash of the link's token is stored");

    const open = await findOpenInvitation(deps(), invited.token);
    assert.ok(open.ok && open.user.displayName === "鈴木 花子");
    const accepted = await acceptInvitation(deps(), {
      token: invited.token,
      password: "hanako no passphrase",
      confirm: "hanako no passphrase",
    });
    assert.ok(accepted.ok);
    assert.equal((await validateSession(deps(), accepted.token))?.user.id, invited.userId);
    const second = await acceptInvitation(deps(), {
      token: invited.token,
      password: "another passphrase",
      confirm: "another passphrase",
    });
    assert.ok(!second.ok && second.kind === "not-found" && /無効/.test(second.errors.form ?? ""));
    const signedIn = await signIn(deps(), {
      email: "suzuki@pref.example.lg.jp",
      password: "hanako no passphrase",
      ip: "10.0.0.1",
    });
    assert.ok(signedIn.ok);
    const actions = await database.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, invited.userId));
    assert.deepEqual(
      actions.map((a) => a.action),
      ["user.invite", "user.accept_invitation", "session.sign_in"],
    );
    assert.ok(!JSON.stringify(actions).includes("argon2"), "no password hash in the audit trail");
  });

  it("refuse an expired invitation link", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const invited = await inviteUser(deps(), {
      actor: admin,
      email: "late@test.kyodo.jp",
      displayName: "遅 太郎",
      role: "viewer",
      departmentIds: [],
    });
    assert.ok(invited.ok);
    const later = () => new Date(Date.now() + INVITATION_TTL_MS + 1000);
    const out = await acceptInvitation(
      { db: database.db, now: later },
      { token: invited.token, password: "late passphrase", confirm: "late passphrase" },
    );
    assert.ok(!out.ok && out.kind === "not-found");
  });

  it("replace an old invitation link when a new one is issued", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const first = await inviteUser(deps(), {
      actor: admin,
      email: "again@test.kyodo.jp",
      displayName: "再 招待",
      role: "viewer",
      departmentIds: [],
    });
    assert.ok(first.ok);
    const second = await reissueInvitation(deps(), { actor: admin, userId: first.userId });
    assert.ok(second.ok);
    assert.equal((await findOpenInvitation(deps(), first.token)).ok, false);
    assert.equal((await findOpenInvitation(deps(), second.token)).ok, true);
  });

  it("are told in Japanese what is wrong with an invitation, and nothing is written", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const taken = await makeUser(database.db, orgId, "viewer");
    const before = await auditCount();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ email: "not an address" }, "email", /形式/],
      [{ email: taken.email.toUpperCase() }, "email", /すでに登録/],
      [{ displayName: "  " }, "displayName", /氏名/],
      [{ role: "root" }, "role", /役割/],
      [{ role: "department", departmentIds: [] }, "departmentIds", /1つ以上/],
      [{ departmentIds: [otherOrgDept] }, "departmentIds", /見つからない/],
      [{ departmentIds: ["not-a-uuid"] }, "departmentIds", /見つからない/],
    ];
    for (const [change, field, message] of cases) {
      const out = await inviteUser(deps(), {
        actor: admin,
        email: "fresh@test.kyodo.jp",
        displayName: "新 人",
        role: "viewer",
        departmentIds: [],
        ...change,
      });
      assert.ok(!out.ok && out.kind === "invalid", JSON.stringify(change));
      assert.match(out.errors[field] ?? "", message, JSON.stringify(change));
    }
    assert.equal(await auditCount(), before);
    assert.equal(
      (await database.db.select().from(users).where(eq(users.email, "fresh@test.kyodo.jp"))).length,
      0,
    );
  });

  it("change role and departments, recording before and after", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const u = await makeUser(database.db, orgId, "viewer", { displayName: "山田 一郎" });
    const out = await updateUser(deps(), {
      actor: admin,
      userId: u.id,
      version: "1",
      displayName: "山田 一郎",
      role: "department",
      departmentIds: [kenmin, jinji],
    });
    assert.ok(out.ok);
    const stored = await findUser(database.db, u.id);
    assert.equal(stored?.role, "department");
    assert.equal(stored?.version, 2);
    assert.deepEqual(stored?.departmentIds.sort(), [kenmin, jinji].sort());
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, u.id));
    assert.equal(event!.action, "user.update");
    assert.deepEqual((event!.before as { role: string }).role, "viewer");
    assert.deepEqual((event!.after as { role: string }).role, "department");
  });

  it("refuse a save from a stale form with a conflict that carries the stored person, overwriting nothing", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const u = await makeUser(database.db, orgId, "viewer", { displayName: "佐藤 次郎" });
    const first = await updateUser(deps(), {
      actor: admin,
      userId: u.id,
      version: "1",
      displayName: "佐藤 次郎",
      role: "committee",
      departmentIds: [],
    });
    assert.ok(first.ok);
    const before = await auditCount();
    const stale = await updateUser(deps(), {
      actor: admin,
      userId: u.id,
      version: "1",
      displayName: "佐藤 次郎（変更）",
      role: "registry",
      departmentIds: [],
    });
    assert.ok(!stale.ok && stale.kind === "conflict");
    assert.equal(stale.current?.role, "committee");
    const stored = await findUser(database.db, u.id);
    assert.equal(stored?.displayName, "佐藤 次郎");
    assert.equal(stored?.role, "committee");
    assert.equal(await auditCount(), before);
  });

  it("cannot reach people of another organisation", async () => {
    const otherOrg = await makeOrg(database.db, "他県");
    const stranger = await makeUser(database.db, otherOrg.id, "viewer");
    const admin = await makeUser(database.db, orgId, "admin");
    const out = await updateUser(deps(), {
      actor: admin,
      userId: stranger.id,
      version: "1",
      displayName: "乗っ取り",
      role: "admin",
      departmentIds: [],
    });
    assert.ok(!out.ok && out.kind === "forbidden");
    assert.equal((await findUser(database.db, stranger.id))?.role, "viewer");
  });

  it("cannot remove their own administrator role", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const out = await updateUser(deps(), {
      actor: admin,
      userId: admin.id,
      version: "1",
      displayName: admin.displayName,
      role: "viewer",
      departmentIds: [],
    });
    assert.ok(!out.ok && out.kind === "invalid" && /管理者/.test(out.errors.role ?? ""));
  });
});
