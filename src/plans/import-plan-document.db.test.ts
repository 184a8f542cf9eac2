import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { auditEvents, departments } from "../accounts/accounts.table.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { exportPlanDocument } from "./export-plan-document.js";
import { cityGuidelineDocument } from "./fixtures/city-guideline.js";
import { prefBasicPlanDocument } from "./fixtures/pref-basic-plan.js";
import { prefPolicyOverviewDocument } from "./fixtures/pref-policy-overview.js";
import { importPlanDocument } from "./import-plan-document.js";
import { createOrg, person } from "./plan.factories.js";
import { findNodes, findPlan } from "./plan.repository.js";
import { planImports, plans } from "./plan.table.js";
import type { NodeDef, PlanDocument } from "./plan-document.js";
import { SYSTEM_ACTOR } from "./plan-use-case.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const deps = () => ({ db: database.db });

async function importAndExport(doc: PlanDocument, orgId: string) {
  const imported = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, doc);
  assert.ok(imported.ok, JSON.stringify(imported));
  const exported = await exportPlanDocument(database.db, imported.planId);
  return { imported, exported: exported! };
}

describe("importing a plan document", () => {
  for (const [name, doc] of [
    ["the city guideline progress list", cityGuidelineDocument],
    ["the prefecture's basic plan", prefBasicPlanDocument],
    ["the prefecture's policy overview", prefPolicyOverviewDocument],
  ] as const) {
    it(`keeps every fact of ${name}: exporting gives the same document back`, async () => {
      const { orgId } = await createOrg(database.db);
      const { imported, exported } = await importAndExport(doc, orgId);
      assert.equal(imported.outcome, "created");
      assert.deepStrictEqual(exported, doc);
    });

    it(`changes nothing when ${name} is imported again`, async () => {
      const { orgId } = await createOrg(database.db);
      const first = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, doc);
      assert.ok(first.ok);
      const auditBefore = (await database.db.select().from(auditEvents)).length;
      const again = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, structuredClone(doc));
      assert.ok(again.ok);
      assert.equal(again.outcome, "unchanged");
      assert.equal(again.planId, first.planId);
      assert.equal((await database.db.select().from(auditEvents)).length, auditBefore);
      const rows = await database.db.select().from(plans).where(eq(plans.orgId, orgId));
      assert.equal(rows.length, 1);
    });
  }

  it("keeps indicators, budgets and rounds of the document in plan_imports", async () => {
    const { orgId } = await createOrg(database.db);
    const result = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, prefPolicyOverviewDocument);
    assert.ok(result.ok);
    const [stored] = await database.db
      .select()
      .from(planImports)
      .where(eq(planImports.planId, result.planId));
    assert.equal(stored!.document.indicators[0]!.values[1]!.target, 1600);
    assert.equal(stored!.document.budgets[3]!.amounts[0]!.amount, null);
    assert.equal(stored!.document.rounds[0]!.entries[0]!.narrative.length, 2);
  });

  it("links departments to the organisation's by name and creates the missing ones, but never 全課", async () => {
    const { orgId, departmentIds } = await createOrg(database.db, { departments: ["環境生活部 県民生活課"] });
    const result = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, prefBasicPlanDocument);
    assert.ok(result.ok);
    assert.deepEqual(result.counts.departmentsCreated, []);
    const nodes = await findNodes(database.db, result.planId);
    const ref = nodes.find((n) => n.key === "III-2-ref")!;
    assert.deepEqual(nodes.find((n) => n.key === "I-1-3")!.departments, [
      { name: "全課", departmentId: null },
    ]);
    assert.deepEqual(nodes.find((n) => n.key === "I-1-1")!.departments, [
      { name: "環境生活部 県民生活課", departmentId: departmentIds["環境生活部 県民生活課"] },
    ]);
    assert.equal(ref.crossRefOf, nodes.find((n) => n.key === "I-1-3")!.id);

    const other = await createOrg(database.db);
    const overview = await importPlanDocument(deps(), SYSTEM_ACTOR, other.orgId, prefPolicyOverviewDocument);
    assert.ok(overview.ok);
    assert.deepEqual(overview.counts.departmentsCreated, ["生活・文化部"]);
    const [created] = await database.db.select().from(departments).where(eq(departments.orgId, other.orgId));
    const top = (await findNodes(database.db, overview.planId)).find((n) => n.key === "521")!;
    assert.deepEqual(top.departments, [{ name: "生活・文化部", departmentId: created!.id }]);
  });

  it("updates the plan in place when a changed version of the document is imported", async () => {
    const { orgId } = await createOrg(database.db);
    const first = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, cityGuidelineDocument);
    assert.ok(first.ok);
    const changed = structuredClone(cityGuidelineDocument);
    changed.nodes[0]!.children[0]!.children[0]!.title = "民間施設等の活用に向けた協力体制の構築（改）";
    changed.nodes[6]!.children.pop();
    changed.rounds[0]!.entries = changed.rounds[0]!.entries.filter((e) => e.nodeKey !== "item-23");
    const second = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, changed);
    assert.ok(second.ok);
    assert.equal(second.outcome, "updated");
    assert.equal(second.planId, first.planId);
    assert.deepEqual(
      {
        updated: second.counts.nodesUpdated,
        deleted: second.counts.nodesDeleted,
        created: second.counts.nodesCreated,
      },
      { updated: 1, deleted: 2, created: 0 },
    );
    assert.deepStrictEqual(await exportPlanDocument(database.db, first.planId), changed);
  });

  it("refuses a document with problems, says where they are, and writes nothing", async () => {
    const { orgId } = await createOrg(database.db);
    const bad = structuredClone(cityGuidelineDocument);
    bad.nodes[0]!.children[0]!.children[1]!.label = "1";
    bad.nodes[1]!.children[0]!.children[0]!.tierCode = "Ⅳ";
    bad.firstYear = 2020;
    bad.lastYear = 2024;
    bad.nodes[1]!.children[0]!.children[1]!.schedule = { 2019: "start" };
    bad.nodes[2]!.children[0]!.children[0]!.crossRefOf = "no-such-item";
    const before = (await database.db.select().from(planImports)).length;
    const result = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, bad);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.reason, "invalid");
    assert.match(result.errors["nodes[0].children[0].children[1].label"]!, /重複/);
    assert.match(result.errors["nodes[1].children[0].children[0].tierCode"]!, /Ⅳ/);
    assert.match(result.errors["nodes[1].children[0].children[1].schedule"]!, /2019/);
    assert.match(result.errors["nodes[2].children[0].children[0].crossRefOf"]!, /見つかりません/);
    assert.equal((await database.db.select().from(plans).where(eq(plans.orgId, orgId))).length, 0);
    assert.equal((await database.db.select().from(planImports)).length, before);
  });

  it("refuses input that is not a plan document at all, without throwing", async () => {
    const { orgId } = await createOrg(database.db);
    for (const junk of [null, 42, "計画", { title: "" }, { ...cityGuidelineDocument, nodes: "x" }]) {
      const result = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, junk);
      assert.equal(result.ok, false);
    }
  });

  it("lets only an administrator of the organisation import", async () => {
    const { orgId } = await createOrg(database.db);
    const other = await createOrg(database.db);
    for (const actor of [person(orgId, "department"), person(other.orgId, "admin")]) {
      const result = await importPlanDocument(deps(), actor, orgId, cityGuidelineDocument);
      assert.ok(!result.ok);
      assert.equal(result.reason, "forbidden");
    }
    const admin = await importPlanDocument(deps(), person(orgId, "admin"), orgId, cityGuidelineDocument);
    assert.ok(admin.ok);
    assert.equal((await findPlan(database.db, admin.planId))!.title, cityGuidelineDocument.title);
  });
});

