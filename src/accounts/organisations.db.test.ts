import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { auditEvents, organisations } from "./accounts.table.js";
import { createOrganisation } from "./create-organisation.js";

describe("registering local governments", () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());
  const deps = () => ({ db: database.db });
  const counts = async () => ({
    orgs: (await database.db.select({ n: count() }).from(organisations))[0]!.n,
    audit: (await database.db.select({ n: count() }).from(auditEvents))[0]!.n,
  });

  it("registers a prefecture by its code (full-width digits accepted) and records it", async () => {
    const out = await createOrganisation(deps(), {
      code: "３５０００１",
      name: "山口県",
      nameKana: "ヤマグチケン",
    });
    assert.ok(out.ok);
    assert.equal(out.organisation.code, "350001");
    assert.deepEqual(await counts(), { orgs: 1, audit: 1 });
  });

  it("refuses a code whose check digit is wrong, in Japanese, writing nothing", async () => {
    const before = await counts();
    const out = await createOrganisation(deps(), { code: "350002", name: "山口県（誤り）" });
    assert.ok(!out.ok && out.kind === "invalid");
    assert.equal(
      out.errors.code,
      "全国地方公共団体コードが正しくありません：「350002」の検査数字が正しくありません（正しくは350001）",
    );
    assert.deepEqual(await counts(), before);
  });

  it("accepts remainders 0 and 1 (埼玉県 110001, 神戸市 281000) and a leading zero (札幌市 011002)", async () => {
    for (const [code, name] of [
      ["110001", "埼玉県"],
      ["281000", "神戸市"],
      ["011002", "札幌市"],
    ] as const) {
      const out = await createOrganisation(deps(), { code, name });
      assert.ok(out.ok && out.organisation.code === code, name);
    }
    const short = await createOrganisation(deps(), { code: "1100", name: "四桁" });
    assert.ok(!short.ok && /桁が足りません/.test(short.errors.code ?? ""));
  });

  it("refuses a second organisation with the same code, and a missing name", async () => {
    const dup = await createOrganisation(deps(), { code: "350001", name: "山口県" });
    assert.ok(!dup.ok && /すでに登録/.test(dup.errors.code ?? ""));
    const noName = await createOrganisation(deps(), { code: "240001", name: " " });
    assert.ok(!noName.ok && /団体名/.test(noName.errors.name ?? ""));
  });
});
