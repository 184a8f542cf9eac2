import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { CurrentUser } from "../accounts/account.js";
import { makeOrg, makeUser, ORIGIN, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { DEMO_DOCUMENT_DIR } from "../demo/seed-plans.js";
import { findImportJob } from "./import-job.repository.js";
import { startImport } from "./start-import.js";
import { databaseDigest } from "./test-support.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let admin: string;
let adminUser: CurrentUser;
let orgId: string;

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  const org = await makeOrg(database.db, "協働市");
  orgId = org.id;
  const u = await makeUser(database.db, org.id, "admin");
  adminUser = { ...u, departmentIds: [] } as unknown as CurrentUser;
  admin = await signedInCookie(database.db, u.id);
});
after(() => database.close());

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");

function upload(file: { name: string; bytes: Uint8Array } | null, fields: Record<string, string> = {}) {
  const form = new FormData();
  if (file) form.append("file", new File([Buffer.from(file.bytes)], file.name));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return { method: "POST", headers: { origin: ORIGIN, cookie: admin }, body: form };
}

async function previewOf(init: RequestInit) {
  const res = await app.request("/imports", init);
  assert.equal(res.status, 303, text(await res.clone().text()));
  const jobPath = res.headers.get("location")!;
  return { jobPath, body: text(await (await app.request(jobPath, { headers: { cookie: admin } })).text()) };
}

describe("import jobs: stated tallies, header rows, long parses", () => {
  it("shows the city guideline's printed tally beside the one computed from its items, and where they differ", async () => {
    const bytes = readFileSync(path.join(DEMO_DOCUMENT_DIR, "city-guideline-progress-list.txt"));
    const { body } = await previewOf(upload({ name: "city.txt", bytes }, { fiscalYear: "2023" }));
    assert.match(body, /項目から計算した集計/);
    // DOMAIN.md: Ⅰ printed 5/6 済 1/6 未, counted 4/6 済 (済・継 counted as 済) 1/6 着手中 1/6 未
    assert.match(body, /5\/6：済 1\/6：未 4\/6：済・継 1\/6：着手中 1\/6：未 資料の記載と異なります/);
    assert.match(
      body,
      /5\/8：済 1\/6：一部済 2\/6：未 6\/9：済・継 1\/9：一部済 2\/9：未 資料の記載と異なります/,
    );
    assert.match(body, /2\/2：未 2\/2：未 一致/);
  });

  it("detects the columns again from the header rows the user names, and refuses rows it cannot read", async () => {
    const paste = ["番号\t項目", "1\t旧い一覧", "", "No\t内容\t進捗状況", "1\t公共施設の有効利用\t済"].join(
      "\n",
    );
    const { jobPath, body } = await previewOf(upload(null, { paste }));
    assert.match(body, /見出し行: 4行目/);
    const remap = await app.request(`${jobPath}/mapping`, postForm({ headerRows: "１" }, { cookie: admin }));
    assert.equal(remap.status, 303);
    const after1 = text(await (await app.request(jobPath, { headers: { cookie: admin } })).text());
    assert.match(after1, /見出し行: 1行目/);
    assert.match(after1, /A 番号/);
    for (const bad of ["あ", "2-4", "99"]) {
      const res = await app.request(`${jobPath}/mapping`, postForm({ headerRows: bad }, { cookie: admin }));
      assert.equal(res.status, 422, bad);
      assert.match(text(await res.text()), /見出し行/, bad);
    }
  });

  it("parses a long source in a worker: the job page shows rows and percent, refreshing, then the preview", async () => {
    const rows = ["No\t内容\t担当課\t進捗状況"];
    for (let i = 1; i <= 6000; i++) rows.push(`${i}\t施策${i}の推進\t協働推進課\t済`);
    const started = await startImport(
      { db: database.db },
      adminUser,
      orgId,
      {
        source: { kind: "paste", name: "貼り付け", bytes: null, text: rows.join("\n") },
        targetPlanId: null,
        fiscalYear: 2024,
        title: "長い計画",
        kind: null,
        savedMappingId: null,
      },
      { waitMs: 0, workerThresholdBytes: 0 },
    );
    assert.ok(started.ok);
    assert.equal(started.pending, true);
    const job = await findImportJob(database.db, started.jobId);
    assert.equal(job!.state, "parsing");
    const page = await app.request(`/imports/${started.jobId}`, { headers: { cookie: admin } });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("refresh"), "2");
    const body = text(await page.text());
    assert.match(body, /読み込み中/);
    assert.match(body, /\d+%/);
    // other requests are served while the worker parses
    const t0 = performance.now();
    assert.equal((await app.request("/healthz")).status, 200);
    assert.ok(performance.now() - t0 < 1000);
    await started.done;
    const done = await app.request(`/imports/${started.jobId}`, { headers: { cookie: admin } });
    assert.equal(done.headers.get("refresh"), null);
    const preview = text(await done.text());
    assert.match(preview, /6,000行/);
    assert.match(preview, /問題は見つかりませんでした/);
  });

  it("marks a long parse that fails as failed, with the reason on the job page", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("一覧");
    ws.getRow(1).values = ["No", "内容"];
    for (let i = 2; i < 3000; i++) ws.getRow(i).values = [i, `施策${i} ${"あ".repeat(40)}`];
    const good = new Uint8Array(await wb.xlsx.writeBuffer());
    const truncated = good.slice(0, Math.floor(good.length * 0.6));
    const started = await startImport(
      { db: database.db },
      adminUser,
      orgId,
      {
        source: { kind: "xlsx", name: "壊れた.xlsx", bytes: truncated, text: null },
        targetPlanId: null,
        fiscalYear: null,
        title: null,
        kind: null,
        savedMappingId: null,
      },
      { waitMs: 0, workerThresholdBytes: 0 },
    );
    assert.ok(started.ok);
    await started.done;
    const job = await findImportJob(database.db, started.jobId);
    assert.equal(job!.state, "failed");
    assert.equal(job!.bytes, null, "the failed upload is not kept");
    const page = text(
      await (await app.request(`/imports/${started.jobId}`, { headers: { cookie: admin } })).text(),
    );
    assert.match(page, /読み込めませんでした: 壊れた\.xlsx/);
    assert.match(page, /xlsx|Excel/);
    const commit = await app.request(`/imports/${started.jobId}/commit`, postForm({}, { cookie: admin }));
    assert.equal(commit.status, 422);
  });
});

