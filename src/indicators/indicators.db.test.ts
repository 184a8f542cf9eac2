import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { auditEvents } from "../accounts/accounts.table.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { exportPlanDocument } from "../plans/export-plan-document.js";
import { prefBasicPlanDocument } from "../plans/fixtures/pref-basic-plan.js";
import {
  POLICY_OVERVIEW_BUDGET_TOTALS,
  prefPolicyOverviewDocument,
} from "../plans/fixtures/pref-policy-overview.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { createOrg, person } from "../plans/plan.factories.js";
import { findNodes } from "../plans/plan.repository.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { budgetTotals, progressFromBaseline, yearAchievements } from "./achievement.js";
import { enterActual } from "./enter-actual.js";
import { findIndicator, findPlanBudgetLines, findPlanIndicators } from "./indicator.repository.js";
import { indicators } from "./indicator.table.js";
import { saveBudgetLine } from "./save-budget-line.js";
import { saveIndicator } from "./save-indicator.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());
const deps = () => ({ db: database.db });

async function importOverview(doc = prefPolicyOverviewDocument) {
  const { orgId, departmentIds } = await createOrg(database.db, { departments: ["生活・文化部", "総務課"] });
  const r = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, doc);
  assert.ok(r.ok, JSON.stringify(r));
  return { orgId, planId: r.planId, departmentIds };
}

describe("indicators and budgets of an imported document", () => {
  it("keeps the fiscal-2010 overview's indicators in their own tables, absent values as absent", async () => {
    const { planId } = await importOverview();
    const list = await findPlanIndicators(database.db, planId);
    assert.deepEqual(
      list.map((x) => [x.role, x.name, x.unit]),
      [
        ["main", "NPO(ボランティア団体・市民活動団体等)の数", "団体"],
        ["sub", "ふりかえり（検証）会議を行った協働事業数", "事業"],
        ["sub", "ふりかえり（検証）会議コーディネーター（調整者）の人数", "人"],
      ],
    );
    const npo = list[0]!;
    assert.deepEqual(
      npo.values.map((v) => [v.fiscalYear, v.target, v.actual]),
      [
        [2006, null, 1522],
        [2007, 1600, 1576],
        [2008, 1700, 1931],
        [2009, 2040, null],
        [2010, 2140, null],
      ],
    );
    const node = (await findNodes(database.db, planId)).find((n) => n.key === "521")!;
    assert.equal(npo.nodeId, node.id);
    // achievement computed from the stored values: H20 1,931 of 1,700 = 113.6 %, and none for H21 (no actual)
    const rates = yearAchievements(npo.values, "up");
    assert.equal(Math.round(rates[2]!.rate! * 10) / 10, 113.6);
    assert.equal(rates[3]!.rate, null);
    assert.equal(Math.round(progressFromBaseline(npo.values, npo.baselineYear)!.percent * 10) / 10, 66.2);
  });

  it("keeps the six projects with their budgets and computes the totals per year, 「-」 staying absent", async () => {
    const { planId } = await importOverview();
    const lines = await findPlanBudgetLines(database.db, planId);
    assert.equal(lines.length, 6);
    assert.deepEqual(lines[0]!.amounts, [
      { fiscalYear: 2009, amount: 3011 },
      { fiscalYear: 2010, amount: 2612 },
    ]);
    const furusato = lines.find((l) => l.name === "NPO活動支援ふるさと雇用再生事業")!;
    assert.deepEqual(furusato.amounts[0], { fiscalYear: 2009, amount: null });
    const totals = budgetTotals(lines);
    assert.equal(totals.perYear.get(2009), POLICY_OVERVIEW_BUDGET_TOTALS[2009]);
    assert.equal(totals.perYear.get(2010), POLICY_OVERVIEW_BUDGET_TOTALS[2010]);
  });

  it("exports exactly the document it imported, and importing it again changes nothing", async () => {
    const { orgId, planId } = await importOverview();
    const exported = await exportPlanDocument(database.db, planId);
    assert.deepStrictEqual(exported, prefPolicyOverviewDocument);
    const auditBefore = (await database.db.select().from(auditEvents)).length;
    const again = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, exported);
    assert.ok(again.ok);
    assert.equal(again.outcome, "unchanged");
    assert.equal((await database.db.select().from(auditEvents)).length, auditBefore);
  });

  it("keeps a statistic without targets (NPO法人数 H20–H23) through a round trip", async () => {
    const { orgId } = await createOrg(database.db);
    const r = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, prefBasicPlanDocument);
    assert.ok(r.ok);
    const [stat] = await findPlanIndicators(database.db, r.planId);
    assert.equal(stat!.role, "statistic");
    assert.equal(stat!.nodeId, null);
    assert.deepEqual(
      stat!.values.map((v) => v.actual),
      [330, 354, 376, 386],
    );
    assert.deepStrictEqual(await exportPlanDocument(database.db, r.planId), prefBasicPlanDocument);
  });

  it("updates a re-imported indicator in place, matched by its name within the item, and removes dropped ones", async () => {
    const { orgId, planId } = await importOverview();
    const before = await findPlanIndicators(database.db, planId);
    const changed = structuredClone(prefPolicyOverviewDocument);
    changed.indicators[0]!.values[3]!.actual = 2050;
    changed.indicators.pop();
    changed.budgets[0]!.amounts[1]!.amount = 2700;
    const r = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, changed);
    assert.ok(r.ok);
    assert.equal(r.outcome, "updated");
    const after = await findPlanIndicators(database.db, planId);
    assert.equal(after.length, 2);
    assert.equal(after[0]!.id, before[0]!.id, "the same row, updated");
    assert.equal(after[0]!.version, before[0]!.version + 1);
    assert.equal(after[1]!.version, before[1]!.version, "an unchanged indicator is not rewritten");
    assert.deepStrictEqual(await exportPlanDocument(database.db, planId), changed);
  });

  it("refuses a document with two values for one year, says where, and writes nothing", async () => {
    const { orgId } = await createOrg(database.db);
    const bad = structuredClone(prefPolicyOverviewDocument);
    bad.title = "重複のある文書";
    bad.indicators[1]!.values.push({ fiscalYear: 2008, target: 1, actual: 1, note: null });
    const r = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, bad);
    assert.ok(!r.ok);
    assert.match(r.errors["indicators[1].values"]!, /2008年度の値が重複/);
    assert.equal((await database.db.select().from(indicators).where(eq(indicators.orgId, orgId))).length, 0);
  });
});

