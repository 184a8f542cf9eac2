import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import type { CurrentUser } from "../../accounts/account.js";
import { auditEvents } from "../../accounts/accounts.table.js";
import { makeDepartment, makeOrg, makeUser } from "../../accounts/test-factories.js";
import type { Database } from "../../db/client.js";
import { createTestDatabase } from "../../db/test-db.js";
import { SYSTEM_ACTOR } from "../../plans/plan-use-case.js";
import { createGroup } from "../create-group.js";
import type { Group } from "../group.js";
import { groupInput, makeGroupUser, makePlanWithItems } from "../registries.factories.js";
import { findProject } from "../registries.repository.js";
import { createCall } from "./create-call.js";
import { decideProposal } from "./decide-proposal.js";
import type { Call } from "./proposal.js";
import { findProposal, listProposals, listScoreSheets } from "./proposals.repository.js";
import { publishResults } from "./publish-results.js";
import { scoreProposal } from "./score-proposal.js";
import { submitProposal } from "./submit-proposal.js";

let database: Database;
let orgId: string;
let deptId: string;
let staff: CurrentUser;
let reviewer: CurrentUser;
let reviewer2: CurrentUser;
let own: Group;
let other: Group;
let groupUser: CurrentUser;
let planItems: string[];
let call: Call;
const deps = (now = "2025-05-20T03:00:00Z") => ({ db: database.db, now: () => new Date(now) });

export const callInput = (over: Record<string, unknown> = {}) => ({
  kind: "theme",
  title: "令和7年度 協働事業提案（テーマ設定型）",
  fiscalYear: "令和7年度",
  departmentId: deptId,
  theme: "子どもの居場所づくり",
  description: null,
  opensOn: "2025-04-01",
  closesOn: "2025-05-31",
  criteria: "公益性|2|地域の課題に応える提案か\n実現性|1\n協働の効果|2",
  scaleMax: 5,
  ...over,
});

before(async () => {
  database = await createTestDatabase();
  orgId = (await makeOrg(database.db, "山口県")).id;
  deptId = await makeDepartment(database.db, orgId, "こども政策課");
  staff = await makeUser(database.db, orgId, "registry");
  reviewer = await makeUser(database.db, orgId, "committee", { displayName: "委員 一郎" });
  reviewer2 = await makeUser(database.db, orgId, "committee", { displayName: "委員 二郎" });
  const a = await createGroup({ db: database.db }, SYSTEM_ACTOR, orgId, groupInput());
  const b = await createGroup(
    { db: database.db },
    SYSTEM_ACTOR,
    orgId,
    groupInput({ name: "防府まちづくりの会", nameKana: "ホウフマチヅクリノカイ" }),
  );
  assert.ok(a.ok && b.ok);
  own = a.group;
  other = b.group;
  groupUser = await makeGroupUser(database.db, orgId, own.id);
  planItems = await makePlanWithItems(database.db, orgId, [
    ["Ⅱ-ア", "協働の担い手づくり"],
    ["Ⅱ-イ", "子どもの居場所"],
  ]);
  const r = await createCall(deps(), staff, orgId, callInput());
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  call = r.call;
});
after(() => database.close());

const proposalInput = (over: Record<string, unknown> = {}) => ({
  groupId: own.id,
  title: "放課後こども食堂",
  summary: "地域の食堂で週2回、子どもに夕食と学習の場を提供する。",
  budget: 1500,
  planNodeIds: [planItems[1]],
  ...over,
});

