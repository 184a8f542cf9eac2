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
import { findNodes, findPlan } from "../plans/plan.repository.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { closeRound, lockRound, publishRound } from "../progress/change-round-state.js";
import { openRound } from "../progress/open-round.js";
import { createGroup } from "../registries/create-group.js";
import { groupInput } from "../registries/registries.factories.js";
import { budgetTotals, progressFromBaseline, yearAchievements } from "./achievement.js";
import { deleteBudgetLine, deleteIndicator } from "./delete-indicator.js";
import { enterActual } from "./enter-actual.js";
import { freezeLiveActual } from "./freeze-actual.js";
import { findIndicator, findPlanBudgetLines, findPlanIndicators } from "./indicator.repository.js";
import { indicators } from "./indicator.table.js";
import { withLiveActuals } from "./live-actuals.js";
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

/** A reporting round of the plan for `fiscalYear`, opened by the system (the plan owner's action). */
async function openRoundFor(planId: string, fiscalYear: number, deadline: string | null = null) {
  const r = await openRound({ db: database.db, today: () => "2010-06-01" }, SYSTEM_ACTOR, {
    planId,
    fiscalYear,
    deadline: deadline ?? "",
    fieldsAsked: ["status", "result"],
    entryMode: "per-department",
  });
  assert.ok(r.ok, JSON.stringify(r));
  return r.round;
}

describe("a department enters an actual during a reporting round", () => {
  it("lets the responsible department enter the year's actual and keeps the target", async () => {
    const { orgId, planId, departmentIds } = await importOverview();
    const round = await openRoundFor(planId, 2009);
    const [npo] = await findPlanIndicators(database.db, planId);
    const staff = person(orgId, "department", [departmentIds["生活・文化部"]!]);
    const r = await enterActual(deps(), staff, {
      indicatorId: npo!.id,
      fiscalYear: 2009,
      actual: "2,050団体",
      note: "年度末",
      version: npo!.version,
      roundId: round.id,
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
      roundId: round.id,
    });
    assert.ok(!stale.ok);
    assert.equal(stale.reason, "conflict");
    assert.deepEqual(stale.changes![0], { field: "actual", current: 2050, submitted: 2060 });
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, npo!.id));
    assert.deepEqual(
      audit.map((a) => a.action),
      ["indicator.enter_actual"],
    );
  });

  it("refuses staff of another department, a unit that does not match, and writes nothing", async () => {
    const { orgId, planId, departmentIds } = await importOverview();
    const round = await openRoundFor(planId, 2009);
    const [npo] = await findPlanIndicators(database.db, planId);
    const input = {
      indicatorId: npo!.id,
      fiscalYear: 2009,
      actual: "2050",
      note: null,
      version: npo!.version,
      roundId: round.id,
    };
    const outsider = await enterActual(deps(), person(orgId, "department", [departmentIds.総務課!]), input);
    assert.ok(!outsider.ok);
    assert.equal(outsider.reason, "forbidden");
    const staff = person(orgId, "department", [departmentIds["生活・文化部"]!]);
    const wrongUnit = await enterActual(deps(), staff, { ...input, actual: "2050人" });
    assert.ok(!wrongUnit.ok);
    assert.match(wrongUnit.errors.actual!, /単位/);
    const negative = await enterActual(deps(), staff, { ...input, actual: "-3" });
    assert.ok(!negative.ok);
    assert.match(negative.errors.actual!, /マイナス/);
    const words = await enterActual(deps(), staff, { ...input, actual: "たくさん" });
    assert.ok(!words.ok);
    assert.ok(words.errors.actual);
    const stored = await findIndicator(database.db, npo!.id);
    assert.equal(stored!.values[3]!.actual, null);
    assert.equal(stored!.version, npo!.version);
  });

  it("refuses department staff without a round, in a round of another year, a locked or a closed round", async () => {
    const { orgId, planId, departmentIds } = await importOverview();
    const round = await openRoundFor(planId, 2009, "2010-06-30");
    const [npo] = await findPlanIndicators(database.db, planId);
    const staff = person(orgId, "department", [departmentIds["生活・文化部"]!]);
    const input = {
      indicatorId: npo!.id,
      fiscalYear: 2009,
      actual: "2050",
      note: null,
      version: npo!.version,
    };
    const noRound = await enterActual(deps(), staff, input);
    assert.ok(!noRound.ok);
    assert.match(noRound.errors._!, /進捗調査の受付期間中/);
    const otherYear = await enterActual(deps(), staff, { ...input, fiscalYear: 2008, roundId: round.id });
    assert.ok(!otherYear.ok);
    assert.match(otherYear.errors._!, /計画・年度/);
    const late = await enterActual(deps(), staff, { ...input, roundId: round.id, today: "2010-07-01" });
    assert.ok(!late.ok);
    assert.match(late.errors._!, /提出期限（2010-06-30）/);
    const locked = await lockRound(deps(), SYSTEM_ACTOR, round.id, { version: round.version });
    assert.ok(locked.ok);
    const whileLocked = await enterActual(deps(), staff, {
      ...input,
      roundId: round.id,
      today: "2010-06-01",
    });
    assert.ok(!whileLocked.ok);
    assert.match(whileLocked.errors._!, /入力が停止/);
    const unlocked = await lockRound(
      deps(),
      SYSTEM_ACTOR,
      round.id,
      { version: locked.round.version },
      false,
    );
    assert.ok(unlocked.ok);
    const closed = await closeRound(deps(), SYSTEM_ACTOR, round.id, { version: unlocked.round.version });
    assert.ok(closed.ok);
    const afterClose = await enterActual(deps(), staff, { ...input, roundId: round.id, today: "2010-06-01" });
    assert.ok(!afterClose.ok);
    assert.match(afterClose.errors._!, /締め切られている/);
    assert.equal((await findIndicator(database.db, npo!.id))!.values[3]!.actual, null);
  });
});