describe("editing indicators and budgets", () => {
  const form = (over: Record<string, unknown> = {}) => ({
    nodeId: "",
    role: "main",
    name: "協働事業の数",
    unit: "事業",
    definition: "県と NPO が協働で実施した事業の数",
    direction: "up",
    baselineYear: "H21年度",
    sourceNote: "",
    values: [
      { year: "平成21年度", target: "", actual: "１２事業", note: "" },
      { year: "2010", target: "1,500", actual: "", note: "見込み" },
    ],
    ...over,
  });

  it("creates an indicator from what a clerk types: 和暦 years, full-width digits, separators and the unit", async () => {
    const { orgId, planId } = await importOverview();
    const r = await saveIndicator(deps(), person(orgId, "admin"), {
      planId,
      indicatorId: null,
      version: 0,
      form: form(),
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.indicator.baselineYear, 2009);
    assert.equal(r.indicator.position, 3);
    assert.deepEqual(r.indicator.values, [
      { fiscalYear: 2009, target: null, actual: 12, note: null },
      { fiscalYear: 2010, target: 1500, actual: null, note: "見込み" },
    ]);
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, r.indicator.id));
    assert.deepEqual(
      audit.map((a) => a.action),
      ["indicator.create"],
    );
  });

  it("refuses a non-number, a negative count, another unit and a year outside the plan, and saves nothing", async () => {
    const { orgId, planId } = await importOverview();
    const [npo] = await findPlanIndicators(database.db, planId);
    const r = await saveIndicator(deps(), person(orgId, "admin"), {
      planId,
      indicatorId: npo!.id,
      version: npo!.version,
      form: form({
        unit: "団体",
        baselineYear: "H18年度",
        values: [
          { year: "H19年度", target: "たくさん", actual: "", note: "" },
          { year: "H20年度", target: "", actual: "-5", note: "" },
          { year: "H21年度", target: "2,040人", actual: "", note: "" },
          { year: "H24年度", target: "2,200", actual: "", note: "" },
        ],
      }),
    });
    assert.ok(!r.ok);
    assert.equal(r.reason, "invalid");
    assert.match(r.errors["values.0.target"]!, /数値として読めません/);
    assert.match(r.errors["values.1.actual"]!, /マイナス/);
    assert.match(r.errors["values.2.target"]!, /単位が違います.*団体/);
    assert.match(r.errors["values.3.year"]!, /期間.*外/);
    assert.deepEqual((await findIndicator(database.db, npo!.id))!, npo);
  });

  it("refuses a stale version with what changed meanwhile, and writes nothing", async () => {
    const { orgId, planId } = await importOverview();
    const [npo] = await findPlanIndicators(database.db, planId);
    const admin = person(orgId, "admin");
    const first = await saveIndicator(deps(), admin, {
      planId,
      indicatorId: npo!.id,
      version: npo!.version,
      form: form({ name: "NPOの数（改）" }),
    });
    assert.ok(first.ok);
    const stale = await saveIndicator(deps(), admin, {
      planId,
      indicatorId: npo!.id,
      version: npo!.version,
      form: form({ name: "NPOの数（別の人）" }),
    });
    assert.ok(!stale.ok);
    assert.equal(stale.reason, "conflict");
    assert.ok(stale.changes!.some((c) => c.field === "name" && c.current === "NPOの数（改）"));
    assert.equal((await findIndicator(database.db, npo!.id))!.name, "NPOの数（改）");
  });

  it("lets only the plan owner of the same organisation edit indicators and budgets", async () => {
    const { orgId, planId, departmentIds } = await importOverview();
    const other = await createOrg(database.db);
    for (const actor of [
      person(orgId, "department", [departmentIds["生活・文化部"]!]),
      person(orgId, "viewer"),
      person(other.orgId, "admin"),
    ]) {
      const r = await saveIndicator(deps(), actor, { planId, indicatorId: null, version: 0, form: form() });
      assert.ok(!r.ok);
      assert.equal(r.reason, "forbidden");
      const b = await saveBudgetLine(deps(), actor, {
        planId,
        lineId: null,
        version: 0,
        form: { nodeId: "", name: "x", servesLabel: "", summary: "", amounts: [] },
      });
      assert.ok(!b.ok);
      assert.equal(b.reason, "forbidden");
    }
  });

  it("changes a project's budget in thousand yen and refuses yen amounts and years outside the plan", async () => {
    const { orgId, planId } = await importOverview();
    const [line] = await findPlanBudgetLines(database.db, planId);
    const admin = person(orgId, "admin");
    const base = { nodeId: line!.nodeId!, name: line!.name, servesLabel: line!.servesLabel!, summary: "" };
    const bad = await saveBudgetLine(deps(), admin, {
      planId,
      lineId: line!.id,
      version: line!.version,
      form: {
        ...base,
        amounts: [
          { year: "(21)", amount: "3,011千円" },
          { year: "H22", amount: "2612000円" },
          { year: "H25", amount: "1" },
        ],
      },
    });
    assert.ok(!bad.ok);
    assert.match(bad.errors["amounts.0.year"]!, /元号/);
    assert.match(bad.errors["amounts.1.amount"]!, /千円/);
    assert.match(bad.errors["amounts.2.year"]!, /期間/);
    const ok = await saveBudgetLine(deps(), admin, {
      planId,
      lineId: line!.id,
      version: line!.version,
      form: {
        ...base,
        amounts: [
          { year: "H21", amount: "-" },
          { year: "H22", amount: "２，７００千円" },
        ],
      },
    });
    assert.ok(ok.ok, JSON.stringify(ok));
    assert.deepEqual(ok.line.amounts, [
      { fiscalYear: 2009, amount: null },
      { fiscalYear: 2010, amount: 2700 },
    ]);
  });
});

