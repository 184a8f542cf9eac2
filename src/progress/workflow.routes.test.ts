import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { countUnread, listNotices } from "../notices/notices.repository.js";
import { openRound } from "./open-round.js";
import { progressWorld } from "./progress.factories.js";
import { findEntries, findEntry, findReviewChain, listContributions } from "./progress.repository.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

async function world(opts: { deadline?: string; entryMode?: string } = {}) {
  const w = await progressWorld(database.db, `計画 ${Math.random()}`);
  const admin = await makeUser(database.db, w.orgId, "admin", { displayName: "計画 担当" });
  const staff = await makeUser(database.db, w.orgId, "department", {
    departmentIds: [w.departmentIds.sangyo],
    displayName: "産業 太郎",
  });
  const kyodo = await makeUser(database.db, w.orgId, "department", {
    departmentIds: [w.departmentIds.kyodo],
    displayName: "協働 花子",
  });
  const opened = await openRound({ db: database.db }, admin, {
    planId: w.planId,
    fiscalYear: 2024,
    deadline: opts.deadline ?? "2099-03-31",
    fieldsAsked: ["status", "result"],
    entryMode: opts.entryMode ?? "per-department",
    reminderDays: "7,1",
  });
  assert.ok(opened.ok);
  const entries = await findEntries(database.db, [opened.round.id]);
  const entryOf = (key: string, dept?: string) =>
    entries.find(
      (e) => e.nodeId === w.nodeIdByKey.get(key) && (dept === undefined || e.departmentName === dept),
    )!;
  return {
    w,
    staff,
    kyodo,
    round: opened.round,
    entryOf,
    app: testApp(database),
    adminCookie: await signedInCookie(database.db, admin.id),
    staffCookie: await signedInCookie(database.db, staff.id),
    kyodoCookie: await signedInCookie(database.db, kyodo.id),
  };
}

const page = async (app: ReturnType<typeof testApp>, url: string, cookie: string) => {
  const res = await app.request(url, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
};

describe("the completion tracker and reminders on the board", () => {
  it("shows percent submitted and approved per department, and overdue in words, not colour alone", async () => {
    const { app, round, adminCookie } = await world({ deadline: "2020-01-31" });
    const { html } = await page(app, `/progress/rounds/${round.id}`, adminCookie);
    assert.match(html, /提出 0%／承認 0%/);
    assert.match(html, /<progress max="100" value="0" aria-label="協働推進課 提出 0%"/);
    assert.match(html, /board-row--overdue/);
    assert.match(html, /⚠ 期限超過/);
    assert.match(html, /自動リマインダー: 提出期限の7・1日前/);
    assert.match(html, /未提出の課に督促する/);
  });

  it("reminds the stragglers in one click: notices in the app, the unread count in the header, mark read", async () => {
    const { app, round, adminCookie, staffCookie, staff, kyodo } = await world();
    const denied = await app.request(
      `/progress/rounds/${round.id}/remind`,
      postForm({ version: String(round.version) }, { cookie: staffCookie }),
    );
    assert.equal(denied.status, 403);
    assert.equal(await countUnread(database.db, staff.id), 0);

    const res = await app.request(
      `/progress/rounds/${round.id}/remind`,
      postForm({ version: String(round.version) }, { cookie: adminCookie }),
    );
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `/progress/rounds/${round.id}?reminded=2`);
    const board = await page(app, res.headers.get("location")!, adminCookie);
    assert.match(board.html, /2課に督促しました。/);
    assert.match(board.html, /産業振興課: 手動の督促（1人に通知（メール0通））/);

    const home = await page(app, "/progress", staffCookie);
    assert.match(home.html, /お知らせ<span class="badge notice-count">未読 1件<\/span>/);
    const notices = await page(app, "/notices", staffCookie);
    assert.match(notices.html, /進捗報告が未提出です（期限 令和81年3月31日）/);
    assert.match(notices.html, /・2 中小企業との協働/);
    assert.match(notices.html, new RegExp(`href="/progress/rounds/${round.id}"`));

    // someone else's notice cannot be marked read by id
    const [kyodoNotice] = await listNotices(database.db, kyodo.id);
    await app.request(`/notices/${kyodoNotice!.id}/read`, postForm({}, { cookie: staffCookie }));
    assert.equal(await countUnread(database.db, kyodo.id), 1);
    const [mine] = await listNotices(database.db, staff.id);
    const read = await app.request(`/notices/${mine!.id}/read`, postForm({}, { cookie: staffCookie }));
    assert.equal(read.status, 303);
    assert.equal(await countUnread(database.db, staff.id), 0);
    assert.doesNotMatch((await page(app, "/progress", staffCookie)).html, /未読 1件/);
    assert.equal((await app.request("/notices")).status, 303); // anonymous: sign in
  });
});

