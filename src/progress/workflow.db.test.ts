/**
 * The round's workflow beyond draft → submit → approve: late submission, a plan's review chain, lead-department
 * consolidation (主管課 and 関係課) and the tally of items several departments report on.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { auditEvents } from "../accounts/accounts.table.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { person } from "../plans/plan.factories.js";
import { findNodes, findPlan } from "../plans/plan.repository.js";
import { approveEntry } from "./approve-entry.js";
import { allowLateSubmission } from "./change-round-state.js";
import { contributeToEntry } from "./contribute-to-entry.js";
import { openRound } from "./open-round.js";
import { progressWorld } from "./progress.factories.js";
import type { Entry } from "./progress.js";
import {
  findEntries,
  findEntry,
  findReviewChain,
  listComments,
  listContributions,
  listEntryVersions,
} from "./progress.repository.js";
import {
  progressContributions,
  progressEntries,
  progressReviewChains,
  progressRounds,
} from "./progress.table.js";
import { loadEntry, mayView, type ProgressDeps } from "./progress-use-case.js";
import { returnEntry } from "./return-entry.js";
import { roundTally } from "./round-tally.js";
import { saveEntry } from "./save-entry.js";
import { saveChain } from "./save-review-chain.js";
import { submitEntry } from "./submit-entry.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const on = (day: string): ProgressDeps => ({ db: database.db, today: () => day });

async function snapshot() {
  const [entries, rounds, chains, contributions, audits] = await Promise.all([
    database.db.select().from(progressEntries),
    database.db.select().from(progressRounds),
    database.db.select().from(progressReviewChains),
    database.db.select().from(progressContributions),
    database.db.select().from(auditEvents),
  ]);
  return JSON.stringify({ entries, rounds, chains, contributions, audits: audits.length });
}

async function opened(
  entryMode = "per-department",
  setUp?: (w: Awaited<ReturnType<typeof progressWorld>>) => Promise<void>,
) {
  const w = await progressWorld(database.db, `計画 ${Math.random()}`);
  await setUp?.(w);
  const r = await openRound(on("2024-11-01"), w.admin, {
    planId: w.planId,
    fiscalYear: "2024",
    deadline: "2025-01-31",
    fieldsAsked: ["status", "result"],
    entryMode,
  });
  assert.ok(r.ok, JSON.stringify(r));
  const entries = await findEntries(database.db, [r.round.id]);
  const entryOf = (key: string, dept: string | null = null): Entry =>
    entries.find((e) => e.nodeId === w.nodeIdByKey.get(key) && (dept === null || e.departmentName === dept))!;
  return { w, round: r.round, entries, entryOf };
}

describe("submitting after the deadline", () => {
  it("is refused with the deadline in 和暦 unless the plan owner allows late submission for the round", async () => {
    const { w, round, entryOf } = await opened();
    const entry = entryOf("a");
    const before = await snapshot();
    const late = await submitEntry(on("2025-02-03"), w.kyodoStaff, entry.id, {
      version: 1,
      statusLabel: "済",
    });
    assert.ok(!late.ok);
    assert.equal(
      late.errors._,
      "提出期限（令和7年1月31日）を過ぎているため、保存・提出できません。協働推進課にご相談ください。",
    );
    assert.equal(await snapshot(), before);

    const byStaff = await allowLateSubmission(on("2025-02-03"), w.kyodoStaff, round.id, {
      version: round.version,
    });
    assert.ok(!byStaff.ok && byStaff.reason === "forbidden");
    const allowed = await allowLateSubmission(on("2025-02-03"), w.admin, round.id, {
      version: round.version,
    });
    assert.ok(allowed.ok && allowed.round.allowLate);
    const stale = await allowLateSubmission(
      on("2025-02-03"),
      w.admin,
      round.id,
      { version: round.version },
      false,
    );
    assert.ok(!stale.ok && stale.reason === "conflict");

    const accepted = await submitEntry(on("2025-02-03"), w.kyodoStaff, entry.id, {
      version: 1,
      statusLabel: "済",
    });
    assert.ok(accepted.ok, JSON.stringify(accepted));
    assert.equal(accepted.entry.state, "submitted");
  });

  it("can be allowed when the round is opened", async () => {
    const w = await progressWorld(database.db, `計画 ${Math.random()}`);
    const r = await openRound(on("2024-11-01"), w.admin, {
      planId: w.planId,
      fiscalYear: "2024",
      deadline: "2025-01-31",
      fieldsAsked: ["status"],
      entryMode: "per-department",
      allowLate: "1",
    });
    assert.ok(r.ok && r.round.allowLate);
  });
});

describe("a plan's review chain", () => {
  const chainForm = (w: Awaited<ReturnType<typeof progressWorld>>, version = 0) => ({
    version: String(version),
    label: ["協働推進課の確認", "審議会の意見", "最終評価", ""],
    role: ["department", "committee", "admin", "admin"],
    departmentId: [w.departmentIds.kyodo, "", "", ""],
  });

  it("is set by the plan owner only, checked, versioned and audited", async () => {
    const w = await progressWorld(database.db, `計画 ${Math.random()}`);
    const otherOrg = await progressWorld(database.db, `他 ${Math.random()}`);
    const before = await snapshot();
    const byStaff = await saveChain(on("2024-11-01"), w.kyodoStaff, w.planId, chainForm(w));
    assert.ok(!byStaff.ok && byStaff.reason === "forbidden");
    const noDept = await saveChain(on("2024-11-01"), w.admin, w.planId, {
      ...chainForm(w),
      departmentId: ["", "", ""],
    });
    assert.ok(!noDept.ok && noDept.reason === "invalid");
    assert.equal(noDept.errors["step.0.departmentId"], "課が行う手順には、行う課を選んでください。");
    const badRole = await saveChain(on("2024-11-01"), w.admin, w.planId, { ...chainForm(w), role: ["boss"] });
    assert.ok(!badRole.ok && badRole.reason === "invalid");
    const foreign = await saveChain(on("2024-11-01"), otherOrg.admin, w.planId, chainForm(w));
    assert.ok(!foreign.ok && foreign.reason === "forbidden");
    assert.equal(await snapshot(), before);

    const saved = await saveChain(on("2024-11-01"), w.admin, w.planId, chainForm(w));
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.deepEqual(
      saved.steps.map((s) => `${s.label}:${s.role}:${s.departmentName ?? ""}`),
      ["協働推進課の確認:department:協働推進課", "審議会の意見:committee:", "最終評価:admin:"],
    );
    const stale = await saveChain(on("2024-11-01"), w.admin, w.planId, chainForm(w, 0));
    assert.ok(!stale.ok && stale.reason === "conflict");
    assert.equal((await findReviewChain(database.db, w.planId))?.version, 1);
  });

  it("moves a submitted entry step by step, each step acted on by its role only, and approves after the last", async () => {
    const { w, round, entryOf } = await opened("per-department", async (w) => {
      const r = await saveChain(on("2024-11-01"), w.admin, w.planId, chainForm(w));
      assert.ok(r.ok);
    });
    assert.equal(round.reviewSteps.length, 3);
    const b = entryOf("b", "産業振興課");
    const submitted = await submitEntry(on("2024-12-01"), w.sangyoStaff, b.id, {
      version: 1,
      statusLabel: "着手中",
    });
    assert.ok(submitted.ok);
    let version = submitted.entry.version;
    assert.equal(submitted.entry.reviewStep, 0);

    const before = await snapshot();
    // the department that submitted cannot check its own entry; the committee must wait its turn
    const self = await approveEntry(on("2024-12-02"), w.sangyoStaff, b.id, { version });
    assert.ok(!self.ok && self.reason === "forbidden");
    const early = await approveEntry(on("2024-12-02"), w.committee, b.id, { version });
    assert.ok(!early.ok);
    assert.equal(
      early.errors._,
      "この報告は「協働推進課の確認」の確認待ちです。あなたはこの手順を行えません。",
    );
    assert.equal(await snapshot(), before);

    const checked = await approveEntry(on("2024-12-02"), w.kyodoStaff, b.id, { version });
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.deepEqual([checked.entry.state, checked.entry.reviewStep], ["submitted", 1]);
    version = checked.entry.version;

    const committeeReturn = await returnEntry(on("2024-12-03"), w.committee, b.id, {
      version,
      comment: "再考を",
    });
    assert.ok(!committeeReturn.ok);
    assert.match(committeeReturn.errors._!, /審議会・委員会の手順では差し戻しはできません/);
    const opinion = await approveEntry(on("2024-12-03"), w.committee, b.id, {
      version,
      comment: "成果指標の\n設定を検討されたい。",
    });
    assert.ok(opinion.ok);
    assert.deepEqual([opinion.entry.state, opinion.entry.reviewStep], ["submitted", 2]);
    version = opinion.entry.version;
    assert.equal((await listComments(database.db, b.id)).at(-1)?.body, "成果指標の\n設定を検討されたい。");

    const kyodoLate = await approveEntry(on("2024-12-04"), w.kyodoStaff, b.id, { version });
    assert.ok(!kyodoLate.ok);
    const stale = await approveEntry(on("2024-12-04"), w.admin, b.id, { version: version - 1 });
    assert.ok(!stale.ok && stale.reason === "conflict");
    const final = await approveEntry(on("2024-12-04"), w.admin, b.id, { version });
    assert.ok(final.ok);
    assert.equal(final.entry.state, "approved");
    const history = await listEntryVersions(database.db, b.id);
    assert.deepEqual(history.map((v) => v.action).slice(0, 4), ["approve", "advance", "advance", "submit"]);
  });

  it("sends a returned entry back to the first step when it is submitted again", async () => {
    const { w, entryOf } = await opened("per-department", async (w) => {
      assert.ok((await saveChain(on("2024-11-01"), w.admin, w.planId, chainForm(w))).ok);
    });
    const a = entryOf("a");
    const s1 = await submitEntry(on("2024-12-01"), w.kyodoStaff, a.id, { version: 1, statusLabel: "済" });
    assert.ok(s1.ok);
    const c1 = await approveEntry(on("2024-12-01"), w.kyodoStaff, a.id, { version: s1.entry.version });
    assert.ok(c1.ok);
    const c2 = await approveEntry(on("2024-12-01"), w.committee, a.id, { version: c1.entry.version });
    assert.ok(c2.ok && c2.entry.reviewStep === 2);
    const back = await returnEntry(on("2024-12-01"), w.admin, a.id, {
      version: c2.entry.version,
      comment: "実績を数字で",
    });
    assert.ok(back.ok);
    assert.deepEqual([back.entry.state, back.entry.reviewStep], ["returned", 0]);
    const again = await submitEntry(on("2024-12-02"), w.kyodoStaff, a.id, { version: back.entry.version });
    assert.ok(again.ok && again.entry.reviewStep === 0);
  });

  it("keeps today's behaviour without a chain: only the plan owner approves, at once", async () => {
    const { w, round, entryOf } = await opened();
    assert.deepEqual(round.reviewSteps, []);
    const a = entryOf("a");
    const s = await submitEntry(on("2024-12-01"), w.kyodoStaff, a.id, { version: 1 });
    assert.ok(s.ok);
    const byCommittee = await approveEntry(on("2024-12-01"), w.committee, a.id, { version: s.entry.version });
    assert.ok(!byCommittee.ok && byCommittee.reason === "forbidden");
    const ok = await approveEntry(on("2024-12-01"), w.admin, a.id, { version: s.entry.version });
    assert.ok(ok.ok && ok.entry.state === "approved");
  });
});

describe("a lead department (主管課) consolidating related departments (関係課)", () => {
  it("gives the lead the one entry and the related department a place for its text beside it", async () => {
    const { w, entryOf, entries } = await opened("lead");
    assert.equal(entries.length, 4);
    const c = entryOf("c");
    assert.equal(c.departmentName, "協働推進課");
    const before = await snapshot();
    // the related department cannot edit the lead's entry, nor the lead write as a related department
    const edit = await saveEntry(on("2024-12-01"), w.sangyoStaff, c.id, { version: 1, result: "上書き" });
    assert.ok(!edit.ok && edit.reason === "forbidden");
    const asLead = await contributeToEntry(on("2024-12-01"), w.kyodoStaff, c.id, {
      departmentId: w.departmentIds.kyodo,
      version: 0,
      body: "x",
    });
    assert.ok(!asLead.ok && asLead.reason === "forbidden");
    const pretend = await contributeToEntry(on("2024-12-01"), w.kyodoStaff, c.id, {
      departmentId: w.departmentIds.sangyo,
      version: 0,
      body: "x",
    });
    assert.ok(!pretend.ok && pretend.reason === "forbidden");
    const notLead = await contributeToEntry(on("2024-12-01"), w.sangyoStaff, entryOf("b").id, {
      departmentId: w.departmentIds.sangyo,
      version: 0,
      body: "x",
    });
    assert.ok(!notLead.ok && notLead.reason === "invalid");
    assert.equal(await snapshot(), before);

    const ctx = await loadEntry(database.db, c.id);
    assert.ok("entry" in ctx && mayView(w.sangyoStaff, ctx));
    const wrote = await contributeToEntry(on("2024-12-01"), w.sangyoStaff, c.id, {
      departmentId: w.departmentIds.sangyo,
      version: 0,
      body: "・中小企業向け説明会を2回開催\n・提案3件",
    });
    assert.ok(wrote.ok, JSON.stringify(wrote));
    // two people of the related department at once: the second gets both texts back, nothing is lost
    const stale = await contributeToEntry(on("2024-12-01"), w.sangyoStaff, c.id, {
      departmentId: w.departmentIds.sangyo,
      version: 0,
      body: "別の人の記入",
    });
    assert.ok(!stale.ok && stale.reason === "conflict");
    assert.deepEqual(stale.changes, [
      { field: "body", current: "・中小企業向け説明会を2回開催\n・提案3件", submitted: "別の人の記入" },
    ]);
    const list = await listContributions(database.db, c.id);
    assert.deepEqual(
      list.map((x) => [x.departmentName, x.body, x.version]),
      [["産業振興課", "・中小企業向け説明会を2回開催\n・提案3件", 1]],
    );
    const lead = await submitEntry(on("2024-12-02"), w.kyodoStaff, c.id, {
      version: 1,
      result: "提案制度を運用。産業振興課と説明会を共催。",
    });
    assert.ok(lead.ok);
    const afterSubmit = await contributeToEntry(on("2024-12-03"), w.sangyoStaff, c.id, {
      departmentId: w.departmentIds.sangyo,
      version: 1,
      body: "追記",
    });
    assert.ok(!afterSubmit.ok && afterSubmit.reason === "invalid");
    assert.equal((await findEntry(database.db, c.id))?.state, "submitted");
  });
});

describe("the tally of an item several departments report on", () => {
  it("counts the item once, by its least advanced status, not by its first department", async () => {
    const { w, round, entryOf } = await opened();
    const write = async (key: string, dept: string, staff: typeof w.kyodoStaff, statusLabel: string) => {
      const e = entryOf(key, dept);
      const r = await saveEntry(on("2024-12-01"), staff, e.id, { version: e.version, statusLabel });
      assert.ok(r.ok, JSON.stringify(r));
    };
    await write("a", "協働推進課", w.kyodoStaff, "済");
    await write("c", "協働推進課", w.kyodoStaff, "済");
    await write("c", "産業振興課", w.sangyoStaff, "未");
    const plan = (await findPlan(database.db, w.planId))!;
    const nodes = await findNodes(database.db, w.planId);
    const entries = await findEntries(database.db, [round.id]);
    const tier1 = roundTally(plan, nodes, entries, []).find((r) => r.tierCode === "Ⅰ")!;
    assert.equal(tier1.total, 2); // a (and its 再掲, once) and c
    assert.equal(tier1.computed, "1/2：済 1/2：未");
  });

  it("is not fooled by a person of another organisation", async () => {
    const { entryOf } = await opened();
    const stranger = person((await progressWorld(database.db, `他 ${Math.random()}`)).orgId, "admin");
    const r = await approveEntry(on("2024-12-01"), stranger, entryOf("a").id, { version: 1 });
    assert.ok(!r.ok && r.reason === "forbidden");
  });
});
