import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { auditEvents } from "../accounts/accounts.table.js";
import { makeUser, ORIGIN, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { openRound } from "../progress/open-round.js";
import { progressWorld } from "../progress/progress.factories.js";
import { findEntries, findEntry } from "../progress/progress.repository.js";
import { saveEntry } from "../progress/save-entry.js";
import { importMappings } from "./import-jobs.table.js";
import { databaseDigest } from "./test-support.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

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
    fieldsAsked: ["status", "grade", "result", "nextTerm"],
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
    admin,
    staff,
    round: opened.round,
    entryOf,
    app: testApp(database),
    adminCookie: await signedInCookie(database.db, admin.id),
    staffCookie: await signedInCookie(database.db, staff.id),
  };
}

type World = Awaited<ReturnType<typeof world>>;

/** Posts a paste to the round's bulk entry; returns the response. */
function paste(x: World, cookie: string, tsv: string) {
  return x.app.request(`/imports/rounds/${x.round.id}`, postForm({ paste: tsv }, { cookie }));
}

/** Pastes and follows the redirect to the preview; returns its path and text. */
async function previewOf(x: World, cookie: string, tsv: string) {
  const res = await paste(x, cookie, tsv);
  assert.equal(res.status, 303, text(await res.clone().text()));
  const jobPath = res.headers.get("location")!;
  assert.match(jobPath, new RegExp(`^/imports/rounds/${x.round.id}/jobs/[0-9a-f-]{36}$`));
  const page = await x.app.request(jobPath, { headers: { cookie } });
  assert.equal(page.status, 200);
  return { jobPath, body: text(await page.text()) };
}

const commit = (x: World, cookie: string, jobPath: string, submit = false) =>
  x.app.request(`${jobPath}/commit`, postForm({ submit: submit ? "1" : "0" }, { cookie }));

// What Excel puts on the clipboard: tabs between cells, a cell with a line break quoted.
const STAFF_PASTE = [
  "No\t内容\t進捗状況\t評価\t実績\t2期案\t理由",
  '2\t中小企業との協働\t着手中\t○\t"商工会と2回協議した。\n来年度に協定を結ぶ予定。"\tⅡ\t継続するため',
  "3\t協働事業提案制度\t済\t◎\t提案3件を採択\t\t",
  "4\t職員研修\t未\t\t\t\t",
].join("\n");

