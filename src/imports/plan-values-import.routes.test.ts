import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { auditEvents } from "../accounts/accounts.table.js";
import {
  makeDepartment,
  makeOrg,
  makeUser,
  ORIGIN,
  postForm,
  signedInCookie,
  testApp,
} from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import {
  findPlanBudgetLines,
  findPlanIndicators,
  updateIndicatorRow,
} from "../indicators/indicator.repository.js";
import { prefPolicyOverviewDocument } from "../plans/fixtures/pref-policy-overview.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
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

/** Tables a preview writes (its job and audit event); everything else must stay as it was. */
const JOB_TABLES = ["sessions", "import_jobs", "audit_events"];

async function world() {
  const org = await makeOrg(database.db, `県 ${Math.random()}`);
  const dept = await makeDepartment(database.db, org.id, "生活・文化部");
  const r = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, org.id, prefPolicyOverviewDocument);
  assert.ok(r.ok);
  const other = await makeOrg(database.db, `ほか県 ${Math.random()}`);
  return {
    orgId: org.id,
    planId: r.planId,
    app: testApp(database),
    admin: await signedInCookie(database.db, (await makeUser(database.db, org.id, "admin")).id),
    staff: await signedInCookie(
      database.db,
      (await makeUser(database.db, org.id, "department", { departmentIds: [dept] })).id,
    ),
    outsider: await signedInCookie(database.db, (await makeUser(database.db, other.id, "admin")).id),
  };
}
type World = Awaited<ReturnType<typeof world>>;

const get = (x: World, path: string, cookie = x.admin) => x.app.request(path, { headers: { cookie } });

function upload(x: World, path: string, file: File, cookie = x.admin) {
  const form = new FormData();
  form.append("file", file);
  return x.app.request(path, { method: "POST", headers: { origin: ORIGIN, cookie }, body: form });
}

/** Posts a paste or a file and follows the redirect to the preview. */
async function preview(x: World, target: "indicators" | "budgets", source: string | File) {
  const path = `/imports/plans/${x.planId}/${target}`;
  const res =
    typeof source === "string"
      ? await x.app.request(path, postForm({ paste: source }, { cookie: x.admin }))
      : await upload(x, path, source);
  assert.equal(res.status, 303, text(await res.clone().text()));
  const jobPath = res.headers.get("location")!;
  assert.match(jobPath, new RegExp(`^${path}/jobs/[0-9a-f-]{36}$`));
  const page = await get(x, jobPath);
  assert.equal(page.status, 200);
  return { jobPath, body: text(await page.text()) };
}

const commit = (x: World, jobPath: string) =>
  x.app.request(`${jobPath}/commit`, postForm({}, { cookie: x.admin }));

const commits = async (orgId: string) =>
  (
    await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, "import.commit")))
  ).length;

const NPO = "NPO(ボランティア団体・市民活動団体等)の数";