describe("calls for proposals", () => {
  it("stores the published criteria with weights and the fiscal year written in 和暦", () => {
    assert.equal(call.fiscalYear, 2025);
    assert.deepEqual(call.criteria, [
      { name: "公益性", weight: 2, description: "地域の課題に応える提案か" },
      { name: "実現性", weight: 1 },
      { name: "協働の効果", weight: 2 },
    ]);
  });

  it("refuses a theme call without department or theme, a deadline before the opening, and bad criteria", async () => {
    const r = await createCall(
      deps(),
      staff,
      orgId,
      callInput({ departmentId: null, theme: "", closesOn: "2025-03-01" }),
    );
    assert.ok(!r.ok);
    assert.equal(r.errors.departmentId, "テーマ設定型では担当課を選んでください");
    assert.equal(r.errors.theme, "テーマ設定型ではテーマを入力してください");
    assert.equal(r.errors.closesOn, "受付締切日は受付開始日より後の日にしてください");
    const criteria = await createCall(deps(), staff, orgId, callInput({ criteria: "公益性|0\n|3" }));
    assert.ok(!criteria.ok);
    assert.match(criteria.errors.criteria ?? "", /1行目: 重みは1から10の整数/);
    assert.match(criteria.errors.criteria ?? "", /2行目: 審査基準の名称がありません/);
  });

  it("does not let a committee member or a group open a call", async () => {
    for (const who of [reviewer, groupUser]) {
      const r = await createCall(deps(), who, orgId, callInput({ kind: "free" }));
      assert.ok(!r.ok && r.reason === "forbidden");
    }
  });
});

