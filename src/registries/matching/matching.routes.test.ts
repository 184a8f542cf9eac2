import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { auditEvents } from "../../accounts/accounts.table.js";
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

import { groupInput, makeGroupUser } from "../registries.factories.js";
import { findIssue, listIssues, listOffers } from "./matching.repository.js";
import { offerForIssue } from "./offer-for-issue.js";
import { postIssue } from "./post-issue.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let orgId: string;
let deptId: string;
let otherDeptId: string;
let own: Group;
let other: Group;
const cookies: Record<string, string> = {};
let groupUser: Awaited<ReturnType<typeof makeGroupUser>>;

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const get = (path: string, who?: string) =>
  app.request(path, who ? { headers: { cookie: cookies[who]! } } : {});
const post = (path: string, who: string, form: Record<string, string>) =>
  app.request(path, postForm(form, { cookie: cookies[who]! }));
const inDays = (n: number) => {
  const d = new Date(`${todayInJapan()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  orgId = (await makeOrg(database.db, "山口県")).id;
  deptId = await makeDepartment(database.db, orgId, "防災危機管理課");
  otherDeptId = await makeDepartment(database.db, orgId, "観光政策課");
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
  cookies.dept = await signedInCookie(
    database.db,
    (await makeUser(database.db, orgId, "department", { departmentIds: [deptId] })).id,
  );
  cookies.staff = await signedInCookie(database.db, (await makeUser(database.db, orgId, "registry")).id);
  cookies.viewer = await signedInCookie(database.db, (await makeUser(database.db, orgId, "viewer")).id);
  groupUser = await makeGroupUser(database.db, orgId, own.id);
  cookies.group = await signedInCookie(database.db, groupUser.id);
});
after(() => database.close());

const issueForm = (over: Record<string, string> = {}) => ({
  departmentId: deptId,
  title: "避難所運営への女性の視点の反映",
  background: "避難所の運営に女性の意見が届きにくい。",
  desiredPartner: "男女共同参画や防災に取り組む団体",
  deadline: inDays(30),
  ...over,
});

describe("the matching sheet", () => {
  let issueId: string;

  it("a department posts an issue for its own department, audited", async () => {
    const res = await post("/registries/matching", "dept", issueForm());
    assert.equal(res.status, 303);
    issueId = (res.headers.get("location") ?? "").split("/").pop()!;
    const [row] = await database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, issueId), eq(auditEvents.action, "issue.create")));
    assert.equal(row!.n, 1);
  });

  it("refuses another department's issue, a missing title and a malformed deadline, writing nothing", async () => {
    const n = (await listIssues(database.db, orgId)).length;
    const foreign = await post("/registries/matching", "dept", issueForm({ departmentId: otherDeptId }));
    assert.equal(foreign.status, 422);
    assert.match(text(await foreign.text()), /ご自身の所属課から選んでください/);
    const bad = await post("/registries/matching", "dept", issueForm({ title: " ", deadline: "来月末" }));
    assert.equal(bad.status, 422);
    const body = text(await bad.text());
    assert.match(body, /課題を入力してください/);
    assert.match(body, /申し出の期限は 2025-06-30 や 令和7年6月30日 の形で入力してください/);
    assert.equal((await post("/registries/matching", "viewer", issueForm())).status, 403);
    assert.equal((await listIssues(database.db, orgId)).length, n);
  });

  it("a group browses the list and offers in its own name", async () => {
    const list = text(await (await get("/registries/matching", "group")).text());
    assert.match(list, /避難所運営への女性の視点の反映 防災危機管理課/);
    const res = await post(`/registries/matching/${issueId}/offers`, "group", {
      groupId: other.id, // ignored: a group's person offers for their own group
      message: "避難所運営ゲームの研修を、女性防災リーダーと一緒に開けます。",
    });
    assert.equal(res.status, 303);
    const offers = await listOffers(database.db, [issueId]);
    assert.deepEqual(
      offers.map((o) => o.groupId),
      [own.id],
    );
  });

  it("refuses a second offer from the same group with its name, and an offer in another group's name", async () => {
    const again = await post(`/registries/matching/${issueId}/offers`, "group", { message: "もう一度" });
    assert.equal(again.status, 422);
    assert.match(text(await again.text()), /「やまぐち子ども劇場」はこの課題にすでに申し出ています/);
    const r = await offerForIssue({ db: database.db }, groupUser, issueId, {
      groupId: other.id,
      message: "なりすまし",
    });
    assert.ok(!r.ok && r.reason === "forbidden");
    assert.equal((await listOffers(database.db, [issueId])).length, 1);
  });

  it("refuses offers after the deadline", async () => {
    const past = await postIssue(
      { db: database.db },
      SYSTEM_ACTOR,
      orgId,
      issueForm({ title: "期限切れの課題", deadline: inDays(-1) }),
    );
    assert.ok(past.ok);
    const res = await post(`/registries/matching/${past.issue.id}/offers`, "group", {
      message: "遅れました",
    });
    assert.equal(res.status, 422);
    assert.match(text(await res.text()), /申し出を受け付けていません/);
    assert.equal((await listOffers(database.db, [past.issue.id])).length, 0);
  });

  it("staff record the outcome with a version check; a group cannot", async () => {
    const issue = (await findIssue(database.db, issueId))!;
    assert.equal(
      (
        await post(`/registries/matching/${issueId}/outcome`, "group", {
          version: String(issue.version),
          status: "matched",
          outcome: "x",
        })
      ).status,
      403,
    );
    const missing = await post(`/registries/matching/${issueId}/outcome`, "staff", {
      version: String(issue.version),
      status: "matched",
      outcome: "",
    });
    assert.equal(missing.status, 422);
    const ok = await post(`/registries/matching/${issueId}/outcome`, "staff", {
      version: String(issue.version),
      status: "matched",
      outcome: "やまぐち子ども劇場と避難所運営研修を共催（令和7年11月）",
    });
    assert.equal(ok.status, 303);
    const stale = await post(`/registries/matching/${issueId}/outcome`, "dept", {
      version: String(issue.version),
      status: "closed",
      outcome: "古い画面から",
    });
    assert.equal(stale.status, 409);
    assert.equal((await findIssue(database.db, issueId))?.status, "matched");
  });

  it("publishes the list with outcomes on the portal, without the groups' messages", async () => {
    const res = await get("/public/matching");
    assert.equal(res.status, 200);
    const body = text(await res.text());
    assert.match(body, /避難所運営への女性の視点の反映/);
    assert.match(body, /協働成立 やまぐち子ども劇場と避難所運営研修を共催/);
    assert.doesNotMatch(body, /避難所運営ゲームの研修/);
  });
});
