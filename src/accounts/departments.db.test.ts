import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count, eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { auditEvents } from "./accounts.table.js";
import { addDepartment } from "./add-department.js";
import { departmentNameAt, findDepartment } from "./department.repository.js";
import { mergeDepartment } from "./merge-department.js";
import { renameDepartment } from "./rename-department.js";
import { makeDepartment, makeOrg, makeUser } from "./test-factories.js";
import { findUser } from "./user.repository.js";

describe("departments over time", () => {
  let database: Database;
  let orgId: string;
  before(async () => {
    database = await createTestDatabase();
    orgId = (await makeOrg(database.db, "山口県")).id;
  });
  after(() => database.close());
  const deps = () => ({ db: database.db });
  const auditCount = async () => (await database.db.select({ n: count() }).from(auditEvents))[0]!.n;

  it("adds a 課 beneath a 部", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const bu = await addDepartment(deps(), {
      actor: admin,
      name: "環境生活部",
      parentId: "",
      validFrom: "2013-04-01",
    });
    assert.ok(bu.ok);
    const ka = await addDepartment(deps(), {
      actor: admin,
      name: "　県民活動課 ",
      parentId: bu.departmentId,
      validFrom: "2013-04-01",
    });
    assert.ok(ka.ok);
    const stored = await findDepartment(database.db, ka.departmentId);
    assert.equal(stored?.name, "県民活動課");
    assert.equal(stored?.parentId, bu.departmentId);
  });

  it("keeps the old name for plans dated before a rename", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const id = await makeDepartment(database.db, orgId, "県民活動課", { validFrom: "2010-04-01" });
    const out = await renameDepartment(deps(), {
      actor: admin,
      departmentId: id,
      version: "1",
      name: "県民生活課",
      effectiveFrom: "2015-04-01",
    });
    assert.ok(out.ok);
    assert.equal(await departmentNameAt(database.db, id, "2013-06-01"), "県民活動課");
    assert.equal(await departmentNameAt(database.db, id, "2015-03-31"), "県民活動課");
    assert.equal(await departmentNameAt(database.db, id, "2015-04-01"), "県民生活課");
    assert.equal(await departmentNameAt(database.db, id, "2030-01-01"), "県民生活課");
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    assert.deepEqual(event!.before, { name: "県民活動課", version: 1 });
  });

  it("answers null for a department that does not exist", async () => {
    assert.equal(
      await departmentNameAt(database.db, "00000000-0000-4000-8000-000000000000", "2020-01-01"),
      null,
    );
  });

  it("refuses a rename from a stale form and changes nothing", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const id = await makeDepartment(database.db, orgId, "広報課");
    assert.ok(
      (
        await renameDepartment(deps(), {
          actor: admin,
          departmentId: id,
          version: "1",
          name: "広報広聴課",
          effectiveFrom: "2020-04-01",
        })
      ).ok,
    );
    const before = await auditCount();
    const stale = await renameDepartment(deps(), {
      actor: admin,
      departmentId: id,
      version: "1",
      name: "情報発信課",
      effectiveFrom: "2021-04-01",
    });
    assert.ok(!stale.ok && stale.kind === "conflict");
    assert.equal(stale.current?.name, "広報広聴課");
    assert.equal(await departmentNameAt(database.db, id, "2022-01-01"), "広報広聴課");
    assert.equal(await auditCount(), before);
  });

  it("merges a department into another: it ends the day before, its staff move, its name stays for old plans", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const from = await makeDepartment(database.db, orgId, "男女共同参画課", { validFrom: "2001-04-01" });
    const into = await makeDepartment(database.db, orgId, "県民生活課（統合先）");
    const staff = await makeUser(database.db, orgId, "department", { departmentIds: [from] });
    const out = await mergeDepartment(deps(), {
      actor: admin,
      departmentId: from,
      version: "1",
      intoId: into,
      effectiveFrom: "2024-04-01",
    });
    assert.ok(out.ok);
    const ended = await findDepartment(database.db, from);
    assert.equal(ended?.endedOn, "2024-03-31");
    assert.equal(ended?.mergedIntoId, into);
    assert.deepEqual((await findUser(database.db, staff.id))?.departmentIds, [into]);
    assert.equal(await departmentNameAt(database.db, from, "2013-04-01"), "男女共同参画課");
    const again = await mergeDepartment(deps(), {
      actor: admin,
      departmentId: from,
      version: "2",
      intoId: into,
      effectiveFrom: "2025-04-01",
    });
    assert.ok(!again.ok && again.kind === "invalid" && /廃止/.test(again.errors.form ?? ""));
  });

  it("will not merge a 部 into one of its own 課", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const bu = await makeDepartment(database.db, orgId, "総務部");
    const ka = await makeDepartment(database.db, orgId, "人事課", { parentId: bu });
    const out = await mergeDepartment(deps(), {
      actor: admin,
      departmentId: bu,
      version: "1",
      intoId: ka,
      effectiveFrom: "2025-04-01",
    });
    assert.ok(!out.ok && out.kind === "invalid" && out.errors.intoId);
  });

  it("explains bad dates and names in Japanese and writes nothing", async () => {
    const admin = await makeUser(database.db, orgId, "admin");
    const id = await makeDepartment(database.db, orgId, "企画課");
    const before = await auditCount();
    const badDate = await renameDepartment(deps(), {
      actor: admin,
      departmentId: id,
      version: "1",
      name: "企画調整課",
      effectiveFrom: "令和7年4月1日",
    });
    assert.ok(
      !badDate.ok && badDate.kind === "invalid" && /YYYY-MM-DD/.test(badDate.errors.effectiveFrom ?? ""),
    );
    const noName = await addDepartment(deps(), {
      actor: admin,
      name: "",
      parentId: "",
      validFrom: "2025-04-01",
    });
    assert.ok(!noName.ok && /名称/.test(noName.errors.name ?? ""));
    const badVersion = await renameDepartment(deps(), {
      actor: admin,
      departmentId: id,
      version: "abc",
      name: "企画調整課",
      effectiveFrom: "2025-04-01",
    });
    assert.ok(!badVersion.ok && badVersion.kind === "invalid");
    assert.equal(await auditCount(), before);
  });

  it("does not let a non-administrator or another organisation's administrator change departments", async () => {
    const id = await makeDepartment(database.db, orgId, "財政課");
    const staff = await makeUser(database.db, orgId, "department", { departmentIds: [id] });
    const other = await makeOrg(database.db, "他県");
    const foreignAdmin = await makeUser(database.db, other.id, "admin");
    for (const actor of [staff, foreignAdmin]) {
      const out = await renameDepartment(deps(), {
        actor,
        departmentId: id,
        version: "1",
        name: "乗っ取り課",
        effectiveFrom: "2025-04-01",
      });
      assert.ok(!out.ok && out.kind === "forbidden");
    }
    const added = await addDepartment(deps(), {
      actor: staff,
      name: "新課",
      parentId: "",
      validFrom: "2025-04-01",
    });
    assert.ok(!added.ok && added.kind === "forbidden");
    assert.equal((await findDepartment(database.db, id))?.version, 1);
  });
});
