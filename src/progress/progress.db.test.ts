import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { auditEvents } from "../accounts/accounts.table.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { exportPlanDocument } from "../plans/export-plan-document.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { findNodes } from "../plans/plan.repository.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { approveEntry } from "./approve-entry.js";
import { closeRound, lockRound, publishRound } from "./change-round-state.js";
import { commentOnEntry } from "./comment-on-entry.js";
import { openRound } from "./open-round.js";
import { progressWorld, smallPlanDocument } from "./progress.factories.js";
import type { Entry } from "./progress.js";
import {
  findEntries,
  findEntry,
  listComments,
  listEntryVersions,
  listRoundsOfPlan,
} from "./progress.repository.js";
import { progressEntries, progressRounds } from "./progress.table.js";
import type { ProgressDeps } from "./progress-use-case.js";
import { returnEntry } from "./return-entry.js";
import { saveEntry } from "./save-entry.js";
import { submitEntry } from "./submit-entry.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const on = (day: string): ProgressDeps => ({ db: database.db, today: () => day });
const ALL_FIELDS = ["status", "grade", "result", "doText", "checkText", "issuesText", "actText", "nextTerm"];

async function openedRound(opts: { deadline?: string; entryMode?: string } = {}) {
  const w = await progressWorld(database.db, `計画 ${Math.random()}`);
  const opened = await openRound(on("2024-11-01"), w.admin, {
    planId: w.planId,
    fiscalYear: "2024",
    asOfDate: "2024-12-31",
    asOfLabel: "令和6年12月末日時点",
    deadline: opts.deadline ?? "2025-01-31",
    fieldsAsked: ALL_FIELDS,
    instructions: "12月末時点の状況を記入してください。",
    entryMode: opts.entryMode ?? "per-department",
  });
  assert.ok(opened.ok, JSON.stringify(opened));
  const entries = await findEntries(database.db, [opened.round.id]);
  const entryOf = (key: string, dept: string | null = null): Entry =>
    entries.find((e) => e.nodeId === w.nodeIdByKey.get(key) && (dept === null || e.departmentName === dept))!;
  return { w, round: opened.round, entries, entryOf };
}

/** Everything a refusal must leave untouched. */
async function snapshot() {
  const [entries, rounds, audits] = await Promise.all([
    database.db.select().from(progressEntries),
    database.db.select().from(progressRounds),
    database.db.select().from(auditEvents),
  ]);
  return JSON.stringify({ entries, rounds, audits: audits.length });
}

describe("opening a progress round", () => {
  it("creates one entry per item and responsible department, a 再掲 once, 全課 as one shared entry", async () => {
    const { entries, w } = await openedRound();
    const described = entries.map(
      (e) => `${[...w.nodeIdByKey].find(([, id]) => id === e.nodeId)![0]}:${e.departmentName ?? "共同"}`,
    );
    assert.deepEqual(described, ["a:協働推進課", "b:産業振興課", "c:協働推進課", "c:産業振興課", "d:共同"]);
    assert.ok(entries.every((e) => e.state === "not_started"));
  });

  it("reads only the entry and node fields asked for, with the same values as a full read", async () => {
    const { w, round, entries } = await openedRound();
    const lean = await findEntries(database.db, [round.id], ["nodeId", "state", "statusLabel"]);
    assert.deepEqual(
      lean,
      entries.map((e) => ({ id: e.id, nodeId: e.nodeId, state: e.state, statusLabel: e.statusLabel })),
    );
    const nodes = await findNodes(database.db, w.planId);
    assert.deepEqual(
      await findNodes(database.db, w.planId, ["title", "departments"]),
      nodes.map((n) => ({ id: n.id, title: n.title, departments: n.departments })),
    );
    assert.deepEqual(
      await findNodes(database.db, w.planId, ["label", "nextTerm"]),
      nodes.map((n) => ({ id: n.id, label: n.label, nextTerm: n.nextTerm })),
    );
  });

  it("creates one shared entry per item when the round asks for shared entries", async () => {
    const { entries } = await openedRound({ entryMode: "shared" });
    assert.equal(entries.length, 4);
    assert.ok(entries.every((e) => e.departmentId === null));
  });

  it("lets only the plan owner open a round, and refuses a second open round of the same year", async () => {
    const { w } = await openedRound();
    const input = { planId: w.planId, fiscalYear: 2024, fieldsAsked: ["status"], entryMode: "shared" };
    const before = await snapshot();
    const byStaff = await openRound(on("2024-11-01"), w.kyodoStaff, input);
    assert.equal(byStaff.ok || byStaff.reason, "forbidden");
    const again = await openRound(on("2024-11-01"), w.admin, input);
    assert.equal(again.ok || again.reason, "invalid");
    assert.match(again.ok ? "" : again.errors.fiscalYear!, /令和6年度の進捗調査はすでに受付中/);
    assert.equal(await snapshot(), before);
  });

  it("explains in Japanese what is wrong with the form", async () => {
    const { w } = await openedRound();
    const r = await openRound(on("2024-11-01"), w.admin, {
      planId: w.planId,
      fiscalYear: "令和",
      deadline: "1月末",
      fieldsAsked: [],
      entryMode: "x",
    });
    assert.ok(!r.ok);
    assert.match(r.errors.fiscalYear!, /西暦4桁/);
    assert.match(r.errors.deadline!, /2024-12-31 の形/);
    assert.match(r.errors.fieldsAsked!, /1つ以上/);
    assert.match(r.errors.entryMode!, /報告の単位/);
  });
});

