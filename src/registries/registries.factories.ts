import type { CurrentUser } from "../accounts/account.js";
import { insertUser } from "../accounts/user.repository.js";
import type { DbOrTx } from "../db/client.js";

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
