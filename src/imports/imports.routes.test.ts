import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { count } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { auditEvents } from "../accounts/accounts.table.js";
import { makeOrg, makeUser, ORIGIN, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { DEMO_DOCUMENT_DIR } from "../demo/seed-plans.js";
import { planImports, planNodeDepartments, planNodes, plans } from "../plans/plan.table.js";
import { importJobs, importMappings } from "./import-jobs.table.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let admin: string;
let otherAdmin: string;
let viewer: string;

const CITY_TEXT = readFileSync(path.join(DEMO_DOCUMENT_DIR, "city-guideline-progress-list.txt"));

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  const org = await makeOrg(database.db, "協働市");
  const other = await makeOrg(database.db, "よその市");
  admin = await signedInCookie(database.db, (await makeUser(database.db, org.id, "admin")).id);
  viewer = await signedInCookie(database.db, (await makeUser(database.db, org.id, "viewer")).id);
  otherAdmin = await signedInCookie(database.db, (await makeUser(database.db, other.id, "admin")).id);
});
after(() => database.close());

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

/** A multipart upload as the browser sends it from /imports. */
function upload(
  cookie: string,
  file: { name: string; bytes: Uint8Array } | null,
  fields: Record<string, string> = {},
): RequestInit {
  const form = new FormData();
  if (file) form.append("file", new File([Buffer.from(file.bytes)], file.name));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return { method: "POST", headers: { origin: ORIGIN, cookie }, body: form };
}

async function planTableCounts() {
  const n = async (t: typeof plans | typeof planNodes | typeof planNodeDepartments | typeof planImports) =>
    (await database.db.select({ n: count() }).from(t))[0]!.n;
  return {
    plans: await n(plans),
    nodes: await n(planNodes),
    nodeDepartments: await n(planNodeDepartments),
    imports: await n(planImports),
  };
}

/** Uploads and follows the redirect to the preview; returns the job's path and the preview text. */
async function preview(init: RequestInit, cookie = admin): Promise<{ jobPath: string; body: string }> {
  const res = await app.request("/imports", init);
  assert.equal(res.status, 303, await res.clone().text());
  const jobPath = res.headers.get("location")!;
  assert.match(jobPath, /^\/imports\/[0-9a-f-]{36}$/);
  const page = await app.request(jobPath, { headers: { cookie } });
  assert.equal(page.status, 200);
  return { jobPath, body: text(await page.text()) };
}