describe("bad input leaves the database byte-for-byte unchanged", () => {
  async function refused(init: RequestInit, status: number, reason: RegExp) {
    const before = await databaseDigest(database.db);
    const res = await app.request("/imports", init);
    assert.equal(res.status, status);
    assert.match(text(await res.text()), reason);
    assert.equal(await databaseDigest(database.db), before);
  }

  it("refuses a 100 MB file by the size limit, stating the limit", async () => {
    const big = new Uint8Array(100 * 1024 * 1024);
    await refused(upload({ name: "big.xlsx", bytes: big }), 413, /ファイルが大きすぎます。上限は20\.0MBです/);
  });

  it("refuses rows of 1,000 columns, as CSV and as xlsx", async () => {
    const wide = `${Array.from({ length: 1000 }, (_, i) => `列${i}`).join(",")}\n`;
    await refused(upload({ name: "wide.csv", bytes: new TextEncoder().encode(wide) }), 422, /200列/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("広い").getRow(1).values = Array.from({ length: 1000 }, (_, i) => i);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    await refused(
      upload({ name: "wide.xlsx", bytes }),
      422,
      /1000列目まで値があります。読み込める列数は200列までです/,
    );
  });

  it("refuses a truncated xlsx, random bytes and a CSV of mixed encodings", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("一覧").getRow(1).values = ["No", "内容"];
    const good = new Uint8Array(await wb.xlsx.writeBuffer());
    await refused(upload({ name: "cut.xlsx", bytes: good.slice(0, good.length - 200) }), 422, /xlsx|Excel/);
    const random = new Uint8Array(Array.from({ length: 8192 }, (_, i) => (i * 2654435761) % 256));
    await refused(upload({ name: "random.xlsx", bytes: random }), 422, /xlsx|Excel|ファイル/);
    const mixed = Buffer.concat([
      Buffer.from("No,内容,進捗状況\n1,公共施設の有効利用,済\n", "utf8"),
      iconv.encode("2,民間施設の活用,着手中\n", "shift_jis"),
    ]);
    await refused(upload({ name: "mixed.csv", bytes: new Uint8Array(mixed) }), 422, /文字コード/);
  });

  it("reads formulas by their computed value and writes nothing until the commit", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("一覧");
    ws.getRow(1).values = ["No", "内容", "進捗状況"];
    ws.getRow(2).values = [1, "公共施設の有効利用", "済"];
    ws.getCell("A3").value = { formula: "A2+1", result: 2 };
    ws.getCell("B3").value = { formula: 'CONCATENATE("民間","施設の活用")', result: "民間施設の活用" };
    ws.getCell("C3").value = { formula: 'IF(A3>1,"ほぼ済","済")', result: "ほぼ済" };
    const before = await databaseDigest(database.db, ["sessions", "import_jobs", "audit_events"]);
    const { body } = await previewOf(
      upload({ name: "formulas.xlsx", bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }),
    );
    assert.match(body, /2 民間施設の活用/);
    assert.match(body, /3行目「進捗状況」: 「ほぼ済」/);
    assert.equal(await databaseDigest(database.db, ["sessions", "import_jobs", "audit_events"]), before);
  });
});