describe("a department reporting progress", () => {
  it("saves a draft keeping line breaks, then submits it; each save is a version with who and when", async () => {
    const { w, entryOf } = await openedRound();
    const entry = entryOf("a");
    const saved = await saveEntry(on("2024-12-10"), w.kyodoStaff, entry.id, {
      version: entry.version,
      statusLabel: "着手中",
      grade: "○",
      result: "拠点を2か所に増やした。\r\n利用団体は20団体。",
    });
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.equal(saved.entry.state, "draft");
    assert.equal(saved.entry.result, "拠点を2か所に増やした。\n利用団体は20団体。");
    const submitted = await submitEntry(on("2025-01-31"), w.kyodoStaff, entry.id, {
      version: saved.entry.version,
      statusLabel: "済",
      grade: "◎",
      result: saved.entry.result,
    });
    assert.ok(submitted.ok, JSON.stringify(submitted));
    assert.equal(submitted.entry.state, "submitted");
    assert.equal(submitted.entry.submittedBy, w.kyodoStaff.id);
    const history = await listEntryVersions(database.db, entry.id);
    assert.deepEqual(
      history.map((h) => [h.action, h.state, h.actorName]),
      [
        ["submit", "submitted", w.kyodoStaff.displayName],
        ["save", "draft", w.kyodoStaff.displayName],
        ["open", "not_started", w.admin.displayName],
      ],
    );
  });

  it("refuses after the deadline (Japan time) and writes nothing", async () => {
    const { w, entryOf } = await openedRound({ deadline: "2025-01-31" });
    const entry = entryOf("a");
    const before = await snapshot();
    const r = await saveEntry(on("2025-02-01"), w.kyodoStaff, entry.id, { version: 1, result: "遅れて入力" });
    assert.ok(!r.ok);
    assert.match(r.errors._!, /提出期限（令和7年1月31日）を過ぎている/);
    assert.equal(await snapshot(), before);
  });

  it("refuses in a closed round and in a locked round, and writes nothing", async () => {
    const { w, round, entryOf } = await openedRound();
    const locked = await lockRound(on("2024-12-01"), w.admin, round.id, { version: round.version });
    assert.ok(locked.ok);
    let before = await snapshot();
    const whileLocked = await saveEntry(on("2024-12-01"), w.kyodoStaff, entryOf("a").id, {
      version: 1,
      result: "x",
    });
    assert.ok(!whileLocked.ok);
    assert.match(whileLocked.errors._!, /入力が停止/);
    assert.equal(await snapshot(), before);
    const unlocked = await lockRound(
      on("2024-12-01"),
      w.admin,
      round.id,
      { version: locked.round.version },
      false,
    );
    assert.ok(unlocked.ok);
    const closed = await closeRound(on("2024-12-01"), w.admin, round.id, { version: unlocked.round.version });
    assert.ok(closed.ok);
    before = await snapshot();
    const whileClosed = await submitEntry(on("2024-12-01"), w.kyodoStaff, entryOf("a").id, { version: 1 });
    assert.ok(!whileClosed.ok);
    assert.match(whileClosed.errors._!, /締め切られている/);
    assert.equal(await snapshot(), before);
  });

  it("refuses an item another department is responsible for, and writes nothing", async () => {
    const { w, entryOf } = await openedRound();
    const before = await snapshot();
    for (const entry of [entryOf("b"), entryOf("c", "産業振興課")]) {
      const r = await saveEntry(on("2024-12-01"), w.kyodoStaff, entry.id, {
        version: 1,
        result: "他課の入力",
      });
      assert.equal(r.ok || r.reason, "forbidden");
    }
    const committee = await saveEntry(on("2024-12-01"), w.committee, entryOf("a").id, { version: 1 });
    assert.equal(committee.ok || committee.reason, "forbidden");
    assert.equal(await snapshot(), before);
  });

  it("lets every department report on a 全課 item", async () => {
    const { w, entryOf } = await openedRound();
    const r = await saveEntry(on("2024-12-01"), w.sangyoStaff, entryOf("d").id, {
      version: 1,
      statusLabel: "未",
    });
    assert.ok(r.ok, JSON.stringify(r));
  });

  it("refuses a status outside the plan's vocabulary and a grade outside its grades, and writes nothing", async () => {
    const { w, entryOf } = await openedRound();
    const before = await snapshot();
    const r = await saveEntry(on("2024-12-01"), w.kyodoStaff, entryOf("a").id, {
      version: 1,
      statusLabel: "完了",
      grade: "A",
    });
    assert.ok(!r.ok);
    assert.equal(r.reason, "invalid");
    assert.match(
      r.errors.statusLabel!,
      /進捗状況「完了」はこの計画の区分（済、済・継、着手中、未）にありません/,
    );
    assert.match(r.errors.grade!, /評価「A」/);
    assert.equal(await snapshot(), before);
  });

  it("refuses a stale version with what changed, so two people editing one entry never lose each other's text", async () => {
    const { w, entryOf } = await openedRound();
    const entry = entryOf("c", "協働推進課");
    const first = await saveEntry(on("2024-12-01"), w.kyodoStaff, entry.id, {
      version: 1,
      result: "Aさんの文章",
    });
    assert.ok(first.ok);
    const before = await snapshot();
    const second = await saveEntry(on("2024-12-01"), w.admin, entry.id, {
      version: 1,
      result: "Bさんの文章",
    });
    assert.ok(!second.ok);
    assert.equal(second.reason, "conflict");
    assert.deepEqual(second.changes, [{ field: "result", current: "Aさんの文章", submitted: "Bさんの文章" }]);
    assert.equal(await snapshot(), before);
    assert.equal((await findEntry(database.db, entry.id))!.result, "Aさんの文章");
  });

  it("keeps fields the round does not ask for", async () => {
    const w = await progressWorld(database.db, `計画 ${Math.random()}`);
    const opened = await openRound(on("2024-11-01"), w.admin, {
      planId: w.planId,
      fiscalYear: 2024,
      fieldsAsked: ["status"],
      entryMode: "shared",
    });
    assert.ok(opened.ok);
    const [entry] = await findEntries(database.db, [opened.round.id]);
    const r = await saveEntry(on("2024-11-02"), w.admin, entry!.id, {
      version: 1,
      statusLabel: "済",
      result: "聞いていない",
    });
    assert.ok(r.ok);
    assert.equal(r.entry.result, null);
  });
});

