/** Demo civic groups and a collaboration project for 山口県 (fictional names), through the registries use cases. */
import { eq } from "drizzle-orm";
import { organisations } from "../accounts/accounts.table.js";
import type { Db } from "../db/client.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { addReviewMeeting } from "../registries/add-review-meeting.js";
import { createGroup } from "../registries/create-group.js";
import { createProject } from "../registries/create-project.js";
import { listGroups } from "../registries/registries.repository.js";
import type { Logger } from "../web/log.js";

const base = {
  area: null,
  postalCode: null,
  address: null,
  representative: null,
  phone: null,
  email: null,
  website: null,
  corporateNumber: null,
  leftOn: null,
  note: null,
};

const DEMO_GROUPS = [
  {
    ...base,
    name: "NPO法人 やまぐち子ども応援ネット",
    nameKana: "ヤマグチコドモオウエンネット",
    legalForm: "NPO法人",
    fields: [13, 2],
    area: "山口市",
    representative: "山口 花子",
    phone: "083-900-0001",
    registeredOn: "2015-06-01",
    isPublic: true,
    publicFields: ["area"],
    disclosures: ["定款", "事業報告書", "会計報告"],
  },
  {
    ...base,
    name: "周南里山の会",
    nameKana: "シュウナンサトヤマノカイ",
    legalForm: "任意団体",
    fields: [7, 5],
    area: "周南市",
    registeredOn: "2019-04-10",
    isPublic: true,
    publicFields: ["area"],
    disclosures: [],
  },
  {
    ...base,
    name: "一般社団法人 防長まちづくり研究所",
    nameKana: "ボウチョウマチヅクリケンキュウジョ",
    legalForm: "一般社団法人",
    fields: [3, 19],
    area: "県内全域",
    registeredOn: "2021-10-01",
    isPublic: false,
    publicFields: [],
    disclosures: ["定款"],
  },
] as const;

/** Idempotent: only when 山口県 has no group yet. */
export async function seedDemoRegistries(db: Db, log: Logger): Promise<void> {
  const [org] = await db.select().from(organisations).where(eq(organisations.code, "350001"));
  if (!org) return;
  if ((await listGroups(db, org.id, { status: "all" })).length > 0) return;
  const ids: string[] = [];
  for (const g of DEMO_GROUPS) {
    const r = await createGroup({ db }, SYSTEM_ACTOR, org.id, {
      ...g,
      fields: [...g.fields],
      publicFields: [...g.publicFields],
      disclosures: [...g.disclosures],
    });
    if (!r.ok) throw new Error(`demo group ${g.name}: ${JSON.stringify(r.errors)}`);
    ids.push(r.group.id);
  }
  for (const fy of [2023, 2024]) {
    const p = await createProject({ db }, SYSTEM_ACTOR, org.id, {
      title: "子どもの居場所づくり協働事業",
      departmentId: null,
      partnerGroupIds: [ids[0]!],
      form: "委託",
      fiscalYear: fy,
      budget: fy === 2023 ? 3011 : 2612,
      planNodeIds: [],
      summary: "地域の子ども食堂と学習支援の場を団体と県が協働で運営する。",
      outcome: fy === 2023 ? "県内12か所で開催" : null,
    });
    if (!p.ok) throw new Error(`demo project: ${JSON.stringify(p.errors)}`);
    const mt = await addReviewMeeting({ db }, SYSTEM_ACTOR, p.project.id, {
      heldOn: `${fy + 1}-02-15`,
      participants: "県民生活課、やまぐち子ども応援ネット",
      coordinator: "県民活動支援センター 相談員",
      findings: "役割分担を最初に文書で確認したことで、運営が円滑になった。",
      improvements: "次年度は参加校への周知を早める。",
    });
    if (!mt.ok) throw new Error(`demo review: ${JSON.stringify(mt.errors)}`);
  }
  log.info("demo registries loaded");
}
