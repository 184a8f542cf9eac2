/**
 * The commit of a whole-plan import: the document is checked when it is parsed (docChecked) and written as it is
 * by the commit; a document that failed the check is checked again at commit and refused, nothing written. The
 * plan import record keeps the document's JSON text, gzip-compressed, with its SHA-256.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { makeOrg } from "../accounts/test-factories.js";
import type { Database } from "../db/client.js";
import { jsonTextOf } from "../db/gzip-json.js";
import { createTestDatabase } from "../db/test-db.js";
import { planImports, plans } from "../plans/plan.table.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { commitImport } from "./commit-import.js";
import type { GridParse } from "./import-job.js";
import { findImportJob, updateImportJob } from "./import-job.repository.js";
import { startImport } from "./start-import.js";

const CSV = [
  "No,内容,担当課,進捗状況",
  "（１）市民活動の促進,,,",
  "1,講座の開催,協働推進課,済",
  "2,情報の発信,広報課,未",
].join("\n");

let database: Database;
let orgId: string;
before(async () => {
  database = await createTestDatabase();
  orgId = (await makeOrg(database.db, "検査市")).id;
});
after(() => database.close());

async function parsedJob(title: string): Promise<string> {
  const started = await startImport({ db: database.db }, SYSTEM_ACTOR, orgId, {
    source: { kind: "csv", name: "plan.csv", bytes: new TextEncoder().encode(CSV), text: null },
    targetPlanId: null,
    fiscalYear: 2023,
    title,
    kind: null,
    savedMappingId: null,
  });
  assert.ok(started.ok, JSON.stringify(started));
  return started.jobId;
}

describe("commitImport", () => {
  it("writes a document checked when it was parsed, and records its JSON text with its SHA-256", async () => {
    const jobId = await parsedJob("検査計画");
    const job = await findImportJob(database.db, jobId);
    assert.equal((job!.parsed as GridParse).docChecked, true);
    const r = await commitImport({ db: database.db }, SYSTEM_ACTOR, jobId);
    assert.ok(r.ok && r.outcome === "created", JSON.stringify(r));
    const rows = await database.db.execute(
      sql`select document, digest, source from plan_imports where plan_id = ${r.planId}`,
    );
    const record = (rows as unknown as { rows: { document: Uint8Array; digest: string; source: unknown }[] })
      .rows[0]!;
    assert.equal(record.document[0], 0x1f, "gzip-compressed");
    const text = jsonTextOf(record.document);
    assert.equal(record.digest, createHash("sha256").update(text).digest("hex"));
    assert.equal(JSON.parse(text).title, "検査計画");
    assert.deepEqual(record.source, JSON.parse(text).source, "the source kept apart for the export");
  });

  it("checks again a document that failed when parsed, and refuses it with nothing written", async () => {
    const jobId = await parsedJob("別の計画");
    const job = await findImportJob(database.db, jobId);
    const parse = job!.parsed as GridParse;
    // a document the check refuses (an empty title) and that the parse left unmarked
    const broken: GridParse = { ...parse, doc: { ...parse.doc, title: "  " }, docChecked: false };
    assert.ok(await updateImportJob(database.db, jobId, "parsed", { parsed: broken }));
    const plansBefore = (await database.db.select().from(plans)).length;
    const importsBefore = (await database.db.select({ id: planImports.id }).from(planImports)).length;
    const r = await commitImport({ db: database.db }, SYSTEM_ACTOR, jobId);
    assert.equal(r.ok, false);
    assert.match(JSON.stringify(r), /計画名を入力してください/);
    assert.equal((await database.db.select().from(plans)).length, plansBefore);
    assert.equal((await database.db.select({ id: planImports.id }).from(planImports)).length, importsBefore);
    const after = await findImportJob(database.db, jobId);
    assert.equal(after!.state, "parsed");
    assert.equal((await database.db.select().from(plans).where(eq(plans.title, "  "))).length, 0);
  });
});