describe("live indicators counted from the registries", () => {
  /** A plan whose indicator counts NPO法人 at fiscal-year end, and a registry with groups over the years. */
  async function livePlan() {
    const { orgId, planId, departmentIds } = await importOverview();
    const [npo] = await findPlanIndicators(database.db, planId);
    const admin = person(orgId, "admin");
    const group = (name: string, legalForm: string, registeredOn: string, leftOn: string | null = null) =>
      createGroup(
        deps(),
        admin,
        orgId,
        groupInput({ name, nameKana: `テスト${name}`, legalForm, registeredOn, leftOn }) as never,
      );
    for (const g of [
      await group("ア", "NPO法人", "2006-05-01"),
      await group("イ", "NPO法人", "2008-03-31"),
      await group("ウ", "任意団体", "2008-01-10"),
      await group("エ", "NPO法人", "2008-06-01", "2009-12-31"),
    ])
      assert.ok(g.ok, JSON.stringify(g));
    const saved = await saveIndicator(deps(), admin, {
      planId,
      indicatorId: npo!.id,
      version: npo!.version,
      form: {
        nodeId: npo!.nodeId ?? "",
        role: "main",
        name: "NPO法人の数",
        unit: "",
        definition: "",
        direction: "up",
        baselineYear: "2006",
        sourceNote: "",
        liveSource: "groups:NPO法人",
        values: npo!.values.map((v) => ({
          year: String(v.fiscalYear),
          target: v.target === null ? "" : String(v.target),
          actual: "",
          note: "",
        })),
      },
    });
    assert.ok(saved.ok, JSON.stringify(saved));
    return { orgId, planId, admin, departmentIds, indicator: saved.indicator };
  }

  it("computes the actual per fiscal year from the registry on read, never storing it, and fills in the unit", async () => {
    const { planId, indicator } = await livePlan();
    assert.equal(indicator.unit, "団体");
    assert.equal(indicator.liveSource, "groups:NPO法人");
    // stored: the targets only (H18 has none, so no row); the actuals are not stored
    assert.deepEqual(
      indicator.values.map((v) => [v.fiscalYear, v.actual]),
      [
        [2007, null],
        [2008, null],
        [2009, null],
        [2010, null],
      ],
    );
    const plan = (await findPlan(database.db, planId))!;
    const [shown] = await withLiveActuals(database.db, plan, [indicator], "2010-06-01");
    // NPO法人 at 31 March: H18 A; H19 A+B (B registered 2008-03-31); H20 A+B+D; H21 A+B (D left in December); H22 A+B
    assert.deepEqual(
      shown!.values.map((v) => [v.fiscalYear, v.target, v.actual]),
      [
        [2006, null, 1],
        [2007, 1600, 2],
        [2008, 1700, 3],
        [2009, 2040, 2],
        [2010, 2140, 2],
      ],
    );
    assert.deepEqual(shown!.live!.source, { kind: "groups", legalForm: "NPO法人" });
    assert.ok(shown!.live!.years.every((y) => y.state === "computed"));
    // a year that has not begun is not counted
    const [early] = await withLiveActuals(database.db, plan, [indicator], "2009-05-01");
    assert.equal(early!.values.find((v) => v.fiscalYear === 2010)!.actual, null);
  });

  it("refuses a typed actual and a unit other than the count's for a live indicator", async () => {
    const { planId, admin, indicator } = await livePlan();
    const form = {
      nodeId: indicator.nodeId ?? "",
      role: "main",
      name: indicator.name,
      unit: "人",
      definition: "",
      sourceNote: "",
      direction: "up",
      baselineYear: "2006",
      liveSource: "groups:NPO法人",
      values: [{ year: "2008", target: "1700", actual: "1,931", note: "" }],
    };
    const r = await saveIndicator(deps(), admin, {
      planId,
      indicatorId: indicator.id,
      version: indicator.version,
      form,
    });
    assert.ok(!r.ok);
    assert.match(r.errors.unit!, /団体/);
    assert.match(r.errors["values.0.actual"]!, /自動集計/);
    const unknown = await saveIndicator(deps(), admin, {
      planId,
      indicatorId: indicator.id,
      version: indicator.version,
      form: { ...form, unit: "団体", values: [], liveSource: "groups:宇宙人" },
    });
    assert.ok(!unknown.ok);
    assert.ok(unknown.errors.liveSource);
    assert.equal((await findIndicator(database.db, indicator.id))!.version, indicator.version);
  });

  it("freezes a year's computed actual by hand, audited with who and when; the registry no longer moves it", async () => {
    const { orgId, planId, admin, indicator } = await livePlan();
    const staff = person(orgId, "department", []);
    const denied = await freezeLiveActual(deps(), staff, {
      indicatorId: indicator.id,
      fiscalYear: 2008,
      version: indicator.version,
    });
    assert.ok(!denied.ok);
    assert.equal(denied.reason, "forbidden");
    const r = await freezeLiveActual(deps(), admin, {
      indicatorId: indicator.id,
      fiscalYear: 2008,
      version: indicator.version,
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.actual, 3);
    assert.deepEqual(
      r.indicator.frozen.map((f) => [f.fiscalYear, f.by]),
      [[2008, admin.displayName]],
    );
    const again = await freezeLiveActual(deps(), admin, {
      indicatorId: indicator.id,
      fiscalYear: 2008,
      version: r.indicator.version,
    });
    assert.ok(!again.ok);
    assert.match(again.errors.fiscalYear!, /すでに固定/);
    const stale = await freezeLiveActual(deps(), admin, {
      indicatorId: indicator.id,
      fiscalYear: 2009,
      version: indicator.version,
    });
    assert.ok(!stale.ok);
    assert.equal(stale.reason, "conflict");
    // a group registered later with a date in H20 changes the count, but not the frozen H20
    assert.ok(
      (
        await createGroup(
          deps(),
          admin,
          orgId,
          groupInput({ name: "オ", nameKana: "テストオ", registeredOn: "2008-09-01" }) as never,
        )
      ).ok,
    );
    const plan = (await findPlan(database.db, planId))!;
    const [shown] = await withLiveActuals(
      database.db,
      plan,
      [(await findIndicator(database.db, indicator.id))!],
      "2010-06-01",
    );
    assert.equal(shown!.values.find((v) => v.fiscalYear === 2008)!.actual, 3);
    assert.equal(shown!.values.find((v) => v.fiscalYear === 2009)!.actual, 3);
    assert.deepEqual(
      shown!.live!.years.map((y) => [y.fiscalYear, y.state]),
      [
        [2006, "computed"],
        [2007, "computed"],
        [2008, "frozen"],
        [2009, "computed"],
        [2010, "computed"],
      ],
    );
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, indicator.id));
    assert.ok(audit.some((a) => a.action === "indicator.freeze"));
    // a live actual cannot be typed through a round either
    const round = await openRoundFor(planId, 2009);
    const typed = await enterActual(deps(), admin, {
      indicatorId: indicator.id,
      fiscalYear: 2009,
      actual: "5",
      note: null,
      version: r.indicator.version,
      roundId: round.id,
    });
    assert.ok(!typed.ok);
    assert.match(typed.errors.actual!, /自動集計/);
  });

  it("freezes the live actuals of the round's fiscal year when the round is published, in the same transaction", async () => {
    const { planId, indicator } = await livePlan();
    const round = await openRoundFor(planId, 2009);
    const closed = await closeRound(deps(), SYSTEM_ACTOR, round.id, { version: round.version });
    assert.ok(closed.ok);
    const published = await publishRound(deps(), SYSTEM_ACTOR, round.id, { version: closed.round.version });
    assert.ok(published.ok, JSON.stringify(published));
    const after = (await findIndicator(database.db, indicator.id))!;
    assert.deepEqual(
      after.frozen.map((f) => [f.fiscalYear, f.by]),
      [[2009, "システム"]],
    );
    assert.equal(after.values.find((v) => v.fiscalYear === 2009)!.actual, 2);
    assert.equal(after.values.find((v) => v.fiscalYear === 2009)!.target, 2040);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, indicator.id));
    const freeze = audit.find((a) => a.action === "indicator.freeze")!;
    assert.equal((freeze.after as { reason: string }).reason, "round.publish");
  });
});