describe("indicator targets and actuals per fiscal year", () => {
  it("pastes by name, previews current → new per year, commits all in one audit event", async () => {
    const x = await world();
    const { jobPath, body } = await preview(
      x,
      "indicators",
      `指標名\t単位\tH22目標\t平成22年度 実績\n${NPO}\t団体\t2,200団体\t２１５０\nふりかえり（検証）会議を行った協働事業数\t事業\t35\t-\n`,
    );
    assert.match(body, /問題は見つかりませんでした/);
    assert.match(body, /変更 1行・変更なし 1行/);
    assert.match(body, /平成22年度 目標値 2,140団体 2,200団体/);
    assert.match(body, /平成22年度 実績値 - 2,150団体/);
    const before = await findPlanIndicators(database.db, x.planId);
    const res = await commit(x, jobPath);
    assert.equal(res.status, 303);
    const done = text(await (await get(x, jobPath)).text());
    assert.match(done, /2件の値を保存しました/);
    const afterRows = await findPlanIndicators(database.db, x.planId);
    const npo = afterRows.find((i) => i.name === NPO)!;
    assert.deepEqual(
      npo.values.find((v) => v.fiscalYear === 2010),
      { fiscalYear: 2010, target: 2200, actual: 2150, note: null },
    );
    assert.equal(npo.version, before.find((i) => i.name === NPO)!.version + 1);
    // the other years and indicators are as they were
    assert.deepEqual(
      npo.values.filter((v) => v.fiscalYear !== 2010),
      before.find((i) => i.name === NPO)!.values.filter((v) => v.fiscalYear !== 2010),
    );
    assert.deepEqual(
      afterRows.filter((i) => i.name !== NPO),
      before.filter((i) => i.name !== NPO),
    );
    assert.equal(await commits(x.orgId), 1);
    // committing again reports the first commit and writes nothing
    const digest = await databaseDigest(database.db);
    assert.equal((await commit(x, jobPath)).status, 303);
    assert.equal(await databaseDigest(database.db), digest);
  });

  it("reads a Shift_JIS CSV with a two-row header (年度 over 目標 / 実績)", async () => {
    const x = await world();
    const csv = ["指標名,単位,平成22年度,", ",,目標,実績", `"${NPO}",団体,"2,140",１９９９`].join("\r\n");
    const { jobPath, body } = await preview(
      x,
      "indicators",
      new File([new Uint8Array(iconv.encode(csv, "Shift_JIS"))], "sjis.csv"),
    );
    assert.match(body, /Shift_JIS/i);
    assert.match(body, /変更 1行・変更なし 0行/);
    assert.match(body, /平成22年度 実績値 - 1,999団体/);
    assert.equal((await commit(x, jobPath)).status, 303);
    const npo = (await findPlanIndicators(database.db, x.planId)).find((i) => i.name === NPO)!;
    assert.deepEqual(npo.values.at(-1), { fiscalYear: 2010, target: 2140, actual: 1999, note: null });
  });

  it("re-importing the same table changes nothing", async () => {
    const x = await world();
    const tsv = `指標名\tH22目標\n${NPO}\t2300\n`;
    const first = await preview(x, "indicators", tsv);
    assert.equal((await commit(x, first.jobPath)).status, 303);
    const digest = await databaseDigest(database.db, JOB_TABLES);
    const again = await preview(x, "indicators", tsv);
    assert.match(again.body, /変更 0行・変更なし 1行/);
    assert.equal((await commit(x, again.jobPath)).status, 303);
    assert.equal(await databaseDigest(database.db, JOB_TABLES), digest);
  });

  it("locates bad cells (unit, outside the term, live actual, ambiguous) and writes nothing", async () => {
    const x = await world();
    const [first, second] = await findPlanIndicators(database.db, x.planId);
    assert.ok(
      await updateIndicatorRow(database.db, second!.id, second!.version, { liveSource: "projects-reviewed" }),
    );
    const { jobPath, body } = await preview(
      x,
      "indicators",
      [
        "指標キー\t指標名\tH22目標\tH22実績\tH30目標",
        `${first!.id}\t\t2,200人\t\t`,
        `${second!.id}\t\t\t99\t`,
        `\t知らない指標\t1\t\t`,
        "\tふりかえり（検証）会議コーディネーター（調整者）の人数\t\t\t5",
      ].join("\n"),
    );
    assert.match(body, /2 C 指標 単位が違います/);
    assert.match(body, /3 D 指標 名簿から数える指標のため、実績値は入力できません/);
    assert.match(body, /4 B 指標 「知らない指標」という指標はこの計画にありません/);
    assert.match(body, /5 E 指標 計画の期間の外の年度です/);
    const digest = await databaseDigest(database.db);
    const res = await commit(x, jobPath);
    assert.equal(res.status, 422);
    assert.match(text(await res.text()), /問題が残っているため反映できません/);
    assert.equal(await databaseDigest(database.db), digest);
  });

  it("a row changed by someone else since the preview rolls back every row (409)", async () => {
    const x = await world();
    const { jobPath } = await preview(
      x,
      "indicators",
      `指標名\tH22目標\n${NPO}\t2300\nふりかえり（検証）会議を行った協働事業数\t40\n`,
    );
    const second = (await findPlanIndicators(database.db, x.planId)).find(
      (i) => i.name !== NPO && i.name.includes("協働事業数"),
    )!;
    assert.ok(await updateIndicatorRow(database.db, second.id, second.version, {}));
    const digest = await databaseDigest(database.db);
    const res = await commit(x, jobPath);
    assert.equal(res.status, 409);
    assert.match(text(await res.text()), /3行目の値は確認の後にほかの人が変更しました/);
    assert.equal(await databaseDigest(database.db), digest);
  });

  it("is for the plan owner: department staff 403, another organisation 404", async () => {
    const x = await world();
    const digest = await databaseDigest(database.db);
    for (const path of ["indicators", "budgets", "indicators/template.csv", "budgets/template.xlsx"]) {
      assert.equal((await get(x, `/imports/plans/${x.planId}/${path}`, x.staff)).status, 403, path);
      assert.equal((await get(x, `/imports/plans/${x.planId}/${path}`, x.outsider)).status, 404, path);
    }
    const post = await x.app.request(
      `/imports/plans/${x.planId}/indicators`,
      postForm({ paste: `指標名\tH22目標\n${NPO}\t1\n` }, { cookie: x.outsider }),
    );
    assert.equal(post.status, 404);
    const { jobPath } = await preview(x, "indicators", `指標名\tH22目標\n${NPO}\t1\n`);
    const digestAfterPreview = await databaseDigest(database.db);
    // another organisation's job is not revealed (findImportJobFor: 404), on every job route
    assert.equal(
      (await x.app.request(`${jobPath}/commit`, postForm({}, { cookie: x.outsider }))).status,
      404,
    );
    assert.equal((await get(x, jobPath, x.outsider)).status, 404);
    assert.equal((await x.app.request(`${jobPath}/commit`, postForm({}, { cookie: x.staff }))).status, 403);
    assert.equal(await databaseDigest(database.db), digestAfterPreview);
    assert.notEqual(digest, digestAfterPreview);
    assert.equal((await get(x, `/imports/plans/${x.planId}/other`)).status, 404);
  });

  it("the template round-trips unchanged (xlsx and CSV), and an edited one changes exactly the edited cell", async () => {
    const x = await world();
    const xlsx = await get(x, `/imports/plans/${x.planId}/indicators/template.xlsx`);
    assert.equal(xlsx.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 5), ["指標キー", "指標名", "単位", "平成18年度目標", "平成18年度実績"]);
    const digest = await databaseDigest(database.db, JOB_TABLES);
    const same = await preview(
      x,
      "indicators",
      new File([Buffer.from(await wb.xlsx.writeBuffer())], "indicators.xlsx"),
    );
    assert.match(same.body, /問題は見つかりませんでした/);
    assert.match(same.body, /変更 0行・変更なし 3行/);
    assert.equal((await commit(x, same.jobPath)).status, 303);
    assert.equal(await databaseDigest(database.db, JOB_TABLES), digest);

    const csv = await get(x, `/imports/plans/${x.planId}/indicators/template.csv`);
    const csvText = Buffer.from(await csv.arrayBuffer()).toString("utf8");
    assert.ok(csvText.startsWith("\uFEFF指標キー,指標名,単位,"));
    const sameCsv = await preview(x, "indicators", new File([csvText], "indicators.csv"));
    assert.match(sameCsv.body, /変更 0行・変更なし 3行/);

    // edit one cell: the 2nd indicator's H20 actual (28 → 29)
    const before = await findPlanIndicators(database.db, x.planId);
    const col = header.indexOf("平成20年度実績") + 1;
    assert.equal(ws.getRow(3).getCell(col).value, "28");
    ws.getRow(3).getCell(col).value = "29";
    const edited = await preview(
      x,
      "indicators",
      new File([Buffer.from(await wb.xlsx.writeBuffer())], "edited.xlsx"),
    );
    assert.match(edited.body, /変更 1行・変更なし 2行/);
    assert.equal((await commit(x, edited.jobPath)).status, 303);
    const afterRows = await findPlanIndicators(database.db, x.planId);
    const changed = afterRows
      .map((a, i) => ({ a, b: before[i]! }))
      .filter(({ a, b }) => JSON.stringify(a) !== JSON.stringify(b));
    assert.equal(changed.length, 1);
    const { a, b } = changed[0]!;
    assert.equal(a.version, b.version + 1);
    const diff = a.values.filter((v, i) => JSON.stringify(v) !== JSON.stringify(b.values[i]));
    assert.deepEqual(diff, [{ fiscalYear: 2008, target: 31, actual: 29, note: null }]);
  });

  it("the indicators page links to both imports for the plan owner only", async () => {
    const x = await world();
    const owner = await (await get(x, `/plans/${x.planId}/indicators`)).text();
    assert.ok(owner.includes(`/imports/plans/${x.planId}/indicators`));
    assert.ok(owner.includes(`/imports/plans/${x.planId}/budgets`));
    const staff = await get(x, `/plans/${x.planId}/indicators`, x.staff);
    assert.equal(staff.status, 200);
    assert.ok(!(await staff.text()).includes(`/imports/plans/${x.planId}/`));
  });
});