describe("a reporting round's bulk entry pasted from Excel", () => {
  it("links the paste page from the department's to-do list and shows its form and templates", async () => {
    const x = await world();
    const board = await (
      await x.app.request(`/progress/rounds/${x.round.id}`, { headers: { cookie: x.staffCookie } })
    ).text();
    assert.match(board, new RegExp(`href="/imports/rounds/${x.round.id}"`));
    const form = text(
      await (
        await x.app.request(`/imports/rounds/${x.round.id}`, { headers: { cookie: x.staffCookie } })
      ).text(),
    );
    assert.match(form, /進捗の一括入力/);
    assert.match(form, /担当課の項目だけを入力できます/);
    assert.match(form, /入力用の見本/);
  });

  it("previews a department's paste entry by entry, commits all of it, and changes nothing when pasted again", async () => {
    const x = await world();
    const before = await databaseDigest(database.db);
    const { jobPath, body } = await previewOf(x, x.staffCookie, STAFF_PASTE);
    assert.match(body, /問題は見つかりませんでした/);
    assert.match(body, /変更 3件・変更なし 0件/);
    assert.match(body, /中小企業との協働 産業振興課 進捗状況 （空欄） 着手中/);
    assert.match(body, /商工会と2回協議した。 来年度に協定を結ぶ予定。/);
    assert.equal(
      (await findEntry(database.db, x.entryOf("b").id))!.version,
      1,
      "nothing written by the preview",
    );

    const res = await commit(x, x.staffCookie, jobPath);
    assert.equal(res.status, 303);
    const b = (await findEntry(database.db, x.entryOf("b").id))!;
    assert.equal(b.statusLabel, "着手中");
    assert.equal(b.grade, "○");
    assert.equal(b.result, "商工会と2回協議した。\n来年度に協定を結ぶ予定。");
    assert.equal(b.nextTermLabel, "Ⅱ");
    assert.equal(b.state, "draft");
    assert.equal((await findEntry(database.db, x.entryOf("c", "産業振興課").id))!.statusLabel, "済");
    assert.equal((await findEntry(database.db, x.entryOf("c", "協働推進課").id))!.statusLabel, null);
    const audits = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "import.commit"), eq(auditEvents.actorId, x.staff.id)));
    assert.equal(audits.length, 1);
    const done = text(await (await x.app.request(jobPath, { headers: { cookie: x.staffCookie } })).text());
    assert.match(done, /3件の入力を保存しました/);

    const afterCommit = await databaseDigest(database.db);
    assert.notEqual(afterCommit, before);
    const again = await previewOf(x, x.staffCookie, STAFF_PASTE);
    assert.match(again.body, /変更 0件・変更なし 3件/);
    assert.doesNotMatch(again.body, /反映して提出する/, "no commit buttons when nothing changes");
    assert.equal((await findEntry(database.db, x.entryOf("b").id))!.version, b.version);
  });

  it("locates vocabulary errors and other departments' rows as row / column / reason, and writes nothing", async () => {
    const x = await world();
    const tsv = [
      "No\t内容\t進捗状況\t評価\t実績",
      "2\t中小企業との協働\t着手中\t◯\t協議中",
      "1\t活動拠点の確保\t済\t○\t",
      "3\t協働事業提案制度\tほぼ済\t\t",
      "9\t存在しない項目\t済\t\t",
    ].join("\n");
    const { jobPath, body } = await previewOf(x, x.staffCookie, tsv);
    assert.match(body, /2行目「評価」: 「◯」はこの計画の評価区分（◎○△）にありません/);
    assert.match(body, /3行目「No」: 担当課ではない項目のため入力できません/);
    assert.match(
      body,
      /4行目「進捗状況」: 「ほぼ済」はこの計画の進捗区分（済・済・継・着手中・未）にありません/,
    );
    assert.match(body, /5行目「No」: 「9」という番号の項目はこの回にありません/);
    assert.match(body, /問題が残っているため反映できません/);
    const before = await databaseDigest(database.db);
    const res = await commit(x, x.staffCookie, jobPath);
    assert.equal(res.status, 422);
    assert.equal(await databaseDigest(database.db), before);
  });

  it("lets the plan owner fill every item, asking which department when an item has two entries", async () => {
    const x = await world();
    const ambiguous = await previewOf(x, x.adminCookie, "No\t進捗状況\n3\t済");
    assert.match(ambiguous.body, /2行目「No」: この項目は複数の課（協働推進課・産業振興課）が報告します/);
    const { jobPath, body } = await previewOf(
      x,
      x.adminCookie,
      "No\t担当課\t進捗状況\n1\t協働推進課\t済\n3\t協働推進課\t着手中\n３\t産業振興課\t未",
    );
    assert.match(body, /問題は見つかりませんでした/);
    assert.match(body, /変更 3件/);
    assert.equal((await commit(x, x.adminCookie, jobPath, true)).status, 303);
    const c1 = (await findEntry(database.db, x.entryOf("c", "協働推進課").id))!;
    const c2 = (await findEntry(database.db, x.entryOf("c", "産業振興課").id))!;
    assert.deepEqual(
      [c1.statusLabel, c1.state, c2.statusLabel, c2.state],
      ["着手中", "submitted", "未", "submitted"],
    );
  });

  it("refuses the whole commit when one entry was saved by someone else after the preview", async () => {
    const x = await world();
    const { jobPath } = await previewOf(x, x.staffCookie, STAFF_PASTE);
    const c = x.entryOf("c", "産業振興課");
    const saved = await saveEntry({ db: database.db }, x.staff, c.id, { version: 1, statusLabel: "着手中" });
    assert.ok(saved.ok);
    const before = await databaseDigest(database.db);
    const res = await commit(x, x.staffCookie, jobPath);
    assert.equal(res.status, 422);
    assert.match(text(await res.text()), /3行目の項目は、確認画面を開いた後にほかの人が更新しました/);
    assert.equal(await databaseDigest(database.db), before);
    assert.equal((await findEntry(database.db, x.entryOf("b").id))!.statusLabel, null, "b rolled back too");
  });

  it("downloads a template of the department's own entries that re-imports without a change", async () => {
    const x = await world();
    const xlsx = await x.app.request(`/imports/rounds/${x.round.id}/template.xlsx`, {
      headers: { cookie: x.staffCookie },
    });
    assert.equal(xlsx.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1, 5), ["項目キー", "No", "内容", "担当課"]);
    const titles = [2, 3, 4].map((r) => ws.getRow(r).getCell(3).value);
    assert.deepEqual(titles, ["中小企業との協働", "協働事業提案制度", "職員研修"]);

    const form = new FormData();
    form.append("file", new File([Buffer.from(await wb.xlsx.writeBuffer())], "progress.xlsx"));
    const up = await x.app.request(`/imports/rounds/${x.round.id}`, {
      method: "POST",
      headers: { origin: ORIGIN, cookie: x.staffCookie },
      body: form,
    });
    assert.equal(up.status, 303);
    const page = text(
      await (await x.app.request(up.headers.get("location")!, { headers: { cookie: x.staffCookie } })).text(),
    );
    assert.match(page, /問題は見つかりませんでした/);
    assert.match(page, /変更 0件・変更なし 3件/);

    const csv = await x.app.request(`/imports/rounds/${x.round.id}/template.csv`, {
      headers: { cookie: x.staffCookie },
    });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  });

  it("refuses an empty paste and a committee member, and hides another organisation's round", async () => {
    const x = await world();
    const empty = await paste(x, x.staffCookie, "   ");
    assert.equal(empty.status, 422);
    assert.match(text(await empty.text()), /ファイルを選ぶか、表を貼り付けてください/);
    const committee = await makeUser(database.db, x.w.orgId, "committee");
    const cc = await signedInCookie(database.db, committee.id);
    assert.equal(
      (await x.app.request(`/imports/rounds/${x.round.id}`, { headers: { cookie: cc } })).status,
      403,
    );
    const y = await world();
    assert.equal(
      (await x.app.request(`/imports/rounds/${y.round.id}`, { headers: { cookie: x.staffCookie } })).status,
      404,
    );
  });
});