// --- generated documents ------------------------------------------------------------------------------------------

const text = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 12 })
  .filter((s) => !s.includes("\u0000"));
const optText = fc.option(text, { nil: null });
const TIERS = ["Ⅰ", "Ⅱ-ア", "Ⅱ-イ", "Ⅲ"];
const DEPTS = ["全課", "協働推進課", "産業振興課", "環境生活部 県民生活課"];

const fields = fc.record({
  kind: fc.constantFrom("item" as const, "category" as const),
  label: optText,
  title: text,
  content: optText,
  yearlyGoal: optText,
  targetState: optText,
  tierCode: fc.option(fc.constantFrom(...TIERS), { nil: null }),
  departments: fc.uniqueArray(fc.constantFrom(...DEPTS), { maxLength: 3 }),
  implementingBody: optText,
  schedule: fc.dictionary(
    fc.integer({ min: 2020, max: 2024 }).map(String),
    fc.constantFrom("start" as const, "continue" as const),
  ),
  nextTerm: fc.option(
    fc.record({
      label: text,
      tierCode: fc.option(fc.constantFrom(...TIERS), { nil: null }),
      completed: fc.boolean(),
      reason: optText,
    }),
    { nil: null },
  ),
  attributes: fc.dictionary(text, text, { maxKeys: 2 }),
  ref: fc.nat(),
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;
const tree = fc.array(
  fc.tuple(fields, fc.array(fc.tuple(fields, fc.array(fields, { maxLength: 3 })), { maxLength: 3 })),
  {
    maxLength: 4,
  },
);

function toDocument(shape: [Fields, [Fields, Fields[]][]][], refSeed: number[]): PlanDocument {
  let n = 0;
  const items: NodeDef[] = [];
  const make = (f: Fields, level: number, siblings: NodeDef[], children: NodeDef[]): NodeDef => {
    const { ref: _r, ...rest } = f;
    const label = rest.label && siblings.some((s) => s.label === rest.label) ? null : rest.label;
    const node: NodeDef = { ...rest, key: `k${n++}`, level, label, crossRefOf: null, children };
    if (node.kind === "item") items.push(node);
    return node;
  };
  const build = <T>(list: T[], level: number, each: (t: T, siblings: NodeDef[]) => NodeDef) => {
    const out: NodeDef[] = [];
    for (const t of list) out.push(each(t, out));
    void level;
    return out;
  };
  const nodes = build(shape, 0, ([f, kids], sib) => {
    const node = make(f, 0, sib, []);
    node.children = build(kids, 1, ([g, leaves], sib2) => {
      const child = make(g, 1, sib2, []);
      child.children = build(leaves, 2, (h, sib3) => make(h, 2, sib3, []));
      return child;
    });
    return node;
  });
  // some items become 再掲 listings of other items
  const originals = items.filter((_, i) => i % 3 !== 2);
  items.forEach((it, i) => {
    if (i % 3 === 2 && originals.length > 0 && it.children.length === 0) {
      it.crossRefOf = originals[(refSeed[i % Math.max(refSeed.length, 1)] ?? 0) % originals.length]!.key;
    }
  });
  // plain objects (fast-check's dictionaries have no prototype), as JSON would give
  return JSON.parse(
    JSON.stringify({
      ...cityGuidelineDocument,
      title: `生成計画 ${refSeed.join("-")}`,
      firstYear: 2020,
      lastYear: 2024,
      nodes,
      rounds: [
        {
          fiscalYear: 2023,
          asOfLabel: null,
          asOfDate: null,
          entries: items.slice(0, 3).map((it) => ({
            nodeKey: it.key,
            department: null,
            statusLabel: "済",
            grade: null,
            result: it.title,
            doText: null,
            checkText: null,
            issuesText: null,
            actText: null,
            narrative: [],
          })),
          statedTallies: [],
        },
      ],
      departments: ["協働推進課"],
    }),
  );
}

describe("round trip of generated plan documents", () => {
  it("exports exactly what was imported, and re-importing the export changes nothing", async () => {
    const { orgId } = await createOrg(database.db, { departments: ["協働推進課"] });
    await fc.assert(
      fc.asyncProperty(tree, fc.array(fc.nat(), { maxLength: 5 }), async (shape, seed) => {
        const doc = toDocument(shape, seed);
        doc.title = `${doc.title}-${Math.random()}`;
        const { exported } = await importAndExport(doc, orgId);
        assert.deepStrictEqual(exported, doc);
        const again = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, exported);
        assert.ok(again.ok);
        assert.equal(again.outcome, "unchanged");
      }),
      { numRuns: 25 },
    );
  });
});
