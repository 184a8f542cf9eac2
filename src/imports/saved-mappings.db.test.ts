/**
 * Saved column mappings of every table target on a real database: a round's progress, a plan's indicator values
 * and budget amounts. Saved from a corrected preview (with its audit event), listed and applied per target and
 * organisation, refused with a message when they are of another target, organisation or shape.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import type { CurrentUser } from "../accounts/account.js";
import { auditEvents } from "../accounts/accounts.table.js";
import { makeOrg, makeUser } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { prefPolicyOverviewDocument } from "../plans/fixtures/pref-policy-overview.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { type Failure, SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { openRound } from "../progress/open-round.js";
import { progressWorld } from "../progress/progress.factories.js";
import type { ImportSource } from "./import-job.js";
import { findImportJob, listImportMappings } from "./import-job.repository.js";
import { importMappings } from "./import-jobs.table.js";
import type { ImportTarget } from "./mapping-form.js";
import { startPlanValuesImport } from "./plan-values-import.js";
import { startProgressImport } from "./progress-import.js";
import { remapImport } from "./remap-import.js";
import { saveImportMapping } from "./save-import-mapping.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const deps = () => ({ db: database.db, today: () => "2024-11-01" });
const paste = (text: string): ImportSource => ({ kind: "paste", name: "貼り付け", bytes: null, text });
const NPO = "NPO(ボランティア団体・市民活動団体等)の数";

type Start = (
  admin: CurrentUser,
  source: ImportSource,
  savedMappingId: string | null,
) => Promise<{ ok: true; jobId: string } | Failure>;

/** An organisation with a plan (and an open round) and its administrator; how to start each target's import. */
async function world() {
  const w = await progressWorld(database.db, `計画 ${Math.random()}`);
  const admin = await makeUser(database.db, w.orgId, "admin");
  const opened = await openRound(deps(), admin, {
    planId: w.planId,
    fiscalYear: 2024,
    deadline: "2099-03-31",
    fieldsAsked: ["status", "grade", "result", "nextTerm"],
    entryMode: "per-department",
  });
  assert.ok(opened.ok);
  const values = await importPlanDocument(
    { db: database.db },
    SYSTEM_ACTOR,
    w.orgId,
    prefPolicyOverviewDocument,
  );
  assert.ok(values.ok);
  const start: Record<Exclude<ImportTarget, "plan">, Start> = {
    progress: (a, s, id) => startProgressImport(deps(), a, opened.round.id, s, id),
    indicators: (a, s, id) => startPlanValuesImport(deps(), a, values.planId, "indicators", s, id),
    budgets: (a, s, id) => startPlanValuesImport(deps(), a, values.planId, "budgets", s, id),
  };
  return { orgId: w.orgId, admin, start };
}

/**
 * Per target: a table whose header the detection misreads, the correction, and next year's table with the columns
 * moved and one mapped header gone.
 */
const CASES: {
  target: Exclude<ImportTarget, "plan">;
  first: string;
  columns: Record<string, string>;
  next: string;
  gone: string[];
}[] = [
  {
    target: "progress",
    // 「今年度の進み具合」 names no field: mapped by hand to the status
    first: "No\t内容\t担当課\t今年度の進み具合\n3\t協働事業提案制度\t産業振興課\t済\n",
    columns: { "col.0": "number", "col.1": "title", "col.2": "departments", "col.3": "status" },
    next: "今年度の進み具合\t担当課\tNo\n済\t産業振興課\t3\n",
    gone: ["内容"],
  },
  {
    target: "indicators",
    // 「見込」 is no kind the detector knows: mapped by hand to the H22 actual
    first: `指標名\t単位\tH22目標\tH22見込\n${NPO}\t団体\t2,200\t2,150\n`,
    columns: {
      "col.0": "indicatorName",
      "col.1": "unit",
      "col.2": "year:target",
      "year.2": "H22",
      "col.3": "year:actual",
      "year.3": "H22",
    },
    next: `H22見込\t指標名\tH22目標\n2,150\t${NPO}\t2,200\n`,
    gone: ["単位"],
  },
  {
    target: "budgets",
    // 「当初の見積り(H22)」 names no kind the detector knows: mapped by hand to the H22 amount
    first: "事業名\tH21\t当初の見積り(H22)\nNPO活動支援推進事業\t12,345\t12,345\n",
    columns: {
      "col.0": "indicatorName",
      "col.1": "year:amount",
      "year.1": "H21",
      "col.2": "year:amount",
      "year.2": "H22",
    },
    next: "当初の見積り(H22)\t事業名\tH21\n12,345\tNPO活動支援推進事業\t12,345\n",
    gone: [],
  },
];

