/**
 * Round trip: what the product exports re-imports unchanged. Every demo plan's reports (the built-in progress list,
 * 施策別概要 and 基本計画書 — whose CSV and second xlsx sheet are the items table —
 * and a saved layout with every column) as CSV (UTF-8 with BOM, Shift_JIS) and xlsx is read back as an update of
 * the same plan and as the progress of its round: the rows find their items by the ID column, nothing is new,
 * changed or removed, and a commit leaves the plan as it was.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { seedDemo } from "../demo/seed.js";
import { exportPlanDocument } from "../plans/export-plan-document.js";
import { plans } from "../plans/plan.table.js";
import { canonicalJson, SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { listRoundsOfPlan } from "../progress/progress.repository.js";
import { type ReportFormat, renderReport } from "../reports/index.js";
import { COLUMN_KEYS } from "../reports/report-layout.js";
import { saveReportLayout } from "../reports/save-report-layout.js";
import { createLogger } from "../web/log.js";
import { commitImport, planUpdateOf } from "./commit-import.js";
import { diffPlanDocuments } from "./import-diff.js";
import type { ImportSource } from "./import-job.js";
import { findImportJob } from "./import-job.repository.js";
import { startPlanValuesImport } from "./plan-values-import.js";
import { startProgressImport } from "./progress-import.js";
import { startImport } from "./start-import.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
  await seedDemo(
    database.db,
    createLogger("error", () => {}),
  );
});
after(() => database.close());

const FORMATS: [ReportFormat, ImportSource["kind"], string][] = [
  ["csv", "csv", "report.csv"],
  ["csv-sjis", "csv", "report-sjis.csv"],
  ["xlsx", "xlsx", "report.xlsx"],
];

async function exported(planId: string, layoutId: string, format: ReportFormat): Promise<ImportSource> {
  const r = await renderReport(database.db, { planId, layoutId, format, audience: "internal" });
  assert.ok(r.ok, `${layoutId} ${format} renders`);
  const bytes = typeof r.body === "string" ? new TextEncoder().encode(r.body) : r.body;
  const [, kind, name] = FORMATS.find(([f]) => f === format)!;
  return { name, kind, bytes, text: null };
}

/** The plan as a document, without the provenance of its latest import (a re-import records the new file). */
async function planState(planId: string): Promise<string> {
  const doc = await exportPlanDocument(database.db, planId);
  assert.ok(doc);
  return canonicalJson({ ...doc, source: null });
}

/**
 * Reads `source` back as an update of the plan (nothing new, changed or removed; a commit leaves the plan as it was)
 * and, when the plan has a round, as that round's progress (no entry changes). Returns the plan job's mapping.
 */
async function reimportsUnchanged(plan: typeof plans.$inferSelect, source: ImportSource) {
  const rounds = await listRoundsOfPlan(database.db, plan.id);
  const round = rounds.sort((a, b) => b.fiscalYear - a.fiscalYear)[0] ?? null;
  const before = await planState(plan.id);
  const started = await startImport({ db: database.db }, SYSTEM_ACTOR, plan.orgId, {
    source,
    targetPlanId: plan.id,
    fiscalYear: round ? round.fiscalYear : null,
    title: null,
    kind: null,
    savedMappingId: null,
  });
  assert.ok(started.ok, JSON.stringify(started));
  await started.done;
  const job = await findImportJob(database.db, started.jobId);
  assert.ok(job?.parsed && job.parsed.mode === "grid", "read as a table");
  assert.deepEqual(job.parsed.problems, [], "no problem");
  const ids = job.parsed.preview.filter((r) => r.action === "item" && r.id).length;
  assert.ok(ids > 0, "rows carry the ID column");
  const { current, doc } = await planUpdateOf(database.db, job, job.parsed);
  const diff = diffPlanDocuments(current, doc);
  assert.deepEqual(
    { ...diff.tally, same: 0 },
    { new: 0, changed: 0, same: 0, removed: 0 },
    JSON.stringify(Object.entries(diff.byKey).filter(([, v]) => v !== "same")),
  );
  const committed = await commitImport({ db: database.db }, SYSTEM_ACTOR, started.jobId);
  assert.ok(committed.ok, JSON.stringify(committed));
  const after = await planState(plan.id);
  const at = [...after].findIndex((ch, i) => ch !== before[i]);
  assert.equal(
    after,
    before,
    `the plan is as it was: …${before.slice(at - 150, at + 100)}… became …${after.slice(at - 150, at + 100)}…`,
  );

  if (round) {
    const progress = await startProgressImport({ db: database.db }, SYSTEM_ACTOR, round.id, source);
    assert.ok(progress.ok, JSON.stringify(progress));
    const pjob = await findImportJob(database.db, progress.jobId);
    assert.ok(pjob?.parsed?.mode === "progress");
    assert.deepEqual(pjob.parsed.plan.problems, [], "no problem in the round's import");
    assert.deepEqual(pjob.parsed.plan.changes, [], "no entry changes");
    assert.ok(pjob.parsed.plan.unchanged.length > 0, "rows matched their entries");
  }
  return job.mapping;
}

