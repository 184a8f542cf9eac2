import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { openRound } from "./open-round.js";
import { progressWorld } from "./progress.factories.js";
import { findEntries, findEntry } from "./progress.repository.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

async function world() {
  const w = await progressWorld(database.db, `計画 ${Math.random()}`);
  const admin = await makeUser(database.db, w.orgId, "admin", { displayName: "計画 担当" });
  const staff = await makeUser(database.db, w.orgId, "department", {
    departmentIds: [w.departmentIds.sangyo],
    displayName: "産業 太郎",
  });
  const opened = await openRound({ db: database.db, today: () => "2024-11-01" }, admin, {
    planId: w.planId,
    fiscalYear: 2024,
    deadline: "2099-03-31",
    fieldsAsked: ["status", "result"],
    entryMode: "per-department",
  });
  assert.ok(opened.ok);
  const entries = await findEntries(database.db, [opened.round.id]);
  const entryOf = (key: string, dept?: string) =>
    entries.find(
      (e) => e.nodeId === w.nodeIdByKey.get(key) && (dept === undefined || e.departmentName === dept),
    )!;
  return {
    w,
    round: opened.round,
    entryOf,
    app: testApp(database),
    adminCookie: await signedInCookie(database.db, admin.id),
    staffCookie: await signedInCookie(database.db, staff.id),
  };
}

describe("progress pages", () => {
  it("sends anonymous visitors to sign in", async () => {
    const { app, round } = await world();
    const res = await app.request(`/progress/rounds/${round.id}`);
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /^\/signin\?next=/);
  });

  it("shows department staff exactly their items, and the owner the board with counts per department", async () => {
    const { app, round, staffCookie, adminCookie } = await world();
    const staffPage = await (
      await app.request(`/progress/rounds/${round.id}`, { headers: { cookie: staffCookie } })
    ).text();
    assert.match(staffPage, /あなたの課の取組/);
    assert.match(staffPage, /中小企業との協働/);
    assert.match(staffPage, /協働事業提案制度/);
    assert.match(staffPage, /職員研修/); // 全課
    assert.doesNotMatch(staffPage, /活動拠点の確保/);
    const board = await (
      await app.request(`/progress/rounds/${round.id}`, { headers: { cookie: adminCookie } })
    ).text();
    assert.match(board, /担当課ごとの提出状況/);
    assert.match(board, /協働推進課/);
    assert.match(board, /優先度ごとの達成状況/);
  });

  it("saves a draft from the form, keeping line breaks, and refuses another department's item with 403", async () => {
    const { app, entryOf, staffCookie } = await world();
    const mine = entryOf("b");
    const res = await app.request(
      `/progress/entries/${mine.id}`,
      postForm(
        { version: "1", statusLabel: "着手中", result: "一行目\r\n二行目", action: "save" },
        { cookie: staffCookie },
      ),
    );
    assert.equal(res.status, 303);
    assert.equal((await findEntry(database.db, mine.id))!.result, "一行目\n二行目");
    const other = entryOf("a");
    const refused = await app.request(
      `/progress/entries/${other.id}`,
      postForm({ version: "1", result: "x", action: "save" }, { cookie: staffCookie }),
    );
    assert.equal(refused.status, 403);
    assert.equal((await findEntry(database.db, other.id))!.version, 1);
  });

  it("answers a status outside the vocabulary with 422 and the message beside the form", async () => {
    const { app, entryOf, staffCookie } = await world();
    const res = await app.request(
      `/progress/entries/${entryOf("b").id}`,
      postForm({ version: "1", statusLabel: "完了", result: "", action: "submit" }, { cookie: staffCookie }),
    );
    assert.equal(res.status, 422);
    assert.match(await res.text(), /進捗状況「完了」はこの計画の区分/);
    assert.equal((await findEntry(database.db, entryOf("b").id))!.state, "not_started");
  });

  it("answers a stale save with 409, showing the other person's text and keeping mine in the form", async () => {
    const { app, entryOf, staffCookie, adminCookie } = await world();
    const entry = entryOf("c", "産業振興課");
    await app.request(
      `/progress/entries/${entry.id}`,
      postForm({ version: "1", result: "担当課の文章", action: "save" }, { cookie: staffCookie }),
    );
    const res = await app.request(
      `/progress/entries/${entry.id}`,
      postForm({ version: "1", result: "管理者の文章", action: "save" }, { cookie: adminCookie }),
    );
    assert.equal(res.status, 409);
    const html = await res.text();
    assert.match(html, /担当課の文章/);
    assert.match(html, /管理者の文章<\/textarea>/);
    assert.match(html, /name="version" value="2"/);
    assert.equal((await findEntry(database.db, entry.id))!.result, "担当課の文章");
  });

  it("lets the owner return a submitted entry with a comment the department then sees", async () => {
    const { app, entryOf, staffCookie, adminCookie } = await world();
    const entry = entryOf("b");
    await app.request(
      `/progress/entries/${entry.id}`,
      postForm(
        { version: "1", statusLabel: "済", result: "実施", action: "submit" },
        { cookie: staffCookie },
      ),
    );
    const noReason = await app.request(
      `/progress/entries/${entry.id}/review`,
      postForm({ version: "2", action: "return", comment: "" }, { cookie: adminCookie }),
    );
    assert.equal(noReason.status, 422);
    const returned = await app.request(
      `/progress/entries/${entry.id}/review`,
      postForm(
        { version: "2", action: "return", comment: "参加人数を書いてください。" },
        { cookie: adminCookie },
      ),
    );
    assert.equal(returned.status, 303);
    const page = await (
      await app.request(`/progress/entries/${entry.id}`, { headers: { cookie: staffCookie } })
    ).text();
    assert.match(page, /差し戻し/);
    assert.match(page, /参加人数を書いてください。/);
  });

  it("lets only the owner open a round, with field messages in Japanese", async () => {
    const { app, w, staffCookie, adminCookie } = await world();
    const byStaff = await app.request(
      "/progress/rounds",
      postForm({ planId: w.planId }, { cookie: staffCookie }),
    );
    assert.equal(byStaff.status, 403);
    const bad = await app.request(
      "/progress/rounds",
      postForm({ planId: w.planId, fiscalYear: "来年", entryMode: "shared" }, { cookie: adminCookie }),
    );
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /西暦4桁/);
    assert.match(html, /1つ以上選んで/);
  });
});
