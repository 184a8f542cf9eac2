import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import type { CurrentUser } from "../accounts/account.js";
import { auditEvents } from "../accounts/accounts.table.js";
import { makeDepartment, makeOrg, makeUser } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { addReviewMeeting } from "./add-review-meeting.js";
import { anonymiseGroup } from "./anonymise-group.js";
import { createGroup } from "./create-group.js";
import { createProject } from "./create-project.js";
import { exportGroup } from "./export-group.js";
import { LEGAL_FORMS } from "./group.js";
import { groupInput, projectInput } from "./registries.factories.js";
import {
  countCoordinators,
  countGroupsAtFiscalYearEnd,
  countGroupsByFieldAtFiscalYearEnd,
  countGroupsByLegalFormAtFiscalYearEnd,
  countProjectsInYear,
  countProjectsWithReviewInYear,
  findGroup,
  listGroups,
} from "./registries.repository.js";
import { registryGroups } from "./registries.table.js";
import { updateGroup } from "./update-group.js";
import { updateProject } from "./update-project.js";

let database: Database;
let orgId: string;
let otherOrgId: string;
let staff: CurrentUser;
let viewer: CurrentUser;
let outsider: CurrentUser;
const deps = () => ({ db: database.db });

before(async () => {
  database = await createTestDatabase();
  orgId = (await makeOrg(database.db, "山口県")).id;
  otherOrgId = (await makeOrg(database.db, "三重県")).id;
  staff = await makeUser(database.db, orgId, "registry");
  viewer = await makeUser(database.db, orgId, "viewer");
  outsider = await makeUser(database.db, otherOrgId, "registry");
});
after(() => database.close());

const groupCount = async (org: string) =>
  (await database.db.select({ n: count() }).from(registryGroups).where(eq(registryGroups.orgId, org)))[0]!.n;
const auditCount = async (entityId: string) =>
  (await database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.entityId, entityId)))[0]!
    .n;

