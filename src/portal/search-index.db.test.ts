/**
 * The public search's trigram index covers only the nodes of published plans (drizzle/0021, decision 0022): the
 * database keeps plan_nodes.searchable for every write path, so an import of an unpublished plan pays no index
 * maintenance, and what the search finds is exactly what is published.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { MIGRATIONS_FOLDER } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { cityGuidelineDocument } from "../plans/fixtures/city-guideline.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { createOrg } from "../plans/plan.factories.js";
import { planNodes } from "../plans/plan.table.js";
import type { PlanDocument } from "../plans/plan-document.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { searchPublished } from "./portal.repository.js";
import { publishPlan } from "./publish-plan.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

async function searchable(planId: string): Promise<{ yes: number; no: number }> {
  const rows = await database.db
    .select({ s: planNodes.searchable })
    .from(planNodes)
    .where(eq(planNodes.planId, planId));
  return { yes: rows.filter((r) => r.s).length, no: rows.filter((r) => !r.s).length };
}

const find = async (q: string) => (await searchPublished(database.db, [`%${q}%`], 50, 0)).map((h) => h.title);

describe("the public search index covers published plans only", () => {
  it("an imported plan is searchable once published, a node added to it at once, and none once withdrawn", async () => {
    const { orgId } = await createOrg(database.db);
    const doc: PlanDocument = structuredClone(cityGuidelineDocument);
    const imported = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, orgId, doc);
    assert.ok(imported.ok);
    const planId = imported.planId;
    const all = (await searchable(planId)).no;
    assert.ok(all > 40);
    assert.deepEqual(await searchable(planId), { yes: 0, no: all }, "not published: nothing indexed");

    const published = await publishPlan({ db: database.db }, SYSTEM_ACTOR, {
      planId,
      version: 0,
      publish: true,
    });
    assert.ok(published.ok, JSON.stringify(published));
    assert.deepEqual(await searchable(planId), { yes: all, no: 0 });
    const title = doc.nodes[0]!.children[0]!.title;
    assert.ok((await find(title.slice(0, 6))).includes(title), "the search finds a published item");

    // a re-import that adds an item to the published plan: the new node is searchable in the same transaction
    doc.nodes[0]!.children.push({
      ...doc.nodes[0]!.children[0]!,
      key: "added",
      label: "99",
      title: "新しく加えた取組の検索語ヌ",
      children: [],
    });
    const again = await importPlanDocument({ db: database.db }, SYSTEM_ACTOR, orgId, doc);
    assert.ok(again.ok && again.outcome === "updated", JSON.stringify(again));
    assert.deepEqual(await searchable(planId), { yes: all + 1, no: 0 });
    assert.deepEqual(await find("加えた取組の検索語ヌ"), ["新しく加えた取組の検索語ヌ"]);

    const withdrawn = await publishPlan({ db: database.db }, SYSTEM_ACTOR, {
      planId,
      version: published.publication.version,
      publish: false,
    });
    assert.ok(withdrawn.ok, JSON.stringify(withdrawn));
    assert.deepEqual(await searchable(planId), { yes: 0, no: all + 1 });
    assert.deepEqual(await find("加えた取組の検索語ヌ"), []);
  });

  it("the search's node query can be served by the partial trigram index", async () => {
    let text = "";
    await database.db
      .transaction(async (tx) => {
        // with a test's few rows any plan is cheap: leave the planner only the trigram index (all rolled back)
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`drop index plan_nodes_plan_key_idx`);
        await tx.execute(sql`drop index plan_nodes_plan_idx`);
        await tx.execute(sql`alter table plan_nodes drop constraint plan_nodes_pkey cascade`);
        const plan = (await tx.execute(sql`
          explain select pn.id from plan_nodes pn
          where pn.searchable and pn.deleted_at is null
            and kyodo_search_norm(coalesce(pn.label, '') || ' ' || pn.title || ' ' || coalesce(pn.content, ''))
                like kyodo_search_norm('%協働推進%')`)) as unknown as { rows: Record<string, string>[] };
        text = plan.rows.map((r) => Object.values(r)[0]).join("\n");
        tx.rollback();
      })
      .catch(() => {});
    assert.match(text, /plan_nodes_search_trgm_idx/, text);
    const kept = (await database.db.execute(
      sql`select count(*)::int as n from pg_indexes where indexname in ('plan_nodes_plan_key_idx', 'plan_nodes_pkey')`,
    )) as unknown as { rows: { n: number }[] };
    assert.equal(kept.rows[0]!.n, 2, "the experiment was rolled back");
  });

  it("the migration upgrades a database that has published plans (it runs in one transaction with its triggers)", async () => {
    const { orgId } = await createOrg(database.db);
    const imported = await importPlanDocument(
      { db: database.db },
      SYSTEM_ACTOR,
      orgId,
      cityGuidelineDocument,
    );
    assert.ok(imported.ok);
    const published = await publishPlan({ db: database.db }, SYSTEM_ACTOR, {
      planId: imported.planId,
      version: 0,
      publish: true,
    });
    assert.ok(published.ok);
    // the database as the release before left it: no partial index, nothing marked
    await database.db.execute(sql`drop index plan_nodes_search_trgm_idx`);
    await database.db.execute(sql`update plan_nodes set searchable = false`);
    const statements = readFileSync(path.join(MIGRATIONS_FOLDER, "0021_search_published_only.sql"), "utf8")
      .split("--> statement-breakpoint")
      .map((x) => x.trim())
      .filter(Boolean);
    await database.db.transaction(async (tx) => {
      for (const statement of statements) await tx.execute(sql.raw(statement));
    });
    const { no, yes } = await searchable(imported.planId);
    assert.ok(yes > 40 && no === 0, `${yes} marked, ${no} not`);
  });
});