describe("deleting an indicator or a project", () => {
  it("hides a deleted indicator and project, keeps their rows, audits, and refuses a stale version", async () => {
    const { orgId, planId } = await importOverview();
    const admin = person(orgId, "admin");
    const [npo] = await findPlanIndicators(database.db, planId);
    const [line] = await findPlanBudgetLines(database.db, planId);
    const stale = await deleteIndicator(deps(), admin, { planId, id: npo!.id, version: npo!.version + 1 });
    assert.ok(!stale.ok);
    assert.equal(stale.reason, "conflict");
    const staff = person(orgId, "department", []);
    const denied = await deleteBudgetLine(deps(), staff, { planId, id: line!.id, version: line!.version });
    assert.ok(!denied.ok);
    assert.equal(denied.reason, "forbidden");
    assert.ok((await deleteIndicator(deps(), admin, { planId, id: npo!.id, version: npo!.version })).ok);
    assert.ok((await deleteBudgetLine(deps(), admin, { planId, id: line!.id, version: line!.version })).ok);
    assert.equal((await findPlanIndicators(database.db, planId)).length, 2);
    assert.equal((await findPlanBudgetLines(database.db, planId)).length, 5);
    assert.equal(await findIndicator(database.db, npo!.id), null);
    const [row] = await database.db.select().from(indicators).where(eq(indicators.id, npo!.id));
    assert.ok(row!.deletedAt);
    const twice = await deleteIndicator(deps(), admin, { planId, id: npo!.id, version: npo!.version + 1 });
    assert.equal(twice.ok ? "ok" : twice.reason, "not_found");
    const actions = (await database.db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId))).map(
      (a) => a.action,
    );
    assert.ok(actions.includes("indicator.delete"));
    assert.ok(actions.includes("budget.delete"));
  });
});