describe("registry staff keep the list of civic groups", () => {
  it("registers a group with an audit event", async () => {
    const r = await createGroup(deps(), staff, orgId, groupInput());
    assert.ok(r.ok);
    assert.equal(r.group.nameKana, "ヤマグチコドモゲキジョウ");
    assert.deepEqual(r.group.fields, [6, 13]);
    assert.equal(await auditCount(r.group.id), 1);
  });

  it("refuses the same group typed again in full-width, naming the one already registered, and writes nothing", async () => {
    const before = await groupCount(orgId);
    const r = await createGroup(
      deps(),
      staff,
      orgId,
      groupInput({ name: "やまぐち　子ども劇場", nameKana: "ベツノヨミ" }),
    );
    assert.ok(!r.ok);
    assert.equal(r.reason, "invalid");
    assert.match(
      r.errors.name ?? "",
      /「やまぐち子ども劇場」（ヤマグチコドモゲキジョウ）がすでに登録されています/,
    );
    assert.equal(await groupCount(orgId), before);
  });

  it("allows the same name in another organisation", async () => {
    const r = await createGroup(deps(), outsider, otherOrgId, groupInput());
    assert.ok(r.ok);
  });

  it("refuses a viewer and a person of another organisation, writing nothing", async () => {
    const before = await groupCount(orgId);
    const a = await createGroup(
      deps(),
      viewer,
      orgId,
      groupInput({ name: "新団体", nameKana: "シンダンタイ" }),
    );
    const b = await createGroup(
      deps(),
      outsider,
      orgId,
      groupInput({ name: "新団体", nameKana: "シンダンタイ" }),
    );
    assert.ok(!a.ok && a.reason === "forbidden");
    assert.ok(!b.ok && b.reason === "forbidden");
    assert.equal(await groupCount(orgId), before);
  });

  it("finds groups by kana typed in hiragana and lists them in 五十音 order", async () => {
    await createGroup(
      deps(),
      staff,
      orgId,
      groupInput({ name: "あいの会", nameKana: "アイノカイ", legalForm: "任意団体", disclosures: [] }),
    );
    await createGroup(
      deps(),
      staff,
      orgId,
      groupInput({ name: "わかば会", nameKana: "ワカバカイ", legalForm: "任意団体", fields: [7] }),
    );
    const all = await listGroups(database.db, orgId);
    assert.deepEqual(
      all.map((g) => g.nameKana),
      ["アイノカイ", "ヤマグチコドモゲキジョウ", "ワカバカイ"],
    );
    assert.deepEqual(
      (await listGroups(database.db, orgId, { q: "こども" })).map((g) => g.name),
      ["やまぐち子ども劇場"],
    );
    assert.deepEqual(
      (await listGroups(database.db, orgId, { field: 7 })).map((g) => g.name),
      ["わかば会"],
    );
    assert.deepEqual(
      (await listGroups(database.db, orgId, { disclosure: "事業報告書", legalForm: "任意団体" })).map(
        (g) => g.name,
      ),
      ["わかば会"],
    );
  });

  it("rejects a stale edit with what the other person changed, and keeps their change", async () => {
    const g = (await listGroups(database.db, orgId, { q: "わかば" }))[0]!;
    const first = await updateGroup(deps(), staff, {
      groupId: g.id,
      version: g.version,
      fields: groupInput({
        name: "わかば会",
        nameKana: "ワカバカイ",
        legalForm: "任意団体",
        fields: [7],
        area: "宇部市",
      }),
    });
    assert.ok(first.ok);
    const stale = await updateGroup(deps(), staff, {
      groupId: g.id,
      version: g.version,
      fields: groupInput({
        name: "わかば会",
        nameKana: "ワカバカイ",
        legalForm: "任意団体",
        fields: [7],
        area: "下関市",
      }),
    });
    assert.ok(!stale.ok);
    assert.equal(stale.reason, "conflict");
    assert.deepEqual(
      stale.changes?.find((c) => c.field === "area"),
      { field: "area", current: "宇部市", submitted: "下関市" },
    );
    assert.equal((await findGroup(database.db, g.id))?.area, "宇部市");
  });

  it("refuses renaming a group to another group's name", async () => {
    const g = (await listGroups(database.db, orgId, { q: "わかば" }))[0]!;
    const r = await updateGroup(deps(), staff, {
      groupId: g.id,
      version: g.version,
      fields: groupInput({ nameKana: "ワカバカイ" }),
    });
    assert.ok(!r.ok);
    assert.match(r.errors.name ?? "", /すでに登録されています/);
  });
});

describe("a group that leaves", () => {
  it("is anonymised but still counted in the years it was registered", async () => {
    const created = await createGroup(
      deps(),
      SYSTEM_ACTOR,
      orgId,
      groupInput({
        name: "退会する会",
        nameKana: "タイカイスルカイ",
        registeredOn: "2021-06-01",
        isPublic: true,
        publicFields: ["phone"],
      }),
    );
    assert.ok(created.ok);
    const before2023 = await countGroupsAtFiscalYearEnd(database.db, orgId, 2023);
    // a leaving date that is not a day is a field message, nothing written (the form fuzzer found a 500 here)
    for (const leftOn of ["2024-02-30", "令和6年", "\u{FFFD}\u{3FFD}"]) {
      const bad = await anonymiseGroup(deps(), staff, { groupId: created.group.id, version: 1, leftOn });
      assert.ok(!bad.ok && bad.reason === "invalid" && bad.errors.leftOn, leftOn);
    }
    const r = await anonymiseGroup(deps(), staff, {
      groupId: created.group.id,
      version: created.group.version,
      leftOn: "2024-05-01",
    });
    assert.ok(r.ok);
    assert.equal(r.group.representative, null);
    assert.equal(r.group.phone, null);
    assert.equal(r.group.email, null);
    assert.equal(r.group.isPublic, false);
    assert.equal(r.group.name, "退会する会");
    assert.equal(await countGroupsAtFiscalYearEnd(database.db, orgId, 2023), before2023);
    assert.equal(await countGroupsAtFiscalYearEnd(database.db, orgId, 2024), before2023 - 1);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, created.group.id));
    assert.ok(!JSON.stringify(events).includes("山田 花子"));
    assert.ok(!JSON.stringify(events).includes("hanako@example.jp"));
  });

  it("exports one group's data as JSON for the person who asked, and records the export", async () => {
    const g = (await listGroups(database.db, orgId, { q: "やまぐち" }))[0]!;
    const r = await exportGroup(deps(), staff, g.id);
    assert.ok(r.ok);
    assert.equal((r.data.group as { representative: string }).representative, "山田 花子");
    const [row] = await database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, g.id), eq(auditEvents.action, "group.export")));
    assert.equal(row!.n, 1);
    const denied = await exportGroup(deps(), outsider, g.id);
    assert.ok(!denied.ok && denied.reason === "forbidden");
  });
});

