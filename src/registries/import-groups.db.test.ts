/**
 * The registry's own open data read back into the registry: every row names its group by ID, so nothing is
 * registered twice; a row that changes nothing writes nothing, an edited cell updates that group only (the columns
 * the open data does not carry are kept), a row without ID registers a new group.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { makeOrg } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { readCsv } from "../imports/grid.js";
import { databaseDigest } from "../imports/test-support.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { createGroup } from "./create-group.js";
import type { Group } from "./group.js";
import { readGroupSheet } from "./group-import.js";
import { importGroups } from "./import-groups.js";
import { groupsCsv, groupsCsvShiftJis } from "./open-data.js";
import { groupInput } from "./registries.factories.js";
import { registryGroups } from "./registries.table.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

const deps = () => ({ db: database.db });

function sheetOf(bytes: Uint8Array) {
  const grid = readCsv(bytes);
  assert.ok(grid.ok);
  const sheet = readGroupSheet(grid.value.sheets[0]!);
  assert.ok(sheet.ok, JSON.stringify(sheet));
  return sheet;
}

describe("the registry's open data read back into the registry", () => {
  it("changes nothing as exported (UTF-8 and Shift_JIS), updates the one edited group, registers a row without ID", async () => {
    const org = await makeOrg(database.db, `協働市 ${Math.random()}`);
    const groups: Group[] = [];
    for (const [name, kana] of [
      ["やまぐち子ども劇場", "ヤマグチコドモゲキジョウ"],
      ["周南まちづくりネット", "シュウナンマチヅクリネット"],
    ] as const) {
      const r = await createGroup(
        deps(),
        SYSTEM_ACTOR,
        org.id,
        groupInput({ name, nameKana: kana, isPublic: true, publicFields: ["area"] }),
      );
      assert.ok(r.ok, JSON.stringify(r));
      groups.push(r.group);
    }
    const before = await databaseDigest(database.db);
    for (const bytes of [
      new TextEncoder().encode(groupsCsv({ code: "352012", name: org.name }, groups)),
      new Uint8Array(groupsCsvShiftJis({ code: "352012", name: org.name }, groups)),
    ]) {
      const sheet = sheetOf(bytes);
      const r = await importGroups(deps(), SYSTEM_ACTOR, org.id, sheet.rows, sheet.columns, {
        dryRun: false,
      });
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(
        { created: r.created, updated: r.updated, unchanged: r.unchanged },
        { created: 0, updated: 0, unchanged: 2 },
      );
    }
    assert.equal(await databaseDigest(database.db), before, "nothing written");

    // a clerk edits 活動地域 of the second group and adds a row without ID
    const csv = groupsCsv({ code: "352012", name: org.name }, groups).replace(/\r?\n$/, "");
    const lines = csv.split(/\r?\n/);
    const header = lines[0]!.split(",");
    const blank = header.map(() => "");
    blank[header.indexOf("名称")] = "萩ボランティア協会";
    blank[header.indexOf("名称_カナ")] = "ハギボランティアキョウカイ";
    blank[header.indexOf("活動分野")] = "1";
    blank[header.indexOf("登録日")] = "2024-04-01";
    const edited = [lines[0], lines[1], lines[2]!.replace(",山口市,", ",周南市,"), blank.join(",")].join(
      "\n",
    );
    const sheet = sheetOf(new TextEncoder().encode(edited));
    const preview = await importGroups(deps(), SYSTEM_ACTOR, org.id, sheet.rows, sheet.columns, {
      dryRun: true,
    });
    assert.ok(preview.ok, JSON.stringify(preview));
    assert.deepEqual(
      { created: preview.created, updated: preview.updated, unchanged: preview.unchanged },
      { created: 1, updated: 1, unchanged: 1 },
    );
    const done = await importGroups(deps(), SYSTEM_ACTOR, org.id, sheet.rows, sheet.columns, {
      dryRun: false,
    });
    assert.ok(done.ok);
    const stored = await database.db.select().from(registryGroups).where(eq(registryGroups.orgId, org.id));
    assert.equal(stored.length, 3);
    const second = stored.find((g) => g.id === groups[1]!.id)!;
    assert.equal(second.area, "周南市");
    assert.equal(
      second.representative,
      groups[1]!.representative,
      "a column the group does not publish is kept",
    );
    assert.equal(second.address, groups[1]!.address, "a cell not edited stays as it was");
    assert.deepEqual(second.disclosures, groups[1]!.disclosures, "a column it does not have is kept");
    assert.equal(
      stored.find((g) => g.id === groups[0]!.id)!.version,
      groups[0]!.version,
      "the first is untouched",
    );
  });

  it("a row naming an ID the registry does not hold is a located problem, and nothing is written", async () => {
    const org = await makeOrg(database.db, `協働町 ${Math.random()}`);
    const other = await makeOrg(database.db, `よその市 ${Math.random()}`);
    const r = await createGroup(deps(), SYSTEM_ACTOR, other.id, groupInput({ isPublic: true }));
    assert.ok(r.ok);
    const sheet = sheetOf(
      new TextEncoder().encode(groupsCsv({ code: "352039", name: other.name }, [r.group])),
    );
    const before = await databaseDigest(database.db);
    const refused = await importGroups(deps(), SYSTEM_ACTOR, org.id, sheet.rows, sheet.columns, {
      dryRun: false,
    });
    assert.ok(!refused.ok);
    assert.match(refused.problems?.[0]?.message ?? "", /の団体はこの台帳にありません/);
    assert.equal(refused.problems?.[0]?.column, "B");
    assert.equal(await databaseDigest(database.db), before);
  });
});
