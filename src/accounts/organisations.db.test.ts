import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { count } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { auditEvents, organisations } from "./accounts.table.js";
import { createOrganisation, type LocalGovCodeValidator } from "./create-organisation.js";

/**
 * Stands in for the Japanese kernel's validateLocalGovCode (branch feat/japanese) with the published
 * check-digit rule (総務省「全国地方公共団体コード」: weights 6..2, 11 − remainder, last digit).
 */
const checkDigitValidator: LocalGovCodeValidator = (raw) => {
  const code = raw.normalize("NFKC");
  if (!/^\d{6}$/.test(code)) return { ok: false, error: "6桁の数字で入力してください" };
  const sum = [...code.slice(0, 5)].reduce((s, d, i) => s + Number(d) * (6 - i), 0);
  if ((11 - (sum % 11)) % 10 !== Number(code[5])) return { ok: false, error: "検査数字が一致しません" };
  return { ok: true, value: { code, prefectureCode: code.slice(0, 2) } };
};

describe("registering local governments", () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());
  const deps = () => ({ db: database.db, validateLocalGovCode: checkDigitValidator });
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
    assert.match(out.errors.code ?? "", /全国地方公共団体コードが正しくありません：検査数字/);
    assert.deepEqual(await counts(), before);
  });

  it("refuses a second organisation with the same code, and a missing name", async () => {
    const dup = await createOrganisation(deps(), { code: "350001", name: "山口県" });
    assert.ok(!dup.ok && /すでに登録/.test(dup.errors.code ?? ""));
    const noName = await createOrganisation(deps(), { code: "240001", name: " " });
    assert.ok(!noName.ok && /団体名/.test(noName.errors.name ?? ""));
  });
});