describe("counts for live indicators", () => {
  it("counts groups at the fiscal year end by legal form and field", async () => {
    const org = (await makeOrg(database.db, "カウント市")).id;
    for (const [i, [reg, left, form, field]] of (
      [
        ["2024-04-01", null, "NPO法人", 1],
        ["2025-03-31", null, "NPO法人", 2],
        ["2025-04-01", null, "NPO法人", 1],
        ["2020-04-01", "2025-03-31", "任意団体", 1],
        ["2020-04-01", "2025-04-01", "任意団体", 1],
      ] as const
    ).entries()) {
      const r = await createGroup(
        deps(),
        SYSTEM_ACTOR,
        org,
        groupInput({
          name: `団体${i}`,
          nameKana: `ダンタイ${"アイウエオ"[i]}`,
          registeredOn: reg,
          leftOn: left,
          legalForm: form,
          fields: [field],
        }),
      );
      assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    }
    assert.equal(await countGroupsAtFiscalYearEnd(database.db, org, 2024), 3);
    assert.equal(await countGroupsAtFiscalYearEnd(database.db, org, 2024, { legalForm: "NPO法人" }), 2);
    assert.equal(await countGroupsAtFiscalYearEnd(database.db, org, 2024, { field: 1 }), 2);
    assert.equal(await countGroupsAtFiscalYearEnd(database.db, org, 2023), 2);
    // the breakdowns agree with the filtered count, list every form and field, and count zeros
    const forms = await countGroupsByLegalFormAtFiscalYearEnd(database.db, org, 2024);
    assert.equal(forms.length, LEGAL_FORMS.length);
    assert.deepEqual(
      forms.filter((f) => f.count > 0),
      [
        { legalForm: "NPO法人", count: 2 },
        { legalForm: "任意団体", count: 1 },
      ],
    );
    const fields = await countGroupsByFieldAtFiscalYearEnd(database.db, org, 2024);
    assert.equal(fields.length, 20);
    assert.deepEqual(
      fields.filter((f) => f.count > 0).map((f) => [f.field, f.count]),
      [
        [1, 2],
        [2, 1],
      ],
    );
    assert.equal(fields[0]!.label, "保健、医療又は福祉の増進を図る活動");
    assert.equal(
      (await countGroupsByFieldAtFiscalYearEnd(database.db, org, 2023)).reduce((s, f) => s + f.count, 0),
      2,
    );
  });

  it("counts projects, projects with a review meeting and coordinators per fiscal year", async () => {
    const org = (await makeOrg(database.db, "事業市")).id;
    const a = await createProject(deps(), SYSTEM_ACTOR, org, projectInput({ fiscalYear: 2024 }));
    const b = await createProject(
      deps(),
      SYSTEM_ACTOR,
      org,
      projectInput({ title: "清掃", fiscalYear: 2024 }),
    );
    await createProject(deps(), SYSTEM_ACTOR, org, projectInput({ fiscalYear: 2023 }));
    assert.ok(a.ok && b.ok);
    assert.ok(
      (
        await addReviewMeeting(deps(), SYSTEM_ACTOR, a.project.id, {
          heldOn: "2025-02-10",
          coordinator: "佐藤 一郎",
          findings: "役割分担が明確になった",
        })
      ).ok,
    );
    assert.ok(
      (
        await addReviewMeeting(deps(), SYSTEM_ACTOR, a.project.id, {
          heldOn: "2025-03-10",
          coordinator: "佐藤　一郎",
          improvements: "早めに打合せ",
        })
      ).ok,
    );
    assert.ok(
      (
        await addReviewMeeting(deps(), SYSTEM_ACTOR, b.project.id, {
          heldOn: "2025-04-10",
          coordinator: "鈴木",
          findings: "x",
        })
      ).ok,
    );
    assert.equal(await countProjectsInYear(database.db, org, 2024), 2);
    assert.equal(await countProjectsInYear(database.db, org, 2023), 1);
    assert.equal(await countProjectsWithReviewInYear(database.db, org, 2024), 2);
    assert.equal(await countProjectsWithReviewInYear(database.db, org, 2023), 0);
    assert.equal(await countCoordinators(database.db, org, 2024), 1);
    assert.equal(await countCoordinators(database.db, org, 2025), 1);
  });
});