describe("correcting the column mapping of a round's paste", () => {
  it("a column the header does not name is mapped by hand by department staff; the preview then shows its changes", async () => {
    const x = await world();
    // 「今年度の進み具合」 names no field: the preview has no entry column to read
    const { jobPath, body } = await previewOf(
      x,
      x.staffCookie,
      ["No\t内容\t今年度の進み具合", "3\t協働事業提案制度\t済"].join("\n"),
    );
    assert.match(body, /列の対応/);
    assert.doesNotMatch(body, /進捗状況 未報告 → 済|→ 済/);
    const res = await x.app.request(
      `${jobPath}/mapping`,
      postForm({ "col.0": "number", "col.1": "title", "col.2": "status" }, { cookie: x.staffCookie }),
    );
    assert.equal(res.status, 303, text(await res.clone().text()));
    assert.equal(res.headers.get("location"), jobPath);
    const again = text(await (await x.app.request(jobPath, { headers: { cookie: x.staffCookie } })).text());
    assert.match(again, /済/);
    assert.match(again, /変更 1件/);
    const bad = await x.app.request(
      `${jobPath}/mapping`,
      postForm({ "col.0": "number", "col.2": "year:target" }, { cookie: x.staffCookie }),
    );
    assert.equal(bad.status, 422);
  });
});

