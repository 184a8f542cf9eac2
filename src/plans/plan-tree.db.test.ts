import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditEvents } from "../accounts/accounts.table.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { addCrossReference } from "./add-cross-reference.js";
import { addNode } from "./add-node.js";
import { createNextTermPlan } from "./create-next-term-plan.js";
import { createPlan } from "./create-plan.js";
import { deleteNode } from "./delete-node.js";
import { cityGuidelineDocument } from "./fixtures/city-guideline.js";
import { importPlanDocument } from "./import-plan-document.js";
import { moveNode } from "./move-node.js";
import { createOrg, person } from "./plan.factories.js";
import { buildTree, countItems, flattenTree, type PlanNode } from "./plan.js";
import { findNodes, findPlan } from "./plan.repository.js";
import type { NodeFields, PlanFields } from "./plan-input.js";
import { SYSTEM_ACTOR } from "./plan-use-case.js";
import { reorderNodes } from "./reorder-nodes.js";
import { updateNode } from "./update-node.js";
import { updatePlan } from "./update-plan.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());
const deps = () => ({ db: database.db });

const planFields: PlanFields = {
  title: "協働推進基本計画",
  kind: "基本計画",
  termLabel: "第1期",
  subtitle: null,
  issuedLabel: null,
  issuer: null,
  firstYear: 2024,
  lastYear: 2028,
  status: "active",
  predecessorId: null,
  levelNames: ["基本方針", "施策", "取組"],
  tiers: [
    { code: "Ⅰ", label: "【Ⅰ】<重点>", definition: "優先度が高く、短期的（1～2年）に実施していくもの" },
    { code: "Ⅱ", label: "【Ⅱ】", definition: null },
  ],
  statusVocabulary: [
    { label: "済", canonical: "done" },
    { label: "未", canonical: "not_started" },
  ],
  gradeVocabulary: [{ label: "◎", definition: "十分に達成" }],
  revisions: [{ kind: "策定", month: "2024-03", label: "令和6年3月 策定", note: null }],
};

const node = (title: string, more: Partial<NodeFields> = {}): NodeFields => ({
  kind: "item",
  label: null,
  title,
  content: null,
  yearlyGoal: null,
  targetState: null,
  tierCode: null,
  departments: [],
  implementingBody: null,
  schedule: {},
  nextTerm: null,
  attributes: {},
  ...more,
});

async function setup() {
  const { orgId, departmentIds } = await createOrg(database.db, {
    departments: ["協働推進課", "産業振興課"],
  });
  const admin = person(orgId);
  const created = await createPlan(deps(), admin, { orgId, ...planFields });
  assert.ok(created.ok);
  const add = async (parentId: string | null, fields: NodeFields) => {
    const r = await addNode(deps(), admin, { planId: created.plan.id, parentId, position: null, ...fields });
    assert.ok(r.ok, JSON.stringify(r));
    return r.node;
  };
  const I = await add(null, node("県民活動への理解と参加の促進", { kind: "category", label: "I" }));
  const II = await add(null, node("環境づくり", { kind: "category", label: "II" }));
  const one = await add(I.id, node("情報発信と普及啓発", { kind: "category", label: "(1)" }));
  const a = await add(
    one.id,
    node("普及啓発活動の推進", { label: "ア", tierCode: "Ⅰ", departments: ["協働推進課", "産業振興課"] }),
  );
  return { orgId, departmentIds, admin, plan: created.plan, add, I, II, one, a };
}

const order = (nodes: PlanNode[]) => flattenTree(buildTree(nodes)).map((n) => n.label ?? n.title);