describe("collaboration projects", () => {
  it("refuses a partner group or department of another organisation, writing nothing", async () => {
    const foreign = (await listGroups(database.db, otherOrgId))[0]!;
    const dept = await makeDepartment(database.db, otherOrgId, "よその課");
    const before = await countProjectsInYear(database.db, orgId, 2024);
    const r = await createProject(
      deps(),
      staff,
      orgId,
      projectInput({ partnerGroupIds: [foreign.id], departmentId: dept }),
    );
    assert.ok(!r.ok);
    assert.equal(r.errors.partnerGroupIds, "協働先の団体が見つかりません");
    assert.equal(r.errors.departmentId, "担当課が見つかりません");
    assert.equal(await countProjectsInYear(database.db, orgId, 2024), before);
  });

  it("records a project with partners and rejects a stale edit", async () => {
    const g = (await listGroups(database.db, orgId))[0]!;
    const dept = await makeDepartment(database.db, orgId, "県民生活課");
    const r = await createProject(
      deps(),
      staff,
      orgId,
      projectInput({ partnerGroupIds: [g.id], departmentId: dept }),
    );
    assert.ok(r.ok);
    const ok = await updateProject(deps(), staff, {
      projectId: r.project.id,
      version: 1,
      fields: projectInput({ partnerGroupIds: [g.id], budget: 2612 }),
    });
    assert.ok(ok.ok);
    const stale = await updateProject(deps(), staff, {
      projectId: r.project.id,
      version: 1,
      fields: projectInput({ budget: 1 }),
    });
    assert.ok(!stale.ok && stale.reason === "conflict");
    const bad = await updateProject(deps(), staff, {
      projectId: r.project.id,
      version: 2,
      fields: projectInput({ budget: -5, fiscalYear: "二〇二四" }),
    });
    assert.ok(!bad.ok && bad.reason === "invalid");
    assert.equal(bad.errors.budget, "予算額は0以上で入力してください");
    assert.ok(bad.errors.fiscalYear);
  });

  it("refuses a review meeting with neither findings nor improvements", async () => {
    const p = await createProject(deps(), staff, orgId, projectInput({ title: "空の会議" }));
    assert.ok(p.ok);
    const r = await addReviewMeeting(deps(), staff, p.project.id, { heldOn: "2024-10-01" });
    assert.ok(!r.ok);
    assert.match(r.errors.findings ?? "", /どちらかを入力/);
    assert.equal(await countProjectsWithReviewInYear(database.db, orgId, 2024), 0);
  });
});