describe("saving a round paste's column mapping and applying it to the next paste", () => {
  it("department staff save the corrected mapping, see it offered for progress only, and apply it to moved columns", async () => {
    const x = await world();
    const { jobPath } = await previewOf(
      x,
      x.staffCookie,
      ["No\t内容\t今年度の進み具合", "3\t協働事業提案制度\t済"].join("\n"),
    );
    const remap = await x.app.request(
      `${jobPath}/mapping`,
      postForm({ "col.0": "number", "col.1": "title", "col.2": "status" }, { cookie: x.staffCookie }),
    );
    assert.equal(remap.status, 303);
    const page = text(await (await x.app.request(jobPath, { headers: { cookie: x.staffCookie } })).text());
    assert.match(page, /列の対応を保存 保存する名前/);
    assert.match(page, /この列の対応を保存/);

    const save = await x.app.request(
      `${jobPath}/mappings`,
      postForm({ name: " 産業振興課の進捗表 " }, { cookie: x.staffCookie }),
    );
    assert.equal(save.status, 303, text(await save.clone().text()));
    const location = save.headers.get("location")!;
    assert.equal(location, `${jobPath}?saved=${encodeURIComponent("産業振興課の進捗表")}`);
    const saved = text(await (await x.app.request(location, { headers: { cookie: x.staffCookie } })).text());
    assert.match(saved, /列の対応「産業振興課の進捗表」を保存しました/);
    const [row] = await database.db
      .select()
      .from(importMappings)
      .where(and(eq(importMappings.orgId, x.w.orgId), eq(importMappings.target, "progress")));
    assert.equal(row!.mapping.fields.status, 2);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, row!.id), eq(auditEvents.action, "import.mapping.save")));
    assert.equal(events.length, 1);
    assert.equal(events[0]!.actorId, x.staff.id);

    // a whole-plan mapping of the organisation is not offered for a round's paste
    await database.db
      .insert(importMappings)
      .values({ orgId: x.w.orgId, target: "plan", name: "計画の一覧表", mapping: row!.mapping });
    const form = text(
      await (
        await x.app.request(`/imports/rounds/${x.round.id}`, { headers: { cookie: x.staffCookie } })
      ).text(),
    );
    assert.match(form, /保存した列の対応を使う 使わない（見出しから自動で判定） 産業振興課の進捗表/);
    assert.doesNotMatch(form, /計画の一覧表/);

    // next year: the columns moved and 内容 is gone; the saved mapping follows the headers
    const next = await x.app.request(
      `/imports/rounds/${x.round.id}`,
      postForm(
        { paste: "今年度の進み具合\tNo\n済\t3\n", savedMappingId: row!.id },
        { cookie: x.staffCookie },
      ),
    );
    assert.equal(next.status, 303, text(await next.clone().text()));
    const nextPage = text(
      await (
        await x.app.request(next.headers.get("location")!, { headers: { cookie: x.staffCookie } })
      ).text(),
    );
    assert.match(nextPage, /変更 1件/);
    assert.match(nextPage, /保存した対応の見出しのうち、このファイルにないもの: 内容/);
  });

  it("refuses another organisation's mapping as not found, a bad name, and another organisation's job", async () => {
    const x = await world();
    const y = await world();
    const [foreign] = await database.db
      .insert(importMappings)
      .values({
        orgId: y.w.orgId,
        target: "progress",
        name: "よその表",
        mapping: {
          version: 1,
          sheet: "貼り付け",
          headerRows: [1],
          fields: { number: 0 },
          years: [],
          attributes: [],
          headers: ["No"],
        },
      })
      .returning();
    const refused = await x.app.request(
      `/imports/rounds/${x.round.id}`,
      postForm({ paste: STAFF_PASTE, savedMappingId: foreign!.id }, { cookie: x.staffCookie }),
    );
    assert.equal(refused.status, 422);
    assert.match(text(await refused.text()), /保存した列の対応が見つかりません/);

    const { jobPath } = await previewOf(x, x.staffCookie, STAFF_PASTE);
    const empty = await x.app.request(
      `${jobPath}/mappings`,
      postForm({ name: "  " }, { cookie: x.staffCookie }),
    );
    assert.equal(empty.status, 422);
    assert.match(text(await empty.text()), /保存する名前を入力してください/);
    const other = await x.app.request(
      `${jobPath}/mappings`,
      postForm({ name: "x" }, { cookie: y.adminCookie }),
    );
    assert.equal(other.status, 404);
  });
});