const jobOf = async (r: { ok: true; jobId: string } | Failure) => {
  assert.ok(r.ok, JSON.stringify(r));
  const job = await findImportJob(database.db, r.jobId);
  assert.ok(job);
  return job;
};

const changesOf = (job: NonNullable<Awaited<ReturnType<typeof findImportJob>>>) => {
  const parse = job.parsed;
  assert.ok(parse?.mode === "progress" || parse?.mode === "values");
  return { changes: parse.plan.changes.length, problems: parse.plan.problems, unmatched: parse.unmatched };
};

describe("saving a corrected column mapping and applying it to next year's table, per target", () => {
  for (const c of CASES) {
    it(`${c.target}: saves it with an audit event and applies it to a table whose columns moved`, async () => {
      const x = await world();
      const first = await jobOf(await x.start[c.target](x.admin, paste(c.first), null));
      const remapped = await remapImport(deps(), x.admin, first.id, { fiscalYear: null, columns: c.columns });
      assert.ok(remapped.ok, JSON.stringify(remapped));
      const corrected = (await findImportJob(database.db, first.id))!;
      assert.equal(changesOf(corrected).changes, 1);

      const saved = await saveImportMapping(deps(), x.admin, first.id, { name: ` ${c.target}の表 ` });
      assert.ok(saved.ok, JSON.stringify(saved));
      assert.equal(saved.replaced, false);
      assert.match(saved.path, new RegExp(`/jobs/${first.id}$`));
      const [row] = await listImportMappings(database.db, x.orgId, c.target);
      assert.equal(row!.name, `${c.target}の表`, "the name is trimmed");
      assert.equal(row!.target, c.target);
      assert.deepEqual(row!.mapping, corrected.mapping);
      const [event] = await database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, row!.id), eq(auditEvents.action, "import.mapping.save")));
      assert.equal(event?.actorId, x.admin.id);
      assert.equal((event!.after as { target: string }).target, c.target);

      // next year: the same correction applies to the moved columns, without remapping
      const next = await jobOf(await x.start[c.target](x.admin, paste(c.next), row!.id));
      const outcome = changesOf(next);
      assert.deepEqual(outcome.problems, []);
      assert.equal(outcome.changes, 1);
      assert.deepEqual(outcome.unmatched, c.gone);
      // without the saved mapping the same table is read otherwise
      const detected = await jobOf(await x.start[c.target](x.admin, paste(c.next), null));
      assert.notDeepEqual(detected.mapping, next.mapping);
    });
  }
});