describe("budget amounts per fiscal year (千円)", () => {
  it("pastes by name, commits, negative amounts are located errors", async () => {
    const x = await world();
    const bad = await preview(x, "budgets", `事業名\tH22\nNPO活動支援推進事業\t-5\n`);
    assert.match(bad.body, /2 B 予算 マイナスの値は入力できません/);
    const digest = await databaseDigest(database.db);
    assert.equal((await commit(x, bad.jobPath)).status, 422);
    assert.equal(await databaseDigest(database.db), digest);

    const ok = await preview(
      x,
      "budgets",
      `事業名\t平成21年度\t平成22年度\nNPO活動支援推進事業\t１２３４５\t12,345千円\n`,
    );
    assert.match(ok.body, /問題は見つかりませんでした/);
    assert.equal((await commit(x, ok.jobPath)).status, 303);
    const line = (await findPlanBudgetLines(database.db, x.planId)).find(
      (l) => l.name === "NPO活動支援推進事業",
    )!;
    assert.deepEqual(line.amounts, [
      { fiscalYear: 2009, amount: 12345 },
      { fiscalYear: 2010, amount: 12345 },
    ]);
  });

  it("the template round-trips unchanged", async () => {
    const x = await world();
    const csv = await get(x, `/imports/plans/${x.planId}/budgets/template.csv`);
    assert.equal(csv.status, 200);
    const csvText = Buffer.from(await csv.arrayBuffer()).toString("utf8");
    assert.ok(csvText.startsWith("\uFEFF事業キー,事業名,単位,平成21年度,平成22年度"));
    const digest = await databaseDigest(database.db, JOB_TABLES);
    const same = await preview(x, "budgets", new File([csvText], "budgets.csv"));
    assert.match(same.body, /問題は見つかりませんでした/);
    assert.match(same.body, /変更 0行・変更なし 6行/);
    assert.equal((await commit(x, same.jobPath)).status, 303);
    assert.equal(await databaseDigest(database.db, JOB_TABLES), digest);
  });
});