describe("a department enters an actual", () => {
  it("lets the responsible department enter the year's actual and keeps the target", async () => {
    const { orgId, planId, departmentIds } = await importOverview();
    const [npo] = await findPlanIndicators(database.db, planId);
    const staff = person(orgId, "department", [departmentIds["生活・文化部"]!]);
    const r = await enterActual(deps(), staff, {
      indicatorId: npo!.id,
      fiscalYear: 2009,
      actual: "2,050団体",
      note: "年度末",
      version: npo!.version,
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.indicator.values.find((v) => v.fiscalYear === 2009),
      { fiscalYear: 2009, target: 2040, actual: 2050, note: "年度末" },
    );
    const stale = await enterActual(deps(), staff, {
      indicatorId: npo!.id,
      fiscalYear: 2009,
      actual: 2060,
      note: null,
      version: npo!.version,
    });
    assert.ok(!stale.ok);
    assert.equal(stale.reason, "conflict");
    assert.deepEqual(stale.changes![0], { field: "actual", current: 2050, submitted: 2060 });
  });

  it("refuses staff of another department, and a unit that does not match", async () => {
    const { orgId, planId, departmentIds } = await importOverview();
    const [npo] = await findPlanIndicators(database.db, planId);
    const input = {
      indicatorId: npo!.id,
      fiscalYear: 2009,
      actual: "2050",
      note: null,
      version: npo!.version,
    };
    const outsider = await enterActual(deps(), person(orgId, "department", [departmentIds.総務課!]), input);
    assert.ok(!outsider.ok);
    assert.equal(outsider.reason, "forbidden");
    const staff = person(orgId, "department", [departmentIds["生活・文化部"]!]);
    const wrongUnit = await enterActual(deps(), staff, { ...input, actual: "2050人" });
    assert.ok(!wrongUnit.ok);
    assert.match(wrongUnit.errors.actual!, /単位/);
    assert.equal((await findIndicator(database.db, npo!.id))!.values[3]!.actual, null);
  });
});