async function guidelineWorkbook(options: { badStatusRow?: boolean } = {}): Promise<Uint8Array> {
  // The city guideline's tab text rebuilt as a workbook, cell for cell, as a clerk's Excel file would hold it.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("進捗状況一覧");
  const lines = CITY_TEXT.toString("utf8").replace(/\r/g, "").split("\n");
  for (const [i, line] of lines.entries()) {
    if (line === "") continue;
    const cells = line.split("\t");
    const row = ws.getRow(i + 1);
    cells.forEach((raw, c) => {
      const bold = /<b>/.test(raw);
      const cell = row.getCell(c + 1);
      cell.value = raw.replace(/<\/?b>/g, "");
      if (bold) cell.font = { bold: true };
    });
    if (options.badStatusRow && cells[0] === "5") row.getCell(4).value = "たぶん済";
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("importing a plan list through the import pages", () => {
  it("shows the upload form with the size limit, the options and the template links", async () => {
    const res = await app.request("/imports", { headers: { cookie: admin } });
    assert.equal(res.status, 200);
    const body = text(await res.text());
    assert.match(body, /20\.0MBまで/);
    assert.match(body, /取り込み先の計画/);
    assert.match(body, /進捗状況の年度/);
    assert.match(body, /Excelのひな形/);
    assert.match(body, /取り込み/);
  });

  it("previews the city guideline text with its 23 items and no problem, then commits it into a new plan", async () => {
    const before = await planTableCounts();
    const { jobPath, body } = await preview(
      upload(
        admin,
        { name: "city-guideline-progress-list.txt", bytes: CITY_TEXT },
        { fiscalYear: "令和5年度" },
      ),
    );
    assert.match(body, /取組 23件・分類 \d+件/);
    assert.match(body, /問題は見つかりませんでした/);
    assert.match(body, /新しい計画「第1期指針 具体施策の進捗状況一覧」を作成/);
    assert.match(
      body,
      /1 民間施設等の活用に向けた協力体制の構築 Ⅰ 済・継 ホームページにて民間打合せスペースmapの作成及び公開/,
    );
    assert.match(body, /【Ⅰ】<重点> 優先度が高く、短期的（1～2年）に実施していくもの 5\/6：済 1\/6：未/);
    assert.match(body, /A No A列「No」の取り込む項目/); // the mapping form lists each detected header
    assert.deepEqual(await planTableCounts(), before, "a preview writes nothing to the plans tables");

    const commit = await app.request(`${jobPath}/commit`, postForm({}, { cookie: admin }));
    assert.equal(commit.status, 303);
    const result = await app.request(commit.headers.get("location")!, { headers: { cookie: admin } });
    const resultBody = await result.text();
    assert.match(text(resultBody), /計画を作成しました 項目: 追加 \d+件/);
    const planLink = /href="(\/plans\/[0-9a-f-]{36})"/.exec(resultBody)?.[1];
    assert.ok(planLink, "links to the plan");
    const plan = await app.request(planLink, { headers: { cookie: admin } });
    assert.equal(plan.status, 200);
    assert.match(text(await plan.text()), /23 協働事業の評価・検証に関する仕組みづくり/);
    const [audit] = await database.db.select({ n: count() }).from(auditEvents);
    assert.ok(audit!.n >= 3, "parse, plan import and commit are audited");
  });

  it("says 'unchanged' when the same file is imported again", async () => {
    const { jobPath, body } = await preview(
      upload(admin, { name: "city-guideline-progress-list.txt", bytes: CITY_TEXT }, { fiscalYear: "2023" }),
    );
    assert.match(body, /既存の計画「第1期指針 具体施策の進捗状況一覧」を更新/);
    assert.match(body, /新規 0件・変更 0件・変更なし \d+件・削除 0件/);
    const before = await planTableCounts();
    const commit = await app.request(`${jobPath}/commit`, postForm({}, { cookie: admin }));
    const result = await app.request(commit.headers.get("location")!, { headers: { cookie: admin } });
    assert.match(text(await result.text()), /変更はありませんでした/);
    assert.deepEqual(await planTableCounts(), before);
  });

  it("previews an xlsx built like the guideline: 23 items, tiers and statuses, no problem, and commits it", async () => {
    const { jobPath, body } = await preview(
      upload(admin, { name: "指針進捗.xlsx", bytes: await guidelineWorkbook() }, { fiscalYear: "2023" }),
    );
    assert.match(body, /Excel（\.xlsx）/);
    assert.match(body, /取組 23件/);
    assert.match(body, /問題は見つかりませんでした/);
    assert.match(body, /23 協働事業の評価・検証に関する仕組みづくり Ⅱ-イ 未/);
    const commit = await app.request(`${jobPath}/commit`, postForm({}, { cookie: admin }));
    assert.equal(commit.status, 303);
  });

  it("lists a bad status label with its row and column, refuses the commit and writes nothing", async () => {
    const before = await planTableCounts();
    const { jobPath, body } = await preview(
      upload(
        admin,
        { name: "bad.xlsx", bytes: await guidelineWorkbook({ badStatusRow: true }) },
        { fiscalYear: "2023" },
      ),
    );
    assert.match(body, /1件の問題があります/);
    assert.match(body, /進捗状況一覧 \d+ D 進捗状況 .*たぶん済/);
    assert.doesNotMatch(body, /計画に反映する 重点区分/, "no commit button");
    assert.match(body, /問題が残っているため、計画に反映できません/);
    const commit = await app.request(`${jobPath}/commit`, postForm({}, { cookie: admin }));
    assert.equal(commit.status, 422);
    assert.match(text(await commit.text()), /問題が1件残っているため反映できません/);
    assert.deepEqual(await planTableCounts(), before);
  });

  it("reads a Shift_JIS CSV and names the row and column of a status it cannot read", async () => {
    const csv = [
      "No,内容,重点,担当課,進捗状況,実績",
      "1,公共施設の有効利用,【Ⅰ】,協働推進課,済,一覧を公開",
      "2,民間施設の活用,【Ⅱ-ア】,産業振興課,ほぼ終わり,",
    ].join("\r\n");
    const before = await planTableCounts();
    const { body } = await preview(
      upload(admin, { name: "一覧.csv", bytes: iconv.encode(csv, "shift_jis") }, { fiscalYear: "2024" }),
    );
    assert.match(body, /shift_jis/);
    assert.match(body, /CSV 3 E 進捗状況 3行目.*「ほぼ終わり」/);
    assert.deepEqual(await planTableCounts(), before);
  });

  it("refuses a corrupt workbook, random bytes and an unknown format with a Japanese reason, writing nothing", async () => {
    const before = await planTableCounts();
    const jobsBefore = (await database.db.select({ n: count() }).from(importJobs))[0]!.n;
    const xlsx = await guidelineWorkbook();
    const cases: [string, Uint8Array, RegExp][] = [
      ["壊れた.xlsx", xlsx.slice(0, Math.floor(xlsx.length / 2)), /xlsx|Excel|ファイル/],
      [
        "random.xlsx",
        new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
        /xlsx|Excel|ファイル/,
      ],
      [
        "random.csv",
        new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
        /文字コード|見出し/,
      ],
      ["plan.pdf", new Uint8Array([0x25, 0x50, 0x44, 0x46]), /取り込めない形式/],
    ];
    for (const [name, bytes, reason] of cases) {
      const res = await app.request("/imports", upload(admin, { name, bytes }));
      assert.equal(res.status, 422, name);
      const body = text(await res.text());
      assert.match(body, reason, name);
      assert.match(body, /取り込めませんでした|入力内容を確認してください/, name);
    }
    assert.deepEqual(await planTableCounts(), before);
    assert.equal((await database.db.select({ n: count() }).from(importJobs))[0]!.n, jobsBefore);
  });

  it("refuses an upload over 20 MB with 413 before reading it", async () => {
    const big = new Uint8Array(21 * 1024 * 1024);
    const res = await app.request("/imports", upload(admin, { name: "big.csv", bytes: big }));
    assert.equal(res.status, 413);
    assert.match(text(await res.text()), /ファイルが大きすぎます。上限は20\.0MBです/);
  });

  it("asks for a file or a paste, and for a readable fiscal year", async () => {
    const none = await app.request("/imports", upload(admin, null));
    assert.equal(none.status, 422);
    assert.match(text(await none.text()), /ファイルを選ぶか、表を貼り付けてください/);
    const year = await app.request(
      "/imports",
      upload(admin, null, { paste: "No\t内容\n1\tx", fiscalYear: "来年" }),
    );
    assert.equal(year.status, 422);
    assert.match(text(await year.text()), /年度は西暦の数字で入力してください/);
  });

  it("imports a table pasted from Excel, lets the user correct the mapping and saves it for next year", async () => {
    const paste =
      "No\t取組\t担当\t状況メモ\r\n1\t公共施設の有効利用\t協働推進課\t済\r\n2\t民間施設の活用\t産業振興課\t未\r\n";
    const { jobPath, body } = await preview(upload(admin, null, { paste, fiscalYear: "2024" }));
    assert.match(body, /取組 2件/);
    assert.doesNotMatch(
      body,
      /公共施設の有効利用 協働推進課 済/,
      "状況メモ is not recognised as the status at first",
    );
    // 状況メモ (column D) is the status: correct it and re-run the preview
    const remap = await app.request(
      `${jobPath}/mapping`,
      postForm(
        {
          "col.0": "number",
          "col.1": "title",
          "col.2": "departments",
          "col.3": "status",
          fiscalYear: "2024",
        },
        { cookie: admin },
      ),
    );
    assert.equal(remap.status, 303);
    const again = text(await (await app.request(jobPath, { headers: { cookie: admin } })).text());
    assert.match(again, /1 公共施設の有効利用 協働推進課 済/);

    const twice = await app.request(
      `${jobPath}/mapping`,
      postForm(
        { "col.0": "number", "col.1": "title", "col.2": "title", fiscalYear: "2024" },
        { cookie: admin },
      ),
    );
    assert.equal(twice.status, 422);
    assert.match(text(await twice.text()), /「項目名（内容）」がB列とC列の両方に指定されています/);

    const save = await app.request(
      `${jobPath}/mappings`,
      postForm({ name: "協働推進課の一覧" }, { cookie: admin }),
    );
    assert.equal(save.status, 303);
    assert.match(
      text(await (await app.request(save.headers.get("location")!, { headers: { cookie: admin } })).text()),
      /列の対応「協働推進課の一覧」を保存しました/,
    );
    const [saved] = await database.db.select().from(importMappings);
    assert.equal(saved!.mapping.fields.status, 3);

    // next year: the columns moved; the saved mapping follows the headers
    const nextYear = "取組\tNo\t状況メモ\t担当\r\n公共施設の有効利用\t1\t済・継\t協働推進課\r\n";
    const form = text(await (await app.request("/imports", { headers: { cookie: admin } })).text());
    assert.match(form, /保存した列の対応を使う .*協働推進課の一覧/);
    const next = await preview(
      upload(admin, null, { paste: nextYear, fiscalYear: "2025", savedMappingId: saved!.id }),
    );
    assert.match(
      next.body,
      /2 1 公共施設の有効利用 協働推進課 済・継|1 公共施設の有効利用 協働推進課 済・継/,
    );
  });

  it("downloads the xlsx and CSV templates", async () => {
    const xlsx = await app.request("/imports/templates/plan.xlsx", { headers: { cookie: admin } });
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers.get("content-type") ?? "", /spreadsheetml/);
    assert.equal(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
      "PK",
    );
    const csv = await app.request("/imports/templates/plan.csv", { headers: { cookie: admin } });
    assert.equal(csv.status, 200);
    assert.match(
      new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer()),
      /^\uFEFFNo,内容/,
    );
  });

  it("keeps another organisation's import and people without import rights out", async () => {
    const { jobPath } = await preview(upload(admin, null, { paste: "No\t内容\n1\t公共施設の有効利用\n" }));
    // another organisation's job is not revealed: 404 on every job route
    const other = await app.request(jobPath, { headers: { cookie: otherAdmin } });
    assert.equal(other.status, 404);
    for (const action of ["commit", "mapping", "mappings"]) {
      const res = await app.request(`${jobPath}/${action}`, postForm({}, { cookie: otherAdmin }));
      assert.equal(res.status, 404, action);
    }
    const missing = await app.request("/imports/00000000-0000-4000-8000-000000000000", {
      headers: { cookie: admin },
    });
    assert.equal(missing.status, 404);
    for (const path of ["/imports", jobPath, "/imports/templates/plan.csv"]) {
      const res = await app.request(path, { headers: { cookie: viewer } });
      assert.equal(res.status, 403, path);
    }
    const post = await app.request("/imports", upload(viewer, null, { paste: "No\t内容\n1\tx" }));
    assert.equal(post.status, 403);
    const anonymous = await app.request("/imports");
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get("location") ?? "", /^\/signin/);
  });

  it("shows the import entry in the menu only to people who may import", async () => {
    const adminHome = await (await app.request("/", { headers: { cookie: admin } })).text();
    assert.match(adminHome, /href="\/imports"/);
    const viewerHome = await (await app.request("/", { headers: { cookie: viewer } })).text();
    assert.doesNotMatch(viewerHome, /href="\/imports"/);
  });
});