describe("correcting the column mapping in the preview", () => {
  it("a year column the header does not name is mapped by hand (kind and year), then commits", async () => {
    const x = await world();
    // 「見込」 is no kind the detector knows: the column is left out and the preview says so
    const { jobPath, body } = await preview(
      x,
      "indicators",
      `指標名\t単位\tH22目標\tH22見込\n${NPO}\t団体\t2,200\t2,150\n`,
    );
    assert.match(body, /列の対応/);
    assert.match(body, /平成22年度 目標値 2,140団体 2,200団体/);
    assert.doesNotMatch(body, /平成22年度 実績値 -/);
    const digest = await databaseDigest(database.db, JOB_TABLES);
    // D is the actual of H22; the name column stays
    const remap = await x.app.request(
      `${jobPath}/mapping`,
      postForm(
        {
          "col.0": "indicatorName",
          "col.1": "unit",
          "col.2": "year:target",
          "year.2": "H22",
          "col.3": "year:actual",
          "year.3": "平成22年度",
        },
        { cookie: x.admin },
      ),
    );
    assert.equal(remap.status, 303, text(await remap.clone().text()));
    assert.equal(remap.headers.get("location"), jobPath);
    const again = text(await (await get(x, jobPath)).text());
    assert.match(again, /平成22年度 実績値 - 2,150団体/);
    assert.equal(await databaseDigest(database.db, JOB_TABLES), digest, "remapping writes only the job");
    assert.equal((await commit(x, jobPath)).status, 303);
    const npo = (await findPlanIndicators(database.db, x.planId)).find((i) => i.name === NPO)!;
    assert.equal(npo.values.find((v) => v.fiscalYear === 2010)?.actual, 2150);
  });

  it("refuses a year column without a readable year, and a field chosen twice, naming the columns", async () => {
    const x = await world();
    const { jobPath } = await preview(x, "indicators", `指標名\t単位\tH22目標\n${NPO}\t団体\t2,200\n`);
    const res = await x.app.request(
      `${jobPath}/mapping`,
      postForm(
        { "col.0": "indicatorName", "col.1": "indicatorName", "col.2": "year:actual", "year.2": "来年" },
        { cookie: x.admin },
      ),
    );
    assert.equal(res.status, 422);
    const body = text(await res.text());
    assert.match(body, /「指標名」がA列とB列の両方に指定されています/);
    assert.match(body, /C列「H22目標」: 年度を「2024」「R6」「令和6年度」のように入力してください/);
  });

  it("a budget amount column is offered as 予算額 only; department staff cannot remap a plan's values", async () => {
    const x = await world();
    const { jobPath, body } = await preview(x, "budgets", "事業名\tH22予算額\nNPO活動促進事業\t1,000\n");
    assert.match(body, /予算額（年度・千円）/);
    assert.doesNotMatch(body, /目標値（年度）/);
    const refused = await x.app.request(
      `${jobPath}/mapping`,
      postForm({ "col.0": "indicatorName", "col.1": "year:target", "year.1": "H22" }, { cookie: x.admin }),
    );
    assert.equal(refused.status, 422);
    const staff = await x.app.request(
      `${jobPath}/mapping`,
      postForm({ "col.0": "indicatorName", "col.1": "year:amount", "year.1": "H22" }, { cookie: x.staff }),
    );
    assert.equal(staff.status, 403);
  });
});