describe("reviewing entries", () => {
  async function submitted() {
    const ctx = await openedRound();
    const entry = ctx.entryOf("a");
    const s = await submitEntry(on("2024-12-01"), ctx.w.kyodoStaff, entry.id, {
      version: 1,
      statusLabel: "済",
    });
    assert.ok(s.ok);
    return { ...ctx, entry: s.entry };
  }

  it("returns an entry with a comment the department sees, and the department can submit again", async () => {
    const { w, entry } = await submitted();
    const returned = await returnEntry(on("2025-03-01"), w.admin, entry.id, {
      version: entry.version,
      comment: "実績に数値を入れてください。",
    });
    assert.ok(returned.ok, JSON.stringify(returned));
    assert.equal(returned.entry.state, "returned");
    const comments = await listComments(database.db, entry.id);
    assert.deepEqual(
      comments.map((c) => [c.kind, c.body]),
      [["return", "実績に数値を入れてください。"]],
    );
    const again = await submitEntry(on("2024-12-02"), w.kyodoStaff, entry.id, {
      version: returned.entry.version,
      statusLabel: "済",
      result: "参加者120人",
    });
    assert.ok(again.ok);
    assert.equal(again.entry.state, "submitted");
  });

  it("refuses a return without a reason, and a review by department staff, writing nothing", async () => {
    const { w, entry } = await submitted();
    const before = await snapshot();
    const noReason = await returnEntry(on("2025-03-01"), w.admin, entry.id, {
      version: entry.version,
      comment: "  ",
    });
    assert.ok(!noReason.ok);
    assert.match(noReason.errors.comment!, /差し戻しの理由/);
    const byStaff = await approveEntry(on("2025-03-01"), w.kyodoStaff, entry.id, { version: entry.version });
    assert.equal(byStaff.ok || byStaff.reason, "forbidden");
    assert.equal(await snapshot(), before);
  });

  it("approves a submitted entry but not a draft", async () => {
    const { w, entry, entryOf } = await submitted();
    const ok = await approveEntry(on("2025-03-01"), w.admin, entry.id, { version: entry.version });
    assert.ok(ok.ok);
    assert.equal(ok.entry.state, "approved");
    assert.equal(ok.entry.approvedBy, w.admin.id);
    const draft = await approveEntry(on("2025-03-01"), w.admin, entryOf("b").id, { version: 1 });
    assert.ok(!draft.ok);
    assert.match(draft.errors._!, /「未着手」の報告は「承認」できません/);
  });

  it("lets committee members comment but not department staff", async () => {
    const { w, entry } = await submitted();
    const c = await commentOnEntry(on("2025-03-01"), w.committee, entry.id, {
      body: "成果が分かりやすいです。",
    });
    assert.ok(c.ok);
    assert.equal(c.comment.role, "committee");
    const staff = await commentOnEntry(on("2025-03-01"), w.kyodoStaff, entry.id, { body: "x" });
    assert.equal(staff.ok || staff.reason, "forbidden");
    const empty = await commentOnEntry(on("2025-03-01"), w.committee, entry.id, { body: "" });
    assert.ok(!empty.ok);
    assert.match(empty.errors.body!, /コメントを入力/);
  });

  it("publishes a closed round, not an open one", async () => {
    const { w, round } = await submitted();
    const early = await publishRound(on("2025-03-01"), w.admin, round.id, { version: round.version });
    assert.ok(!early.ok);
    assert.match(early.errors._!, /「受付中」の調査を「公表済」にはできません/);
    const closed = await closeRound(on("2025-03-01"), w.admin, round.id, { version: round.version });
    assert.ok(closed.ok);
    const stale = await publishRound(on("2025-03-01"), w.admin, round.id, { version: round.version });
    assert.equal(stale.ok || stale.reason, "conflict");
    const published = await publishRound(on("2025-03-01"), w.admin, round.id, {
      version: closed.round.version,
    });
    assert.ok(published.ok);
    assert.equal(published.round.state, "published");
  });
});

