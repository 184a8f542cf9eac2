/**
 * Demo civic groups, collaboration projects, a group's login, proposal calls and the matching sheet for 山口県
 * (fictional names), all through the registries use cases.
 */
import { eq } from "drizzle-orm";
import { organisations } from "../accounts/accounts.table.js";
import { listDepartments } from "../accounts/department.repository.js";
import { hashPassword } from "../accounts/password.js";
import { findUserWithHashByEmail, insertUser } from "../accounts/user.repository.js";
import type { Db } from "../db/client.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { addReviewMeeting } from "../registries/add-review-meeting.js";
import { createGroup } from "../registries/create-group.js";
import { createProject } from "../registries/create-project.js";
import { listIssues } from "../registries/matching/matching.repository.js";
import { offerForIssue } from "../registries/matching/offer-for-issue.js";
import { postIssue } from "../registries/matching/post-issue.js";
import { recordIssueOutcome } from "../registries/matching/record-issue-outcome.js";
import { planItemChoices } from "../registries/plan-items.js";
import { createCall } from "../registries/proposals/create-call.js";
import { decideProposal } from "../registries/proposals/decide-proposal.js";
import { listCalls } from "../registries/proposals/proposals.repository.js";
import { publishResults } from "../registries/proposals/publish-results.js";
import { scoreProposal } from "../registries/proposals/score-proposal.js";
import { submitProposal } from "../registries/proposals/submit-proposal.js";
import { listGroups } from "../registries/registries.repository.js";
import type { Logger } from "../web/log.js";
import { DEMO_PASSWORD } from "./seed.js";

/** The demo account of a civic group (role group). */
export const DEMO_GROUP_EMAIL = "group@demo.kyodo.jp";

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
  if ((await listGroups(db, org.id, { status: "all" })).length === 0) await seedGroupsAndProjects(db, org.id);
  await seedGroupUser(db, org.id);
  await seedProposals(db, org.id);
  await seedMatching(db, org.id);
  log.info("demo registries loaded");
}

async function seedGroupsAndProjects(db: Db, orgId: string): Promise<void> {
  const org = { id: orgId };
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
}

const firstGroup = async (db: Db, orgId: string) =>
  (await listGroups(db, orgId, { q: "やまぐち子ども応援ネット" }))[0] ?? null;