describe("saving a values preview's column mapping and applying it to next year's table", () => {
  it("saves the corrected mapping from the preview, offers it for indicators only, and applies it to moved columns", async () => {
    const x = await world();
    const { jobPath } = await preview(
      x,
      "indicators",
      `指標名\t単位\tH22目標\tH22見込\n${NPO}\t団体\t2,200\t2,150\n`,
    );
    const remap = await x.app.request(
      `${jobPath}/mapping`,
      postForm(
        {
          "col.0": "indicatorName",
          "col.1": "unit",
          "col.2": "year:target",
          "year.2": "H22",
          "col.3": "year:actual",
          "year.3": "H22",
        },
        { cookie: x.admin },
      ),
    );
    assert.equal(remap.status, 303);
    assert.match(text(await (await get(x, jobPath)).text()), /この列の対応を保存/);
    const digest = await databaseDigest(database.db, [...JOB_TABLES, "import_mappings"]);
    const save = await x.app.request(
      `${jobPath}/mappings`,
      postForm({ name: "見込は実績" }, { cookie: x.admin }),
    );
    assert.equal(save.status, 303, text(await save.clone().text()));
    assert.equal(
      await databaseDigest(database.db, [...JOB_TABLES, "import_mappings"]),
      digest,
      "saving writes only the mapping",
    );
    assert.match(
      text(await (await get(x, save.headers.get("location")!)).text()),
      /列の対応「見込は実績」を保存しました/,
    );
    const indicatorsForm = text(await (await get(x, `/imports/plans/${x.planId}/indicators`)).text());
    assert.match(indicatorsForm, /保存した列の対応を使う 使わない（見出しから自動で判定） 見込は実績/);
    const budgetsForm = text(await (await get(x, `/imports/plans/${x.planId}/budgets`)).text());
    assert.doesNotMatch(budgetsForm, /保存した列の対応を使う|見込は実績/);
    const [row] = await database.db.select().from(importMappings).where(eq(importMappings.orgId, x.orgId));
    assert.equal(row!.target, "indicators");

    // next year: the columns moved and 単位 is gone; 見込 is still read as the actual
    const next = await x.app.request(
      `/imports/plans/${x.planId}/indicators`,
      postForm(
        { paste: `H22見込\t指標名\tH22目標\n2,150\t${NPO}\t2,200\n`, savedMappingId: row!.id },
        { cookie: x.admin },
      ),
    );
    assert.equal(next.status, 303, text(await next.clone().text()));
    const body = text(await (await get(x, next.headers.get("location")!)).text());
    assert.match(body, /平成22年度 目標値 2,140団体 2,200団体/);
    assert.match(body, /平成22年度 実績値 - 2,150団体/);
    assert.match(body, /保存した対応の見出しのうち、このファイルにないもの: 単位/);

    // an indicators mapping is refused for budgets, with a message; another organisation's as not found
    const budgets = await x.app.request(
      `/imports/plans/${x.planId}/budgets`,
      postForm(
        { paste: "事業名\tH22\nNPO活動支援推進事業\t1\n", savedMappingId: row!.id },
        { cookie: x.admin },
      ),
    );
    assert.equal(budgets.status, 422);
    assert.match(text(await budgets.text()), /「指標の目標値・実績値」の取り込み用/);
    const y = await world();
    const foreign = await y.app.request(
      `/imports/plans/${y.planId}/indicators`,
      postForm({ paste: `指標名\tH22目標\n${NPO}\t1\n`, savedMappingId: row!.id }, { cookie: y.admin }),
    );
    assert.equal(foreign.status, 422);
    assert.match(text(await foreign.text()), /保存した列の対応が見つかりません/);
  });

  it("saving is for the plan owner: department staff 403, another organisation 404, a long name refused", async () => {
    const x = await world();
    const { jobPath } = await preview(x, "budgets", "事業名\tH22予算額\nNPO活動促進事業\t1,000\n");
    const staff = await x.app.request(`${jobPath}/mappings`, postForm({ name: "予算" }, { cookie: x.staff }));
    assert.equal(staff.status, 403);
    const outsider = await x.app.request(
      `${jobPath}/mappings`,
      postForm({ name: "予算" }, { cookie: x.outsider }),
    );
    assert.equal(outsider.status, 404);
    const long = await x.app.request(
      `${jobPath}/mappings`,
      postForm({ name: "あ".repeat(101) }, { cookie: x.admin }),
    );
    assert.equal(long.status, 422);
    assert.match(text(await long.text()), /名前は100文字以内で入力してください/);
    assert.equal(
      (await database.db.select().from(importMappings).where(eq(importMappings.orgId, x.orgId))).length,
      0,
    );
  });
});