describe("rounds of imported documents", () => {
  it("writes the document's rounds into the progress tables and reads them back unchanged", async () => {
    const w = await progressWorld(database.db, `計画 ${Math.random()}`);
    const rounds = await listRoundsOfPlan(database.db, w.planId);
    assert.equal(rounds.length, 1);
    assert.deepEqual(
      [rounds[0]!.origin, rounds[0]!.state, rounds[0]!.fiscalYear],
      ["import", "published", 2023],
    );
    const [entry] = await findEntries(database.db, [rounds[0]!.id]);
    assert.equal(entry!.departmentId, w.departmentIds.kyodo);
    assert.equal(entry!.result, "拠点を1か所開設した。\n利用団体は12団体。");
    const exported = await exportPlanDocument(database.db, w.planId);
    assert.deepEqual(exported!.rounds, smallPlanDocument().rounds);
  });

  it("keeps a round opened in the app when the plan's document is imported again", async () => {
    const { w, entryOf } = await openedRound();
    const saved = await saveEntry(on("2024-12-01"), w.kyodoStaff, entryOf("a").id, {
      version: 1,
      result: "今年の実績",
    });
    assert.ok(saved.ok);
    const doc = (await exportPlanDocument(database.db, w.planId))!;
    doc.rounds[0]!.entries[0]!.result = "前年の実績（訂正）";
    const again = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, w.orgId, doc);
    assert.ok(again.ok, JSON.stringify(again));
    assert.equal(again.outcome, "updated");
    const rounds = await listRoundsOfPlan(database.db, w.planId);
    assert.deepEqual(
      rounds.map((r) => [r.fiscalYear, r.origin]),
      [
        [2023, "import"],
        [2024, "app"],
      ],
    );
    assert.equal((await findEntry(database.db, entryOf("a").id))!.result, "今年の実績");
    const reexported = await exportPlanDocument(database.db, w.planId);
    assert.equal(reexported!.rounds[0]!.entries[0]!.result, "前年の実績（訂正）");
    const unchanged = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, w.orgId, reexported);
    assert.ok(unchanged.ok);
    assert.equal(unchanged.outcome, "unchanged");
  });

  it("refuses a document whose round reports a status outside the plan's vocabulary, writing nothing", async () => {
    const w = await progressWorld(database.db, `計画 ${Math.random()}`);
    const doc = smallPlanDocument(`別計画 ${Math.random()}`);
    doc.rounds[0]!.entries[0]!.statusLabel = "完了";
    doc.rounds[0]!.entries.push({ ...doc.rounds[0]!.entries[0]!, statusLabel: "済" });
    const before = await snapshot();
    const r = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, w.orgId, doc);
    assert.ok(!r.ok);
    assert.match(r.errors["rounds[0].entries[0].statusLabel"]!, /進捗状況「完了」/);
    assert.match(r.errors["rounds[0].entries[1].nodeKey"]!, /重複/);
    assert.equal(await snapshot(), before);
    const rows = await database.db.select().from(progressRounds).where(eq(progressRounds.orgId, w.orgId));
    assert.equal(rows.length, 1);
  });
});