describe("refusals on the entry form", () => {
  it("refuses a save after the deadline with the deadline in 和暦, and accepts it once late submission is allowed", async () => {
    const { app, round, entryOf, staffCookie, adminCookie } = await world({ deadline: "2020-01-31" });
    const entry = entryOf("b");
    const late = await app.request(
      `/progress/entries/${entry.id}`,
      postForm({ version: "1", result: "遅れた報告", action: "submit" }, { cookie: staffCookie }),
    );
    assert.equal(late.status, 422);
    assert.match(await late.text(), /提出期限（令和2年1月31日）を過ぎているため/);
    assert.equal((await findEntry(database.db, entry.id))!.version, 1);
    const allow = await app.request(
      `/progress/rounds/${round.id}/state`,
      postForm({ version: String(round.version), action: "allow-late" }, { cookie: adminCookie }),
    );
    assert.equal(allow.status, 303);
    assert.match((await page(app, `/progress/rounds/${round.id}`, adminCookie)).html, /期限後の提出を受付中/);
    const accepted = await app.request(
      `/progress/entries/${entry.id}`,
      postForm({ version: "1", result: "遅れた報告", action: "submit" }, { cookie: staffCookie }),
    );
    assert.equal(accepted.status, 303);
    assert.equal((await findEntry(database.db, entry.id))!.state, "submitted");
  });

  it("refuses a save in a locked reporting period with a clear message", async () => {
    const { app, round, entryOf, staffCookie, adminCookie } = await world();
    await app.request(
      `/progress/rounds/${round.id}/state`,
      postForm({ version: String(round.version), action: "lock" }, { cookie: adminCookie }),
    );
    const res = await app.request(
      `/progress/entries/${entryOf("b").id}`,
      postForm({ version: "1", result: "x", action: "save" }, { cookie: staffCookie }),
    );
    assert.equal(res.status, 422);
    assert.match(await res.text(), /入力が停止されています/);
  });
});

describe("the review chain page", () => {
  it("is the plan owner's: others get 403, another organisation's plan 404, bad rows 422 in Japanese", async () => {
    const { app, w, staffCookie, adminCookie } = await world();
    assert.equal((await page(app, `/progress/plans/${w.planId}/chain`, staffCookie)).status, 403);
    const other = await progressWorld(database.db, `他 ${Math.random()}`);
    assert.equal((await page(app, `/progress/plans/${other.planId}/chain`, adminCookie)).status, 404);
    const form = await page(app, `/progress/plans/${w.planId}/chain`, adminCookie);
    assert.equal(form.status, 200);
    assert.match(form.html, /設定されていません（計画担当が承認します）/);
    const bad = await app.request(
      `/progress/plans/${w.planId}/chain`,
      postForm(
        { version: "0", label: ["企画課の確認"], role: ["department"], departmentId: [""] },
        { cookie: adminCookie },
      ),
    );
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /課が行う手順には、行う課を選んでください。/);
    assert.equal(await findReviewChain(database.db, w.planId), null);
    const ok = await app.request(
      `/progress/plans/${w.planId}/chain`,
      postForm(
        {
          version: "0",
          label: ["協働推進課の確認", "審議会の意見", "最終評価"],
          role: ["department", "committee", "admin"],
          departmentId: [w.departmentIds.kyodo, "", ""],
        },
        { cookie: adminCookie },
      ),
    );
    assert.equal(ok.status, 303);
    assert.match(
      (await page(app, `/progress/plans/${w.planId}/chain?saved=1`, adminCookie)).html,
      /協働推進課の確認 → 審議会の意見 → 最終評価/,
    );
  });
});

describe("lead department consolidation on the pages", () => {
  it("shows the related department its to-do, keeps both texts on a stale save, and shows them to the lead", async () => {
    const { app, round, entryOf, staffCookie, kyodoCookie, w } = await world({ entryMode: "lead" });
    const c = entryOf("c");
    const todo = await page(app, `/progress/rounds/${round.id}`, staffCookie);
    assert.match(todo.html, /関係課として記入する取組/);
    const first = await app.request(
      `/progress/entries/${c.id}/contribution`,
      postForm(
        { departmentId: w.departmentIds.sangyo, version: "0", contribution: "・説明会を開催\r\n・提案3件" },
        { cookie: staffCookie },
      ),
    );
    assert.equal(first.status, 303);
    const stale = await app.request(
      `/progress/entries/${c.id}/contribution`,
      postForm(
        { departmentId: w.departmentIds.sangyo, version: "0", contribution: "別の人の文章" },
        { cookie: staffCookie },
      ),
    );
    assert.equal(stale.status, 409);
    const html = await stale.text();
    assert.match(html, /・説明会を開催\n・提案3件/);
    assert.match(html, /別の人の文章<\/textarea>/);
    assert.deepEqual(
      (await listContributions(database.db, c.id)).map((x) => x.body),
      ["・説明会を開催\n・提案3件"],
    );
    const lead = await page(app, `/progress/entries/${c.id}`, kyodoCookie);
    assert.match(lead.html, /関係課の記入/);
    assert.match(lead.html, /産業振興課（産業 太郎）/);
    const forbidden = await app.request(
      `/progress/entries/${c.id}`,
      postForm({ version: "1", result: "関係課が上書き", action: "save" }, { cookie: staffCookie }),
    );
    assert.equal(forbidden.status, 403);
  });
});
