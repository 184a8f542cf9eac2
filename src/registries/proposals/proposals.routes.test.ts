import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  makeDepartment,
  makeOrg,
  makeUser,
  postForm,
  signedInCookie,
  testApp,
} from "../../accounts/test-factories.js";
import type { Database } from "../../db/client.js";
import { createTestDatabase } from "../../db/test-db.js";
import { todayInJapan } from "../../japanese/index.js";
import { SYSTEM_ACTOR } from "../../plans/plan-use-case.js";
import { createGroup } from "../create-group.js";
import type { Group } from "../group.js";
import { groupInput, makeGroupUser, makePlanWithItems } from "../registries.factories.js";
import { findProject, listProjects } from "../registries.repository.js";

import { listCalls, listProposals, listScoreSheets } from "./proposals.repository.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let orgId: string;
let deptId: string;
let own: Group;
let other: Group;
let item: string;
const cookies: Record<string, string> = {};

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const shift = (days: number) => {
  const d = new Date(`${todayInJapan()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]! } });
const post = (path: string, who: string, form: Record<string, string | string[]>) =>
  app.request(path, postForm(form, { cookie: cookies[who]! }));

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  orgId = (await makeOrg(database.db, "山口県")).id;
  deptId = await makeDepartment(database.db, orgId, "こども政策課");
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
  item = (await makePlanWithItems(database.db, orgId, [["Ⅱ-イ", "子どもの居場所づくりへの支援"]]))[0]!;
  for (const [who, role] of [
    ["staff", "registry"],
    ["panel", "committee"],
    ["viewer", "viewer"],
  ] as const)
    cookies[who] = await signedInCookie(
      database.db,
      (await makeUser(database.db, orgId, role, { displayName: `${who} さん` })).id,
    );
  cookies.group = await signedInCookie(database.db, (await makeGroupUser(database.db, orgId, own.id)).id);
  cookies.otherGroup = await signedInCookie(
    database.db,
    (await makeGroupUser(database.db, orgId, other.id)).id,
  );
});
after(() => database.close());

const callForm = (over: Record<string, string> = {}) => ({
  kind: "theme",
  title: "こどもの居場所 協働提案",
  fiscalYear: "令和8年度",
  departmentId: deptId,
  theme: "放課後の居場所",
  description: "",
  opensOn: shift(-10),
  closesOn: shift(20),
  criteria: "公益性|2|地域の課題に応えるか\n実現性|1",
  scaleMax: "5",
  ...over,
});

describe("the proposal system in the browser", () => {
  let callId: string;
  let proposalId: string;

  it("registry staff open a theme call; its criteria are published on the call page in 和暦", async () => {
    const res = await post("/registries/proposals", "staff", callForm());
    assert.equal(res.status, 303);
    callId = (res.headers.get("location") ?? "").split("/").pop()!;
    const page = text(await (await get(`/registries/proposals/${callId}`, "group")).text());
    assert.match(page, /令和8年度/);
    assert.match(page, /公益性 ×2 10 地域の課題に応えるか/);
    assert.match(page, /配点（合計）: 15点/);
  });

  it("refuses a call by a committee member, and bad call input with field messages", async () => {
    assert.equal((await post("/registries/proposals", "panel", callForm())).status, 403);
    const bad = await post(
      "/registries/proposals",
      "staff",
      callForm({ closesOn: "2020-13-40", scaleMax: "20" }),
    );
    assert.equal(bad.status, 422);
    const body = text(await bad.text());
    assert.match(body, /受付締切日は 2024-04-01 や 令和6年4月1日 の形で入力してください/);
    assert.match(body, /満点は1〜10の整数で入力してください/);
    assert.equal((await listCalls(database.db, orgId)).length, 1);
  });

  it("a group's person proposes for their own group, choosing the plan item in the picker", async () => {
    const form = text(await (await get(`/registries/proposals/${callId}/submit`, "group")).text());
    assert.match(form, /Ⅱ-イ 子どもの居場所づくりへの支援/);
    const res = await post(`/registries/proposals/${callId}/submit`, "group", {
      groupId: other.id, // ignored: a group proposes in its own name
      title: "放課後こども食堂",
      summary: "週2回、夕食と学習の場を開く。",
      budget: "１，５００",
      planNodeIds: [item!],
    });
    assert.equal(res.status, 303);
    const [p] = await listProposals(database.db, [callId]);
    assert.equal(p?.groupId, own.id);
    assert.equal(p?.budget, 1500);
    proposalId = p!.id;
  });

  it("keeps a proposal from other groups", async () => {
    assert.equal((await get(`/registries/proposals/${callId}/${proposalId}`, "otherGroup")).status, 403);
    const list = text(await (await get(`/registries/proposals/${callId}`, "otherGroup")).text());
    assert.doesNotMatch(list, /放課後こども食堂/);
  });

  it("answers a proposal after the call's deadline with a clear message and writes nothing", async () => {
    const closed = await post(
      "/registries/proposals",
      "staff",
      callForm({ title: "締切済みの募集", opensOn: shift(-30), closesOn: shift(-1) }),
    );
    const closedId = (closed.headers.get("location") ?? "").split("/").pop()!;
    const res = await post(`/registries/proposals/${closedId}/submit`, "group", {
      title: "遅れた提案",
      summary: "締切後",
    });
    assert.equal(res.status, 422);
    assert.match(text(await res.text()), /締め切りました。締切後の提案は受け付けられません/);
    assert.equal((await listProposals(database.db, [closedId])).length, 0);
  });

  it("a panel member's score outside the scale is refused with the criterion named; a valid one is saved", async () => {
    const bad = await post(`/registries/proposals/${callId}/${proposalId}/score`, "panel", {
      version: "",
      score_0: "9",
      reason_0: "とても良い",
      score_1: "3",
      reason_1: "",
    });
    assert.equal(bad.status, 422);
    const body = text(await bad.text());
    assert.match(body, /公益性 点数: 0〜5点の整数で採点してください/);
    assert.match(body, /実現性 理由: 採点の理由を入力してください/);
    assert.equal((await listScoreSheets(database.db, [proposalId])).length, 0);
    const ok = await post(`/registries/proposals/${callId}/${proposalId}/score`, "panel", {
      version: "",
      score_0: "4",
      reason_0: "地域の要望が強い",
      score_1: "３",
      reason_1: "人員に不安",
    });
    assert.equal(ok.status, 303);
    const page = text(await (await get(`/registries/proposals/${callId}/${proposalId}`, "staff")).text());
    assert.match(page, /panel さん 4点 地域の要望が強い 3点 人員に不安/);
    assert.match(page, /平均点（重み付き）: 11点 \/ 15点/);
  });

  it("does not let a viewer or the group score", async () => {
    for (const who of ["viewer", "group"]) {
      const res = await post(`/registries/proposals/${callId}/${proposalId}/score`, who, {
        score_0: "5",
        reason_0: "x",
        score_1: "5",
        reason_1: "x",
      });
      assert.equal(res.status, 403, who);
    }
  });

  it("staff adopt it: it becomes a project linked to its plan item; the results go public", async () => {
    const res = await post(`/registries/proposals/${callId}/${proposalId}/decide`, "staff", {
      version: "1",
      decision: "adopt",
      form: "委託",
      reason: "平均点が最も高い",
    });
    assert.equal(res.status, 303);
    const [project] = await listProjects(database.db, orgId);
    assert.equal(project?.title, "放課後こども食堂");
    assert.deepEqual((await findProject(database.db, project!.id))?.planNodeIds, [item]);
    const projectPage = text(await (await get(`/registries/projects/${project!.id}`, "staff")).text());
    assert.match(projectPage, /Ⅱ-イ 子どもの居場所づくりへの支援/);
    assert.match(projectPage, /令和8年度/);
    assert.equal((await app.request("/public/proposals")).status, 200);
    assert.doesNotMatch(text(await (await app.request("/public/proposals")).text()), /放課後こども食堂/);
    assert.equal(
      (await post(`/registries/proposals/${callId}/publish`, "staff", { version: "1" })).status,
      303,
    );
    const pub = text(await (await app.request("/public/proposals")).text());
    assert.match(
      pub,
      /放課後こども食堂 やまぐち子ども劇場 週2回、夕食と学習の場を開く。 11 \/ 15 平均点が最も高い/,
    );
  });
});