describe("which saved mappings an import may use", () => {
  it("keeps names per target: the same name saved for indicators and budgets is two mappings; saving again replaces", async () => {
    const x = await world();
    const ids: Record<string, string> = {};
    for (const c of CASES.slice(1)) {
      const job = await jobOf(await x.start[c.target](x.admin, paste(c.first), null));
      const saved = await saveImportMapping(deps(), x.admin, job.id, { name: "毎年の表" });
      assert.ok(saved.ok);
      ids[c.target] = saved.mappingId;
    }
    assert.notEqual(ids.indicators, ids.budgets);
    assert.deepEqual(
      (await listImportMappings(database.db, x.orgId, "budgets")).map((r) => r.id),
      [ids.budgets],
    );
    assert.deepEqual(await listImportMappings(database.db, x.orgId, "progress"), []);

    const again = await jobOf(await x.start.budgets(x.admin, paste(CASES[2]!.next), null));
    const replaced = await saveImportMapping(deps(), x.admin, again.id, { name: "毎年の表" });
    assert.ok(replaced.ok);
    assert.equal(replaced.replaced, true);
    assert.equal(replaced.mappingId, ids.budgets);
    assert.equal((await listImportMappings(database.db, x.orgId, "budgets")).length, 1);
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, ids.budgets!), eq(auditEvents.action, "import.mapping.replace")));
    assert.ok(event?.before, "the replaced mapping is kept in the audit trail");
  });

  it("refuses another target's mapping, another organisation's (as not found) and a malformed row, writing nothing", async () => {
    const x = await world();
    const job = await jobOf(await x.start.indicators(x.admin, paste(CASES[1]!.first), null));
    const saved = await saveImportMapping(deps(), x.admin, job.id, { name: "指標" });
    assert.ok(saved.ok);
    const count = async () => (await database.db.select().from(importMappings)).length;
    const before = await count();

    const other = await x.start.budgets(x.admin, paste(CASES[2]!.first), saved.mappingId);
    assert.equal(other.ok, false);
    assert.match((other as Failure).errors.savedMappingId ?? "", /「指標の目標値・実績値」の取り込み用/);

    const y = await world();
    const foreign = await y.start.indicators(y.admin, paste(CASES[1]!.first), saved.mappingId);
    assert.equal(foreign.ok, false);
    assert.match((foreign as Failure).errors.savedMappingId ?? "", /見つかりません/);
    const junk = await y.start.indicators(y.admin, paste(CASES[1]!.first), "not-a-uuid");
    assert.equal(junk.ok, false);

    const [broken] = await database.db
      .insert(importMappings)
      .values({ orgId: x.orgId, target: "progress", name: "壊れた対応", mapping: { version: 1 } as never })
      .returning();
    const refused = await x.start.progress(x.admin, paste(CASES[0]!.first), broken!.id);
    assert.equal(refused.ok, false);
    assert.match((refused as Failure).errors.savedMappingId ?? "", /正しい形式ではありません/);
    assert.equal(await count(), before + 1);
  });

  it("refuses a name that is empty, longer than 100 characters or has NUL; another organisation's job is not found", async () => {
    const x = await world();
    const job = await jobOf(await x.start.progress(x.admin, paste(CASES[0]!.first), null));
    for (const name of ["   ", "あ".repeat(101), "a\u0000b"]) {
      const r = await saveImportMapping(deps(), x.admin, job.id, { name });
      assert.equal(r.ok, false);
      assert.equal((r as Failure).reason, "invalid", name);
    }
    assert.ok((await saveImportMapping(deps(), x.admin, job.id, { name: "あ".repeat(100) })).ok);
    const stranger = await makeUser(database.db, (await makeOrg(database.db, "ほか県")).id, "admin");
    const r = await saveImportMapping(deps(), stranger, job.id, { name: "x" });
    assert.equal((r as Failure).reason, "not_found");
  });

  it("two people saving the same new name at once end with one mapping, and no error but a conflict", async () => {
    const x = await world();
    const a = await jobOf(await x.start.indicators(x.admin, paste(CASES[1]!.first), null));
    const b = await jobOf(await x.start.indicators(x.admin, paste(CASES[1]!.next), null));
    const both = await Promise.all([
      saveImportMapping(deps(), x.admin, a.id, { name: "同時" }),
      saveImportMapping(deps(), x.admin, b.id, { name: "同時" }),
    ]);
    for (const r of both) assert.ok(r.ok || r.reason === "conflict", JSON.stringify(r));
    assert.equal((await listImportMappings(database.db, x.orgId, "indicators")).length, 1);
  });

  it("mappings saved before targets existed are whole-plan mappings (the migration's default)", async () => {
    const x = await world();
    const [row] = await database.db
      .insert(importMappings)
      .values({ orgId: x.orgId, name: "昔の対応", mapping: { version: 1 } as never })
      .returning();
    assert.equal(row!.target, "plan");
  });
});
