import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { makeOrg, makeUser, postForm, signedInCookie, testApp } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { cityGuidelineDocument } from "../plans/fixtures/city-guideline.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { publishPlan } from "../portal/publish-plan.js";

let database: Database;
let app: ReturnType<typeof testApp>;
let planId: string;
let admin: string;
let viewer: string;
let layoutId: string;

const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });

before(async () => {
  database = await createTestDatabase();
  app = testApp(database);
  const org = await makeOrg(database.db, "削除試験市");
  const r = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, org.id, cityGuidelineDocument);
  assert.ok(r.ok);
  planId = r.planId;
  admin = await signedInCookie(database.db, (await makeUser(database.db, org.id, "admin")).id);
  viewer = await signedInCookie(database.db, (await makeUser(database.db, org.id, "viewer")).id);
  assert.ok((await publishPlan({ db: database.db }, SYSTEM_ACTOR, { planId, version: 0, publish: true })).ok);
  const saved = await app.request(
    `/plans/${planId}/reports/new`,
    postForm(
      { version: "0", name: "消すレイアウト", "col.label": "on", "col.title": "on", groupLevels: "1" },
      { cookie: admin },
    ),
  );
  assert.equal(saved.status, 303);
  layoutId = /reports\/([0-9a-f-]{36})/.exec(saved.headers.get("location") ?? "")![1]!;
});
after(() => database.close());

describe("deleting a saved report layout", () => {
  it("is offered beside each saved layout, with a confirmation step", async () => {
    const list = await (await get(`/plans/${planId}/reports`, admin)).text();
    assert.ok(list.includes(`/plans/${planId}/reports/${layoutId}/delete`));
    const confirm = await get(`/plans/${planId}/reports/${layoutId}/delete`, admin);
    assert.equal(confirm.status, 200);
    assert.match(await confirm.text(), /「消すレイアウト」を削除します/);
    assert.equal((await get(`/plans/${planId}/reports/builtin-progress-list/delete`, admin)).status, 404);
  });

  it("is refused to a viewer and for a stale version, changing nothing", async () => {
    const denied = await app.request(
      `/plans/${planId}/reports/${layoutId}/delete`,
      postForm({ version: "1" }, { cookie: viewer }),
    );
    assert.equal(denied.status, 403);
    const stale = await app.request(
      `/plans/${planId}/reports/${layoutId}/delete`,
      postForm({ version: "7" }, { cookie: admin }),
    );
    assert.equal(stale.status, 409);
    assert.equal((await get(`/plans/${planId}/reports/${layoutId}`, admin)).status, 200);
    assert.equal((await get(`/public/plans/${planId}/reports/${layoutId}`)).status, 200);
  });

  it("removes it from the list, every output and the public portal, and audits it", async () => {
    const res = await app.request(
      `/plans/${planId}/reports/${layoutId}/delete`,
      postForm({ version: "1" }, { cookie: admin }),
    );
    assert.equal(res.status, 303);
    assert.doesNotMatch(await (await get(`/plans/${planId}/reports`, admin)).text(), /消すレイアウト/);
    for (const suffix of ["", ".xlsx", ".csv", ".sjis.csv"])
      assert.equal((await get(`/plans/${planId}/reports/${layoutId}${suffix}`, admin)).status, 404, suffix);
    assert.equal((await get(`/plans/${planId}/reports/${layoutId}/edit`, admin)).status, 404);
    assert.equal((await get(`/public/plans/${planId}/reports/${layoutId}`)).status, 404);
    assert.doesNotMatch(await (await get(`/public/plans/${planId}`)).text(), /消すレイアウト/);
    const audit = (await database.db.execute(
      sql`select count(*)::int as n from audit_events where action = 'report_layout.delete' and entity_id = ${layoutId}`,
    )) as unknown as { rows: { n: number }[] };
    assert.equal(audit.rows[0]!.n, 1);
    // a second delete finds nothing
    const again = await app.request(
      `/plans/${planId}/reports/${layoutId}/delete`,
      postForm({ version: "2" }, { cookie: admin }),
    );
    assert.equal(again.status, 404);
  });
});
