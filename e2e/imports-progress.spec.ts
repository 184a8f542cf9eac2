import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import type { CurrentUser } from "../src/accounts/account.js";
import { organisations, users } from "../src/accounts/accounts.table.js";
import { DEMO_PASSWORD } from "../src/demo/seed.js";
import { startImport } from "../src/imports/start-import.js";
import { importPlanDocument } from "../src/plans/import-plan-document.js";
import type { PlanDocument } from "../src/plans/plan-document.js";
import { SYSTEM_ACTOR } from "../src/plans/plan-use-case.js";
import { openRound } from "../src/progress/open-round.js";
import { smallPlanDocument } from "../src/progress/progress.factories.js";
import { startTestServer, type TestServer } from "./support/app-server.js";
import { axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { screenshot } from "./support/screenshots.js";

async function assertAccessible(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
  await screenshot(page, `imports-${name}`);
}

async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name: "ログイン" }).click(),
  ]);
}

const submit = (page: Page, name: string) =>
  Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.getByRole("button", { name }).click()]);

describe("a department fills its round by pasting rows from Excel; a long import shows its progress", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let roundId: string;
  let orgId: string;

  before(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const [org] = await db.select().from(organisations).where(eq(organisations.code, "350001"));
    orgId = org!.id;
    const doc = JSON.parse(
      JSON.stringify(smallPlanDocument("山口県協働推進計画（貼り付け）"))
        .replaceAll("協働推進課", "県民生活課")
        .replaceAll("産業振興課", "人事課"),
    ) as PlanDocument;
    const imported = await importPlanDocument({ db }, SYSTEM_ACTOR, orgId, doc);
    assert.ok(imported.ok, JSON.stringify(imported));
    const opened = await openRound({ db }, SYSTEM_ACTOR, {
      planId: imported.planId,
      fiscalYear: 2024,
      deadline: "2099-01-31",
      fieldsAsked: ["status", "grade", "result"],
      entryMode: "per-department",
    });
    assert.ok(opened.ok, JSON.stringify(opened));
    roundId = opened.round.id;
    browser = await launchBrowser();
    page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("finds the paste link on the to-do page and sees a grade error located by row and column", async () => {
    await signIn(page, server.baseUrl, "staff@demo.kyodo.jp");
    await page.goto(`${server.baseUrl}/progress/rounds/${roundId}`);
    await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("link", { name: "Excelから貼り付けてまとめて入力" }).click(),
    ]);
    assert.equal(new URL(page.url()).pathname, `/imports/rounds/${roundId}`);
    await assertAccessible(page, "progress-paste");
    await page
      .getByLabel("Excelからコピーした表")
      .fill("No\t内容\t進捗状況\t評価\t実績\n1\t活動拠点の確保\t済\t◯\t拠点を開設");
    await submit(page, "内容を確認する");
    assert.ok(
      await page.getByText("2行目「評価」: 「◯」はこの計画の評価区分（◎○△）にありません").isVisible(),
    );
    assert.equal(await page.getByRole("button", { name: "入力を反映する" }).count(), 0);
    await assertAccessible(page, "progress-paste-problems");
  });

  it("pastes the whole round, sees every change, saves it all, and the entries hold the values", async () => {
    await page.goto(`${server.baseUrl}/imports/rounds/${roundId}`);
    await page
      .getByLabel("Excelからコピーした表")
      .fill(
        [
          "No\t内容\t進捗状況\t評価\t実績",
          '1\t活動拠点の確保\t済\t◎\t"拠点を1か所開設した。\n利用団体は12団体。"',
          "3\t協働事業提案制度\t着手中\t○\t提案を2件受け付けた",
          "4\t職員研修\t未\t\t",
        ].join("\n"),
      );
    await submit(page, "内容を確認する");
    assert.ok(await page.getByText("問題は見つかりませんでした。").isVisible());
    assert.ok(await page.getByText("変更 3件・変更なし 0件").isVisible());
    assert.ok(await page.getByRole("rowheader", { name: "協働事業提案制度" }).isVisible());
    await assertAccessible(page, "progress-paste-preview");
    await submit(page, "入力を反映する");
    assert.ok(await page.getByText("3件の入力を保存しました。").isVisible());
    await page.goto(`${server.baseUrl}/progress/rounds/${roundId}`);
    const mine = page.getByRole("region", { name: "あなたの課の取組" });
    assert.ok(await mine.getByText("下書き").first().isVisible());
  });

  it("maps a column by hand, saves the mapping from the preview, and applies it to the next paste whose columns moved", async () => {
    await page.goto(`${server.baseUrl}/imports/rounds/${roundId}`);
    await page
      .getByLabel("Excelからコピーした表")
      .fill("No\t内容\t今年度の進み具合\n3\t協働事業提案制度\t着手中");
    await submit(page, "内容を確認する");
    await page.getByLabel("C列「今年度の進み具合」の取り込む項目").selectOption({ label: "進捗状況" });
    await submit(page, "この対応で確認し直す");
    await page.getByLabel("保存する名前").fill("県民生活課の進捗表");
    await submit(page, "この列の対応を保存");
    assert.ok(await page.getByText("列の対応「県民生活課の進捗表」を保存しました。").isVisible());
    await assertAccessible(page, "progress-mapping-saved");

    // the next paste: the status column comes first and 内容 is gone; the saved mapping finds the columns by header
    await page.goto(`${server.baseUrl}/imports/rounds/${roundId}`);
    await page.getByLabel("Excelからコピーした表").fill("今年度の進み具合\tNo\n済\t3");
    await page.getByLabel("保存した列の対応を使う").selectOption({ label: "県民生活課の進捗表" });
    await assertAccessible(page, "progress-paste-saved-mapping");
    await submit(page, "内容を確認する");
    assert.ok(await page.getByText("問題は見つかりませんでした。").isVisible());
    assert.ok(await page.getByText("変更 1件・変更なし 0件").isVisible());
    assert.ok(await page.getByText("保存した対応の見出しのうち、このファイルにないもの: 内容。").isVisible());
    await assertAccessible(page, "progress-paste-saved-mapping-preview");
  });

  it("shows a long import's progress (rows, percent) on the job page, which refreshes into the preview", async () => {
    const db = server.database.db;
    const [owner] = await db.select().from(users).where(eq(users.email, "admin@demo.kyodo.jp"));
    const rows = ["No\t内容\t担当課\t進捗状況"];
    for (let i = 1; i <= 20000; i++) rows.push(`${i}\t施策${i}の推進と協働\t県民生活課\t済`);
    const actor = { ...owner!, departmentIds: [] } as unknown as CurrentUser;
    const started = await startImport(
      { db },
      actor,
      orgId,
      {
        source: { kind: "paste", name: "大きな一覧", bytes: null, text: rows.join("\n") },
        targetPlanId: null,
        fiscalYear: 2024,
        title: "大きな計画",
        kind: null,
        savedMappingId: null,
      },
      { waitMs: 0 },
    );
    assert.ok(started.ok && started.pending, JSON.stringify(started));
    await submit(page, "ログアウト");
    await signIn(page, server.baseUrl, "admin@demo.kyodo.jp");
    await page.goto(`${server.baseUrl}/imports/${started.jobId}`);
    const heading = await page.getByRole("heading", { level: 1 }).innerText();
    if (heading.startsWith("読み込み中")) {
      assert.ok(await page.getByRole("progressbar").isVisible());
      assert.match(await page.getByRole("status").innerText(), /行/);
      await assertAccessible(page, "job-progress");
    }
    await started.done;
    await page.waitForURL(`**/imports/${started.jobId}`);
    await page
      .getByRole("heading", { level: 1, name: "取り込みの確認: 大きな一覧" })
      .waitFor({ timeout: 30_000 });
    assert.ok(await page.getByText("20,000行").isVisible());
  });
});