describe("building a plan's tree", () => {
  it("adds items under headings, links departments by name and records who did it", async () => {
    const { plan, a, departmentIds } = await setup();
    assert.deepEqual(a.departments, [
      { name: "協働推進課", departmentId: departmentIds.協働推進課 },
      { name: "産業振興課", departmentId: departmentIds.産業振興課 },
    ]);
    assert.equal(a.level, 2);
    const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, a.id));
    assert.equal(audits[0]!.action, "node.create");
    assert.equal(audits[0]!.actorName, "計画 担当");
    assert.equal((await findNodes(database.db, plan.id)).length, 4);
  });

  it("refuses a duplicate number, a tier not in the plan and a year outside the period, saving nothing", async () => {
    const { plan, admin, one } = await setup();
    const r = await addNode(deps(), admin, {
      planId: plan.id,
      parentId: one.id,
      position: null,
      ...node("重複", { label: "ア", tierCode: "Ⅲ", schedule: { 2030: "start" } }),
    });
    assert.ok(!r.ok);
    assert.equal(r.reason, "invalid");
    assert.deepEqual(Object.keys(r.errors).sort(), ["label", "schedule", "tierCode"]);
    assert.equal((await findNodes(database.db, plan.id)).length, 4);
  });

  it("moves a heading with its items under another, and refuses to move a node under its own child", async () => {
    const { plan, admin, I, II, one } = await setup();
    const cycle = await moveNode(deps(), admin, {
      nodeId: I.id,
      version: I.version,
      parentId: one.id,
      position: null,
    });
    assert.ok(!cycle.ok);
    assert.match(cycle.errors.parentId!, /移動できません/);
    const fresh = (await findNodes(database.db, plan.id)).find((n) => n.id === one.id)!;
    const moved = await moveNode(deps(), admin, {
      nodeId: one.id,
      version: fresh.version,
      parentId: II.id,
      position: 0,
    });
    assert.ok(moved.ok);
    assert.deepEqual(order(await findNodes(database.db, plan.id)), ["I", "II", "(1)", "ア"]);
  });

  it("reorders the top-level headings and answers a stale order with a conflict", async () => {
    const { plan, admin, I, II } = await setup();
    const ok = await reorderNodes(deps(), admin, { planId: plan.id, parentId: null, order: [II.id, I.id] });
    assert.ok(ok.ok);
    assert.deepEqual(order(await findNodes(database.db, plan.id)).slice(0, 2), ["II", "I"]);
    const stale = await reorderNodes(deps(), admin, { planId: plan.id, parentId: null, order: [I.id] });
    assert.ok(!stale.ok);
    assert.equal(stale.reason, "conflict");
  });

  it("answers an edit made on an old version with a conflict naming what changed, and writes nothing", async () => {
    const { admin, a } = await setup();
    const first = await updateNode(deps(), admin, {
      nodeId: a.id,
      version: a.version,
      ...node("新しい名前", { label: "ア" }),
    });
    assert.ok(first.ok);
    const second = await updateNode(deps(), admin, {
      nodeId: a.id,
      version: a.version,
      ...node("別の名前", { label: "ア" }),
    });
    assert.ok(!second.ok);
    assert.equal(second.reason, "conflict");
    assert.ok(second.changes!.some((c) => c.field === "title" && c.current === "新しい名前"));
  });

  it("lists an item again (再掲): edits go to the original and the item is counted once", async () => {
    const { plan, admin, II, a } = await setup();
    const ref = await addCrossReference(deps(), admin, {
      planId: plan.id,
      originalId: a.id,
      parentId: II.id,
      label: null,
    });
    assert.ok(ref.ok);
    const nodes = await findNodes(database.db, plan.id);
    assert.equal(countItems(nodes), 1);
    const edit = await updateNode(deps(), admin, {
      nodeId: ref.node.id,
      version: a.version,
      ...node("直した名前", { label: "ア" }),
    });
    assert.ok(edit.ok);
    assert.equal(edit.node.id, a.id);
    const again = await addCrossReference(deps(), admin, {
      planId: plan.id,
      originalId: a.id,
      parentId: a.parentId!,
      label: null,
    });
    assert.ok(!again.ok);
  });

  it("deletes only when confirmed, with what is under it and its 再掲 listings", async () => {
    const { plan, admin, II, I, a } = await setup();
    const ref = await addCrossReference(deps(), admin, {
      planId: plan.id,
      originalId: a.id,
      parentId: II.id,
      label: null,
    });
    assert.ok(ref.ok);
    const unconfirmed = await deleteNode(deps(), admin, {
      nodeId: I.id,
      version: I.version,
      confirmed: false,
    });
    assert.ok(!unconfirmed.ok);
    assert.equal((await findNodes(database.db, plan.id)).length, 5);
    const done = await deleteNode(deps(), admin, { nodeId: I.id, version: I.version, confirmed: true });
    assert.ok(done.ok);
    assert.equal(done.deletedIds.length, 4);
    assert.deepEqual(order(await findNodes(database.db, plan.id)), ["II"]);
  });

  it("refuses department staff and people of another organisation", async () => {
    const { orgId, plan, a } = await setup();
    const other = await createOrg(database.db);
    for (const actor of [person(orgId, "department"), person(other.orgId, "admin")]) {
      const r = await updateNode(deps(), actor, { nodeId: a.id, version: a.version, ...node("x") });
      assert.ok(!r.ok);
      assert.equal(r.reason, "forbidden");
      const p = await updatePlan(deps(), actor, { planId: plan.id, version: plan.version, ...planFields });
      assert.ok(!p.ok);
    }
  });
});

