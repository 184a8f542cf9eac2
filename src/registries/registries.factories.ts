import type { CurrentUser } from "../accounts/account.js";
import { insertUser } from "../accounts/user.repository.js";
import type { Db, DbOrTx } from "../db/client.js";
import { addNode } from "../plans/add-node.js";
import { createPlan } from "../plans/create-plan.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";

/** Test data for the registries tests: a valid group form and project form. */
export function groupInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "やまぐち子ども劇場",
    nameKana: "ヤマグチコドモゲキジョウ",
    legalForm: "NPO法人",
    fields: [13, 6],
    area: "山口市",
    postalCode: "753-0001",
    address: "山口市滝町1-1",
    representative: "山田 花子",
    phone: "083-933-2573",
    email: "hanako@example.jp",
    website: "https://example.jp",
    corporateNumber: null,
    registeredOn: "2020-04-01",
    leftOn: null,
    isPublic: false,
    publicFields: [],
    disclosures: ["定款", "事業報告書"],
    note: null,
    ...over,
  };
}

export function projectInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "協働フォーラム開催事業",
    departmentId: null,
    partnerGroupIds: [],
    form: "委託",
    fiscalYear: 2024,
    budget: 3011,
    planNodeIds: [],
    summary: null,
    outcome: null,
    ...over,
  };
}

/** A person who acts for a registry group (role `group`), as the invitation flow makes one. */
export async function makeGroupUser(
  db: DbOrTx,
  orgId: string,
  groupId: string,
  displayName = "団体の担当者",
): Promise<CurrentUser> {
  const email = `group-${groupId.slice(0, 8)}-${Math.random().toString(36).slice(2, 8)}@test.kyodo.jp`;
  const id = await insertUser(db, { orgId, email, displayName, role: "group", groupId });
  return { id, orgId, email, displayName, role: "group", departmentIds: [], groupId };
}

/** A plan of the organisation with items [number label, title] at the top level; returns the item ids in order. */
export async function makePlanWithItems(
  db: Db,
  orgId: string,
  items: readonly [string, string][],
  title = "協働推進基本計画",
): Promise<string[]> {
  const created = await createPlan({ db }, SYSTEM_ACTOR, {
    orgId,
    title,
    kind: "基本計画",
    termLabel: "第1期",
    subtitle: null,
    issuedLabel: null,
    issuer: null,
    firstYear: 2024,
    lastYear: 2028,
    status: "active",
    predecessorId: null,
    levelNames: ["取組"],
    tiers: [],
    statusVocabulary: [{ label: "済", canonical: "done" }],
    gradeVocabulary: [],
    revisions: [],
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const ids: string[] = [];
  for (const [label, itemTitle] of items) {
    const r = await addNode({ db }, SYSTEM_ACTOR, {
      planId: created.plan.id,
      parentId: null,
      position: null,
      kind: "item",
      label,
      title: itemTitle,
      content: null,
      yearlyGoal: null,
      targetState: null,
      tierCode: null,
      departments: [],
      implementingBody: null,
      schedule: {},
      nextTerm: null,
      attributes: {},
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    ids.push(r.node.id);
  }
  return ids;
}