describe("submitting, scoring and adopting a proposal", () => {
  let proposalId: string;

  it("takes a group's proposal while the call is open, audited", async () => {
    const r = await submitProposal(deps(), groupUser, call.id, proposalInput());
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    assert.equal(r.proposal.submittedOn, "2025-05-20");
    proposalId = r.proposal.id;
    const [row] = await database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, proposalId), eq(auditEvents.action, "proposal.submit")));
    assert.equal(row!.n, 1);
  });

  it("refuses a proposal after the call's deadline (in Japan's calendar), writing nothing", async () => {
    const before = (await listProposals(database.db, [call.id])).length;
    // 2025-05-31T15:30Z is already 1 June in Japan
    const r = await submitProposal(
      deps("2025-05-31T15:30:00Z"),
      groupUser,
      call.id,
      proposalInput({ title: "遅れた提案" }),
    );
    assert.ok(!r.ok);
    assert.match(r.errors._ ?? "", /2025-05-31 で締め切りました/);
    assert.equal((await listProposals(database.db, [call.id])).length, before);
    const last = await submitProposal(
      deps("2025-05-31T14:59:00Z"),
      staff,
      call.id,
      proposalInput({ groupId: other.id, title: "締切日の提案" }),
    );
    assert.ok(last.ok, "the closing day itself still counts");
  });

  it("does not let a group's person propose in another group's name", async () => {
    const r = await submitProposal(deps(), groupUser, call.id, proposalInput({ groupId: other.id }));
    assert.ok(!r.ok && r.reason === "forbidden");
    assert.match(r.errors._ ?? "", /ほかの団体/);
  });

  it("refuses a plan item of another organisation", async () => {
    const elsewhere = (await makeOrg(database.db, "他県")).id;
    const [foreign] = await makePlanWithItems(database.db, elsewhere, [["1", "よその計画"]]);
    const r = await submitProposal(deps(), groupUser, call.id, proposalInput({ planNodeIds: [foreign] }));
    assert.ok(!r.ok);
    assert.match(r.errors.planNodeIds ?? "", /計画にない項目/);
  });

  it("refuses scores outside the call's scale, a missing reason, and a missing criterion", async () => {
    const bad = await scoreProposal(deps(), reviewer, proposalId, {
      version: null,
      scores: [
        { score: 6, reason: "とても良い" },
        { score: -1, reason: "難しい" },
        { score: 3, reason: "" },
      ],
    });
    assert.ok(!bad.ok);
    assert.equal(bad.errors["0.score"], "0〜5点の整数で採点してください");
    assert.equal(bad.errors["1.score"], "0〜5点の整数で採点してください");
    assert.equal(bad.errors["2.reason"], "採点の理由を入力してください");
    const short = await scoreProposal(deps(), reviewer, proposalId, {
      version: null,
      scores: [{ score: 3, reason: "a" }],
    });
    assert.ok(!short.ok);
    assert.equal((await listScoreSheets(database.db, [proposalId])).length, 0);
  });

  it("lets only the review panel score, and keeps one sheet per member with a version check", async () => {
    const denied = await scoreProposal(deps(), staff, proposalId, {
      version: null,
      scores: [1, 2, 3].map((s) => ({ score: s, reason: "理由" })),
    });
    assert.ok(!denied.ok && denied.reason === "forbidden");
    const first = await scoreProposal(deps(), reviewer, proposalId, {
      version: null,
      scores: [
        { score: 5, reason: "地域の要望が強い" },
        { score: 3, reason: "人員に不安" },
        { score: 4, reason: "学校との連携" },
      ],
    });
    assert.ok(first.ok);
    const again = await scoreProposal(deps(), reviewer, proposalId, {
      version: first.sheet.version,
      scores: [
        { score: 4, reason: "地域の要望が強い" },
        { score: 3, reason: "人員に不安" },
        { score: 4, reason: "学校との連携" },
      ],
    });
    assert.ok(again.ok);
    const stale = await scoreProposal(deps(), reviewer, proposalId, {
      version: first.sheet.version,
      scores: [1, 1, 1].map((s) => ({ score: s, reason: "古い画面から" })),
    });
    assert.ok(!stale.ok && stale.reason === "conflict");
    const second = await scoreProposal(deps(), reviewer2, proposalId, {
      version: null,
      scores: [
        { score: 3, reason: "妥当" },
        { score: 3, reason: "妥当" },
        { score: 3, reason: "妥当" },
      ],
    });
    assert.ok(second.ok);
    const sheets = await listScoreSheets(database.db, [proposalId]);
    assert.deepEqual(
      sheets.map((s) => [s.reviewerName, s.scores.map((x) => x.score)]),
      [
        ["委員 一郎", [4, 3, 4]],
        ["委員 二郎", [3, 3, 3]],
      ],
    );
  });

  it("refuses publishing results while a proposal is undecided", async () => {
    const r = await publishResults(deps(), staff, call.id, call.version);
    assert.ok(!r.ok);
    assert.match(r.errors._ ?? "", /決まっていない提案が2件/);
  });

  it("adopts the proposal: it becomes a project of the call's year and department, linked to its plan item", async () => {
    const p = (await findProposal(database.db, proposalId))!;
    const missing = await decideProposal(deps(), staff, proposalId, {
      version: p.version,
      decision: "adopt",
      reason: "",
    });
    assert.ok(!missing.ok);
    assert.equal(missing.errors.reason, "決定の理由を入力してください");
    const r = await decideProposal(deps(), staff, proposalId, {
      version: p.version,
      decision: "adopt",
      reason: "審査会の平均点が最も高く、計画の Ⅱ-イ に沿う",
      form: "委託",
    });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    const project = await findProject(database.db, r.proposal.projectId!);
    assert.equal(project?.title, "放課後こども食堂");
    assert.equal(project?.fiscalYear, 2025);
    assert.equal(project?.departmentId, deptId);
    assert.deepEqual(project?.partnerGroupIds, [own.id]);
    assert.deepEqual(project?.planNodeIds, [planItems[1]]);
    assert.equal(project?.form, "委託");
    const twice = await decideProposal(deps(), staff, proposalId, {
      version: r.proposal.version,
      decision: "reject",
      reason: "x",
    });
    assert.ok(!twice.ok);
    const late = await scoreProposal(deps(), reviewer2, proposalId, {
      version: null,
      scores: [1, 1, 1].map((s) => ({ score: s, reason: "後から" })),
    });
    assert.ok(!late.ok);
  });

  it("rejects the other proposal, then publishes the results once", async () => {
    const rest = (await listProposals(database.db, [call.id])).filter((p) => p.status === "submitted");
    for (const p of rest) {
      const r = await decideProposal(deps(), staff, p.id, {
        version: p.version,
        decision: "reject",
        reason: "予算の範囲を超える",
      });
      assert.ok(r.ok);
      assert.equal(r.project, null);
    }
    const published = await publishResults(deps(), staff, call.id, call.version);
    assert.ok(published.ok);
    const again = await publishResults(deps(), staff, call.id, published.call.version);
    assert.ok(!again.ok);
  });
});