/** group@demo.kyodo.jp acts for やまぐち子ども応援ネット (the demo password, like the other demo accounts). */
async function seedGroupUser(db: Db, orgId: string): Promise<void> {
  const group = await firstGroup(db, orgId);
  if (!group || (await findUserWithHashByEmail(db, DEMO_GROUP_EMAIL))) return;
  await insertUser(db, {
    orgId,
    email: DEMO_GROUP_EMAIL,
    displayName: "子ども応援ネット 事務局",
    role: "group",
    groupId: group.id,
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
}

async function departmentNamed(db: Db, orgId: string, name: string): Promise<string | null> {
  const all = await listDepartments(db, orgId);
  return (all.find((d) => d.name === name) ?? all.find((d) => d.parentId !== null) ?? all[0])?.id ?? null;
}

const must = <T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(`demo ${what}: ${JSON.stringify((r as { errors?: unknown }).errors)}`);
  return r as Extract<T, { ok: true }>;
};

/**
 * 協働事業提案制度: a closed 自由提案型 call whose adopted proposal became a project and whose results are public, and
 * an open テーマ設定型 call with two proposals, one scored by the demo committee member.
 */
async function seedProposals(db: Db, orgId: string): Promise<void> {
  if ((await listCalls(db, orgId)).length > 0) return;
  const group = await firstGroup(db, orgId);
  const second = (await listGroups(db, orgId, { q: "周南里山の会" }))[0] ?? null;
  const panel = await findUserWithHashByEmail(db, "committee@demo.kyodo.jp");
  const dept = await departmentNamed(db, orgId, "県民生活課");
  if (!group || !second || !panel || !dept) return;
  const items = (await planItemChoices(db, orgId)).flatMap((g) => g.items);
  const item = items.find((i) => /協働|担い手|NPO/.test(i.label)) ?? items[0];
  const criteria =
    "公益性|2|県民の課題に応える提案か\n実現性|1|体制と予算で実施できるか\n協働の効果|2|県と団体が組む意義があるか";
  const call = async (v: Omit<Parameters<typeof createCall>[3], "departmentId" | "criteria" | "scaleMax">) =>
    must(
      "call",
      await createCall({ db }, SYSTEM_ACTOR, orgId, { ...v, departmentId: dept, criteria, scaleMax: 5 }),
    ).call;
  const propose = async (
    deps: Parameters<typeof submitProposal>[0],
    callId: string,
    v: Parameters<typeof submitProposal>[3],
  ) => must("proposal", await submitProposal(deps, SYSTEM_ACTOR, callId, v)).proposal;

  const free = await call({
    kind: "free",
    title: "令和8年度 協働事業提案（自由提案型）",
    fiscalYear: 2026,
    theme: null,
    description: "団体が地域の課題を捉え、県との協働で取り組む事業を自由に提案してください。",
    opensOn: "2025-06-01",
    closesOn: "2025-07-31",
  });
  const during = { db, now: () => new Date("2025-07-10T03:00:00Z") };
  const adopted = await propose(during, free.id, {
    groupId: group.id,
    title: "放課後の子どもの居場所ネットワーク事業",
    summary: "県内の子ども食堂・学習支援の団体をつなぎ、運営の相談と人材育成の研修を行う。",
    budget: 1800,
    planNodeIds: item ? [item.value] : [],
  });
  const other = await propose(during, free.id, {
    groupId: second.id,
    title: "里山の竹林整備ボランティア養成",
    summary: "放置竹林の整備を担うボランティアを養成する講座を開く。",
    budget: 2400,
    planNodeIds: [],
  });
  for (const [p, scores] of [
    [adopted, [5, 4, 5]],
    [other, [3, 3, 2]],
  ] as const)
    must(
      "score",
      await scoreProposal({ db }, panel, p.id, {
        version: null,
        scores: scores.map((score, i) => ({
          score,
          reason: ["地域の要望が強い", "実施体制が整っている", "県の施策と補い合う"][i]!,
        })),
      }),
    );
  must(
    "decision",
    await decideProposal({ db }, SYSTEM_ACTOR, adopted.id, {
      version: adopted.version,
      decision: "adopt",
      reason: "審査会の平均点が最も高く、計画の協働推進の取組に沿う。",
      form: "委託",
    }),
  );
  must(
    "decision",
    await decideProposal({ db }, SYSTEM_ACTOR, other.id, {
      version: other.version,
      decision: "reject",
      reason: "市町の既存事業と重なるため、今回は見送る。",
    }),
  );
  must("publish", await publishResults({ db }, SYSTEM_ACTOR, free.id, free.version));

  const theme = await call({
    kind: "theme",
    title: "令和9年度 協働事業提案（テーマ設定型）",
    fiscalYear: 2027,
    theme: "災害時に支援が必要な人への地域の見守り",
    description: "担当課が示すテーマについて、団体の強みを生かした事業を提案してください。",
    opensOn: "2026-10-01",
    closesOn: "2027-01-31",
  });
  const now = { db, now: () => new Date("2026-11-01T03:00:00Z") };
  const p1 = await propose(now, theme.id, {
    groupId: group.id,
    title: "子育て家庭の防災見守りカード",
    summary: "子育て家庭が平時から地域の見守り役とつながる登録カードと訓練を広げる。",
    budget: 900,
    planNodeIds: item ? [item.value] : [],
  });
  await propose(now, theme.id, {
    groupId: second.id,
    title: "中山間地の安否確認ネットワーク",
    summary: "集落の見回りを担う住民グループと消防団をつなぐ。",
    budget: 1200,
    planNodeIds: [],
  });
  must(
    "score",
    await scoreProposal({ db }, panel, p1.id, {
      version: null,
      scores: [
        { score: 4, reason: "子育て世代に届く工夫がある" },
        { score: 3, reason: "協力する自治会の確保が課題" },
        { score: 4, reason: "県の防災施策と補い合う" },
      ],
    }),
  );
}

/** マッチングシート: an open issue with a group's offer, and one that ended in collaboration. */
async function seedMatching(db: Db, orgId: string): Promise<void> {
  if ((await listIssues(db, orgId)).length > 0) return;
  const group = await firstGroup(db, orgId);
  const dept = await departmentNamed(db, orgId, "県民生活課");
  if (!group || !dept) return;
  const open = must(
    "issue",
    await postIssue({ db }, SYSTEM_ACTOR, orgId, {
      departmentId: dept,
      title: "若者の県民活動への参加を増やしたい",
      background: "県民活動に参加する人の高齢化が進み、20〜30代の参加が少ない。",
      desiredPartner: "大学生や若手社会人とつながりのある団体",
      deadline: "2027-03-31",
    }),
  ).issue;
  must(
    "offer",
    await offerForIssue({ db, now: () => new Date("2026-11-10T03:00:00Z") }, SYSTEM_ACTOR, open.id, {
      groupId: group.id,
      message: "大学のボランティアサークルと子ども食堂の運営を一緒に行っています。体験会を開けます。",
    }),
  );
  const done = must(
    "issue",
    await postIssue({ db }, SYSTEM_ACTOR, orgId, {
      departmentId: dept,
      title: "外国人住民への防災情報の伝え方",
      background: "やさしい日本語や多言語での防災情報が十分に届いていない。",
      desiredPartner: "国際交流・多文化共生に取り組む団体",
      deadline: "2026-06-30",
    }),
  ).issue;
  must(
    "outcome",
    await recordIssueOutcome({ db }, SYSTEM_ACTOR, done.id, {
      version: done.version,
      status: "matched",
      outcome: "国際交流団体と協働で、やさしい日本語の防災ハンドブックを作成（令和8年9月）。",
    }),
  );
}