describe("the product's exports re-import unchanged", async () => {
  const all = await (async () => {
    const db = await createTestDatabase();
    await seedDemo(
      db.db,
      createLogger("error", () => {}),
    );
    const rows = await db.db.select({ id: plans.id, title: plans.title }).from(plans);
    await db.close();
    return rows;
  })();
  assert.equal(all.length, 3, "the three reference documents");

  for (const { title } of all) {
    for (const layout of [
      "builtin-progress-list",
      "builtin-policy-overview",
      "builtin-basic-plan",
      "every column",
    ]) {
      for (const [format] of FORMATS) {
        it(`${title}: ${layout} as ${format} → the plan and its round`, async () => {
          const [plan] = (await database.db.select().from(plans)).filter((p) => p.title === title);
          assert.ok(plan);
          let layoutId = layout;
          if (layout === "every column") {
            const saved = await saveReportLayout({ db: database.db }, SYSTEM_ACTOR, plan.id, {
              layoutId: null,
              version: 0,
              layout: { kind: "custom", name: `全列 ${format}`, columns: [...COLUMN_KEYS], groupLevels: 1 },
            });
            assert.ok(saved.ok, JSON.stringify(saved));
            layoutId = saved.row.id;
          }
          await reimportsUnchanged(plan, await exported(plan.id, layoutId, format));
        });
      }
    }
  }
});

describe("the published open data (data.csv, indicators.csv) re-imports unchanged", async () => {
  const titles = [
    "山口県県民活動促進基本計画",
    "平成22年度当初予算 施策別概要",
    "第1期指針 具体施策の進捗状況一覧",
  ];
  for (const title of titles) {
    it(`${title}: data.csv → the plan and its round`, async () => {
      const [plan] = (await database.db.select().from(plans)).filter((p) => p.title === title);
      assert.ok(plan, "a demo plan (published by the demo seed)");
      const res = await testApp(database).request(`/public/plans/${plan.id}/data.csv`);
      assert.equal(res.status, 200);
      const source: ImportSource = {
        kind: "csv",
        name: "data.csv",
        bytes: new Uint8Array(await res.arrayBuffer()),
        text: null,
      };
      const mapping = await reimportsUnchanged(plan, source);
      assert.deepEqual(mapping?.attributes, [], "the open data's context columns are read past");

      const indicators = await testApp(database).request(`/public/plans/${plan.id}/indicators.csv`);
      const ibytes = new Uint8Array(await indicators.arrayBuffer());
      if (new TextDecoder().decode(ibytes).trim().split("\n").length > 1) {
        const values = await startPlanValuesImport({ db: database.db }, SYSTEM_ACTOR, plan.id, "indicators", {
          kind: "csv",
          name: "indicators.csv",
          bytes: ibytes,
          text: null,
        });
        assert.ok(values.ok, JSON.stringify(values));
        const vjob = await findImportJob(database.db, values.jobId);
        assert.ok(vjob?.parsed?.mode === "values");
        assert.deepEqual(vjob.parsed.plan.problems, [], "indicators.csv: no problem");
        assert.deepEqual(vjob.parsed.plan.changes, [], "indicators.csv: no value changes");
        assert.ok(vjob.parsed.plan.unchanged.length > 0, "indicators.csv: rows matched their indicators");
      }
    });
  }
});
