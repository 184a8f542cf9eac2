/**
 * Reminders end to end below the web layer: a real SMTP server (smtp-server) started by the test on a free port,
 * the app's mailer (nodemailer over SMTP_URL), and the messages read back with mailparser.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { makeUser } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { createMailer } from "../notices/mailer.js";
import { countUnread, listNotices } from "../notices/notices.repository.js";
import { openRound } from "./open-round.js";
import { progressWorld } from "./progress.factories.js";
import { findEntries, listReminders } from "./progress.repository.js";
import { progressReminders } from "./progress.table.js";
import { type ReminderDeps, type ReminderSent, remindNow, sendDueReminders } from "./send-reminders.js";
import { submitEntry } from "./submit-entry.js";

type Mail = { to: string[]; subject: string; text: string };

let database: Database;
let smtp: SMTPServer;
let smtpUrl: string;
const inbox: Mail[] = [];

before(async () => {
  database = await createTestDatabase();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
          inbox.push({
            to: to.flatMap((a) => a.value.map((v) => v.address ?? "")),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await database.close();
});

async function world(reminderDays = "7,1") {
  const w = await progressWorld(database.db, `協働推進計画 ${Math.random().toString(36).slice(2, 7)}`);
  const admin = await makeUser(database.db, w.orgId, "admin");
  const kyodo = await makeUser(database.db, w.orgId, "department", {
    departmentIds: [w.departmentIds.kyodo],
  });
  const sangyo = await makeUser(database.db, w.orgId, "department", {
    departmentIds: [w.departmentIds.sangyo],
  });
  const committee = await makeUser(database.db, w.orgId, "committee");
  const opened = await openRound({ db: database.db, today: () => "2024-11-01" }, admin, {
    planId: w.planId,
    fiscalYear: "2024",
    deadline: "2025-01-31",
    fieldsAsked: ["status", "result"],
    entryMode: "per-department",
    reminderDays,
  });
  assert.ok(opened.ok, JSON.stringify(opened));
  const deps = (day: string): ReminderDeps => ({
    db: database.db,
    today: () => day,
    mailer: createMailer({ smtpUrl, from: "kyodo@test.lg.jp" }),
    baseUrl: "https://kyodo.example.lg.jp/",
  });
  return { w, admin, kyodo, sangyo, committee, round: opened.round, deps };
}

const forRound = (roundId: string, sent: ReminderSent[]) => sent.filter((s) => s.roundId === roundId);
const mailsTo = (address: string) => inbox.filter((m) => m.to.includes(address));

describe("reminders before the deadline", () => {
  it("stores the round's reminder days and refuses days that are not numbers, writing nothing", async () => {
    const { round } = await world("1、7");
    assert.deepEqual(round.reminderDays, [7, 1]);
    const w = await progressWorld(database.db, `計画 ${Math.random()}`);
    const admin = await makeUser(database.db, w.orgId, "admin");
    const bad = await openRound({ db: database.db }, admin, {
      planId: w.planId,
      fiscalYear: "2024",
      fieldsAsked: ["status"],
      entryMode: "per-department",
      reminderDays: "7,明日",
    });
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.reason === "invalid");
    assert.match(!bad.ok ? (bad.errors.reminderDays ?? "") : "", /0〜60 の数字/);
  });

  it("mails and notifies each department with unfinished items 7 days before, once, in Japanese with 和暦", async () => {
    const { deps, kyodo, sangyo, committee, admin, round } = await world();
    // 8 days before: nothing is due
    assert.deepEqual(forRound(round.id, await sendDueReminders(deps("2025-01-23"))), []);
    const sent = forRound(round.id, await sendDueReminders(deps("2025-01-24")));
    assert.deepEqual(sent.map((s) => s.departmentName).sort(), ["協働推進課", "産業振興課"]);
    const mine = sent.filter((s) => s.departmentName === "協働推進課" || s.departmentName === "産業振興課");
    assert.ok(mine.every((s) => s.mailed === s.recipients && s.recipients >= 1));

    const [mail] = mailsTo(kyodo.email);
    assert.ok(mail, "the department's staff got a mail");
    assert.match(mail.subject, /^【進捗調査】協働推進計画 .* 令和6年度 提出期限 令和7年1月31日$/);
    assert.match(mail.text, /協働推進課 ご担当者様/);
    assert.match(mail.text, /提出期限は 令和7年1月31日 です/);
    assert.match(mail.text, /・1 活動拠点の確保/);
    assert.match(mail.text, /・3 協働事業提案制度/);
    assert.match(mail.text, /・4 職員研修/); // 全課: every department
    assert.doesNotMatch(mail.text, /中小企業との協働/); // 産業振興課's item
    assert.ok(mail.text.includes(`https://kyodo.example.lg.jp/progress/rounds/${round.id}`));
    assert.match(mailsTo(sangyo.email)[0]?.text ?? "", /・2 中小企業との協働/);
    assert.equal(mailsTo(committee.email).length, 0);
    assert.equal(mailsTo(admin.email).length, 0);

    const notices = await listNotices(database.db, kyodo.id);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.url, `/progress/rounds/${round.id}`);
    assert.match(notices[0]!.title, /未提出です（期限 令和7年1月31日）/);
    assert.equal(await countUnread(database.db, kyodo.id), 1);

    // the job runs again the same day and the next day: nothing is sent twice
    assert.deepEqual(forRound(round.id, await sendDueReminders(deps("2025-01-24"))), []);
    assert.deepEqual(forRound(round.id, await sendDueReminders(deps("2025-01-25"))), []);
    assert.equal(mailsTo(kyodo.email).length, 1);
    assert.equal((await listNotices(database.db, kyodo.id)).length, 1);
    const history = await listReminders(database.db, round.id);
    assert.deepEqual(
      history.map((h) => h.daysBefore),
      [7, 7],
    );
  });

  it("reminds only departments still unfinished 1 day before, and never after the deadline", async () => {
    const { deps, w, kyodo, sangyo, round } = await world();
    const entries = await findEntries(database.db, [round.id]);
    // 産業振興課 submits all of its entries (b, c and the 全課 item d)
    const sangyoStaff = { ...w.sangyoStaff, id: sangyo.id };
    for (const e of entries.filter((x) => x.departmentName === "産業振興課" || x.departmentName === null)) {
      const r = await submitEntry({ db: database.db, today: () => "2025-01-20" }, sangyoStaff, e.id, {
        version: e.version,
        statusLabel: "着手中",
      });
      assert.ok(r.ok, JSON.stringify(r));
    }
    const sent = forRound(round.id, await sendDueReminders(deps("2025-01-30")));
    assert.deepEqual(
      sent.map((s) => s.departmentName),
      ["協働推進課"],
    );
    const mail = mailsTo(kyodo.email).at(-1)!;
    assert.match(mail.text, /・1 活動拠点の確保/);
    assert.doesNotMatch(mail.text, /職員研修/); // the 全課 entry was submitted
    assert.equal(mailsTo(sangyo.email).length, 0);
    assert.deepEqual(forRound(round.id, await sendDueReminders(deps("2025-02-01"))), []);
  });

  it("sends each reminder once when two app processes run the job at the same moment", async () => {
    const { deps, kyodo, round } = await world();
    const before = mailsTo(kyodo.email).length;
    const [a, b] = await Promise.all([
      sendDueReminders(deps("2025-01-24")),
      sendDueReminders(deps("2025-01-24")),
    ]);
    const kyodoSent = forRound(round.id, [...a, ...b]).filter((s) => s.departmentName === "協働推進課");
    assert.equal(kyodoSent.length, 1);
    assert.equal(mailsTo(kyodo.email).length, before + 1);
    const rows = await database.db
      .select()
      .from(progressReminders)
      .where(eq(progressReminders.roundId, round.id));
    assert.equal(rows.length, 2);
  });
});

describe("the plan owner's reminder to the stragglers", () => {
  it("reminds every unfinished department at once, once a day, and only the plan owner may", async () => {
    const { deps, kyodo, admin, round, w } = await world("");
    const denied = await remindNow(deps("2024-12-01"), { ...w.kyodoStaff, id: kyodo.id }, round.id, {
      version: round.version,
    });
    assert.ok(!denied.ok && denied.reason === "forbidden");
    const r = await remindNow(deps("2024-12-01"), admin, round.id, { version: round.version });
    assert.ok(r.ok);
    assert.equal(r.sent.length, 2);
    assert.match(mailsTo(kyodo.email).at(-1)?.subject ?? "", /提出期限 令和7年1月31日/);
    const again = await remindNow(deps("2024-12-01"), admin, round.id, { version: round.version });
    assert.ok(again.ok);
    assert.equal(again.sent.length, 0);
    const other = await progressWorld(database.db, `他の県 ${Math.random()}`);
    const stranger = await makeUser(database.db, other.orgId, "admin");
    const foreign = await remindNow(deps("2024-12-01"), stranger, round.id, { version: round.version });
    assert.ok(!foreign.ok && foreign.reason === "forbidden");
  });

  it("still notifies in the app when no mail server is configured", async () => {
    const { kyodo, admin, round } = await world("");
    const r = await remindNow(
      { db: database.db, mailer: null, baseUrl: "http://localhost:3000" },
      admin,
      round.id,
      {
        version: round.version,
      },
    );
    assert.ok(r.ok);
    assert.ok(r.sent.every((s) => s.mailed === 0));
    assert.equal(await countUnread(database.db, kyodo.id), 1);
    assert.equal(mailsTo(kyodo.email).length, 0);
  });
});