describe("changing a plan's vocabularies", () => {
  it("refuses to remove a tier still used by an item and keeps the plan as it was", async () => {
    const { plan, admin } = await setup();
    const r = await updatePlan(deps(), admin, {
      planId: plan.id,
      version: plan.version,
      ...planFields,
      tiers: [planFields.tiers[1]!],
    });
    assert.ok(!r.ok);
    assert.match(r.errors.tiers!, /Ⅰ/);
    assert.deepEqual((await findPlan(database.db, plan.id))!.tiers, planFields.tiers);
  });

  it("saves new level names and grades, and refuses a stale version", async () => {
    const { plan, admin } = await setup();
    const fields = { ...planFields, levelNames: ["基本目標", "基本方針", "施策の展開方向", "具体的な取組"] };
    const r = await updatePlan(deps(), admin, { planId: plan.id, version: plan.version, ...fields });
    assert.ok(r.ok);
    assert.equal(r.plan.version, plan.version + 1);
    const stale = await updatePlan(deps(), admin, {
      planId: plan.id,
      version: plan.version,
      ...fields,
      title: "古い",
    });
    assert.ok(!stale.ok);
    assert.equal(stale.reason, "conflict");
    assert.equal((await findPlan(database.db, plan.id))!.title, planFields.title);
  });
});

describe("the next term", () => {
  it("creates the 2nd-term plan from the closed 1st term with the proposals applied and links to its predecessors", async () => {
    const { orgId } = await createOrg(database.db);
    const imported = await importPlanDocument(deps(), SYSTEM_ACTOR, orgId, cityGuidelineDocument);
    assert.ok(imported.ok);
    const admin = person(orgId);
    const args = {
      planId: imported.planId,
      title: "第2期指針",
      termLabel: "第2期",
      firstYear: 2024,
      lastYear: 2028,
      completedItems: "drop" as const,
    };
    const notClosed = await createNextTermPlan(deps(), admin, args);
    assert.ok(!notClosed.ok);
    const first = (await findPlan(database.db, imported.planId))!;
    const closed = await updatePlan(deps(), admin, {
      ...first,
      planId: first.id,
      status: "closed",
      levelNames: first.levelNames,
    });
    assert.ok(closed.ok, JSON.stringify(closed));
    const next = await createNextTermPlan(deps(), admin, args);
    assert.ok(next.ok, JSON.stringify(next));
    assert.equal(next.plan.predecessorId, imported.planId);
    const oldNodes = await findNodes(database.db, imported.planId);
    const newNodes = await findNodes(database.db, next.plan.id);
    assert.equal(countItems(newNodes), 21);
    const item1 = newNodes.find((n) => n.key === "item-1")!;
    assert.equal(item1.tierCode, "Ⅱ-イ");
    assert.equal(item1.predecessorNodeId, oldNodes.find((n) => n.key === "item-1")!.id);
    assert.ok(newNodes.every((n) => n.predecessorNodeId !== null));
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, next.plan.id), eq(auditEvents.action, "plan.next_term")));
    assert.equal(audit.length, 1);
  });
});
