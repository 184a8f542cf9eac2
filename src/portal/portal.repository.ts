/**
 * The only SQL of the portal: a read model over published plans (docs/decisions/0011-portal-publication.md).
 * Every query starts from a published plan (plan_publications.published_at set, plan not deleted) and reads
 * progress only from rounds in state `published` and entries in state `approved`; comments, entry history,
 * drafts and next-term proposals are never selected. The one write is the publication row.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import type { PublicIndicator, PublicItem, PublicNode, PublicPlan, PublicProgress } from "./portal.js";
import { type Licence, licenceOf } from "./portal.js";
import { planPublications } from "./portal.table.js";

type Row = Record<string, unknown>;

async function rows(db: DbOrTx, query: ReturnType<typeof sql>): Promise<Row[]> {
  const res = (await db.execute(query)) as unknown as { rows: Row[] };
  return res.rows;
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

// --- plans ------------------------------------------------------------------------------------------------------

const PLAN_COLUMNS = sql`
  pl.id, pl.title, pl.kind, pl.term_label, pl.subtitle, pl.issuer, pl.first_year, pl.last_year, pl.status,
  pl.level_names, pl.tiers, pl.status_vocabulary, pub.published_at,
  pub.licence_code, pub.licence_name, pub.licence_url,
  greatest(pub.published_at, pl.updated_at) as modified_at,
  o.id as org_id, o.code as org_code, o.name as org_name, o.year_style as org_year_style`;

const PUBLISHED_PLANS = sql`
  plans pl
  join plan_publications pub on pub.plan_id = pl.id and pub.published_at is not null
  join organisations o on o.id = pl.org_id`;

function toPlan(r: Row): PublicPlan {
  return {
    id: String(r.id),
    title: String(r.title),
    kind: String(r.kind),
    termLabel: str(r.term_label),
    subtitle: str(r.subtitle),
    issuer: str(r.issuer),
    firstYear: num(r.first_year),
    lastYear: num(r.last_year),
    status: String(r.status),
    levelNames: (r.level_names as string[]) ?? [],
    tiers: (r.tiers as PublicPlan["tiers"]) ?? [],
    statusVocabulary: (r.status_vocabulary as PublicPlan["statusVocabulary"]) ?? [],
    publishedAt: date(r.published_at),
    licence: licenceOf(str(r.licence_code), str(r.licence_name), str(r.licence_url)),
    modifiedAt: date(r.modified_at),
    org: {
      id: String(r.org_id),
      code: String(r.org_code),
      name: String(r.org_name),
      yearStyle: String(r.org_year_style),
    },
  };
}

/** Every published plan, by organisation code, newest period first. */
export async function listPublishedPlans(db: DbOrTx): Promise<PublicPlan[]> {
  const found = await rows(
    db,
    sql`select ${PLAN_COLUMNS} from ${PUBLISHED_PLANS} where pl.deleted_at is null
        order by o.code, pl.first_year desc nulls last, pl.title`,
  );
  return found.map(toPlan);
}

export async function findPublishedPlan(db: DbOrTx, planId: string): Promise<PublicPlan | null> {
  const found = await rows(
    db,
    sql`select ${PLAN_COLUMNS} from ${PUBLISHED_PLANS} where pl.id = ${planId} and pl.deleted_at is null limit 1`,
  );
  return found[0] ? toPlan(found[0]) : null;
}

// --- nodes, progress, indicators of a plan ---------------------------------------------------------------------

function toNode(r: Row): PublicNode {
  return {
    id: String(r.id),
    key: String(r.key),
    parentId: str(r.parent_id),
    position: Number(r.position),
    kind: r.kind === "category" ? "category" : "item",
    level: Number(r.level),
    label: str(r.label),
    title: String(r.title),
    tierCode: str(r.tier_code),
    crossRefOf: str(r.cross_ref_of),
  };
}

/** The plan's tree nodes (not deleted), in position order. */
export async function findPublicNodes(db: DbOrTx, planId: string): Promise<PublicNode[]> {
  const found = await rows(
    db,
    sql`select id, key, parent_id, position, kind, level, label, title, tier_code, cross_ref_of
        from plan_nodes where plan_id = ${planId} and deleted_at is null
        order by position, created_at`,
  );
  return found.map(toNode);
}

/** The responsible departments of the plan's items (node id → names in order), for the open data. */
export async function findPublicNodeDepartments(db: DbOrTx, planId: string): Promise<Map<string, string[]>> {
  const found = await rows(
    db,
    sql`select d.node_id, d.name from plan_node_departments d join plan_nodes n on n.id = d.node_id
        where n.plan_id = ${planId} and n.deleted_at is null order by d.node_id, d.position`,
  );
  const out = new Map<string, string[]>();
  for (const r of found) {
    const id = String(r.node_id);
    out.set(id, [...(out.get(id) ?? []), String(r.name)]);
  }
  return out;
}

const PROGRESS_COLUMNS = sql`
  en.id as entry_id, en.round_id, en.node_id, r.fiscal_year, r.as_of_label, r.as_of_date, en.department_name,
  en.status_label, en.grade, en.result, en.do_text, en.check_text, en.issues_text, en.act_text, en.updated_at`;

function toProgress(r: Row): PublicProgress {
  return {
    entryId: String(r.entry_id),
    roundId: String(r.round_id),
    nodeId: String(r.node_id),
    fiscalYear: Number(r.fiscal_year),
    asOfLabel: str(r.as_of_label),
    asOfDate: str(r.as_of_date),
    departmentName: str(r.department_name),
    statusLabel: str(r.status_label),
    grade: str(r.grade),
    result: str(r.result),
    doText: str(r.do_text),
    checkText: str(r.check_text),
    issuesText: str(r.issues_text),
    actText: str(r.act_text),
    updatedAt: date(r.updated_at),
  };
}

/** Approved entries of the plan's published rounds (of one item when `nodeId` is given), oldest year first. */
export async function findPublicProgress(
  db: DbOrTx,
  planId: string,
  nodeId?: string,
): Promise<PublicProgress[]> {
  const found = await rows(
    db,
    sql`select ${PROGRESS_COLUMNS}
        from progress_entries en join progress_rounds r on r.id = en.round_id
        where r.plan_id = ${planId} and r.state = 'published' and en.state = 'approved'
          ${nodeId ? sql`and en.node_id = ${nodeId}` : sql``}
        order by r.fiscal_year, r.position, en.position`,
  );
  return found.map(toProgress);
}

/** The newest published progress of the plan (for its feed), newest first. */
export async function findRecentPublicProgress(
  db: DbOrTx,
  planId: string,
  limit: number,
): Promise<PublicProgress[]> {
  const found = await rows(
    db,
    sql`select ${PROGRESS_COLUMNS}
        from progress_entries en join progress_rounds r on r.id = en.round_id
        where r.plan_id = ${planId} and r.state = 'published' and en.state = 'approved'
        order by en.updated_at desc, r.fiscal_year desc, en.position
        limit ${limit}`,
  );
  return found.map(toProgress);
}

function toIndicator(r: Row): PublicIndicator {
  const values = (r.values as { fiscalYear: number; target: unknown; actual: unknown }[]) ?? [];
  return {
    id: String(r.id),
    nodeId: str(r.node_id),
    role: r.role as PublicIndicator["role"],
    name: String(r.name),
    unit: str(r.unit),
    definition: str(r.definition),
    direction: (str(r.direction) as PublicIndicator["direction"]) ?? null,
    baselineYear: num(r.baseline_year),
    sourceNote: str(r.source_note),
    values: values.map((v) => ({
      fiscalYear: Number(v.fiscalYear),
      target: num(v.target),
      actual: num(v.actual),
    })),
  };
}

const INDICATOR_SELECT = sql`
  select i.id, i.node_id, i.position, i.role, i.name, i.unit, i.definition, i.direction, i.baseline_year, i.source_note,
    (select coalesce(json_agg(json_build_object('fiscalYear', v.fiscal_year, 'target', v.target, 'actual', v.actual)
       order by v.fiscal_year), '[]'::json) from indicator_values v where v.indicator_id = i.id) as values
  from indicators i`;

/** The plan's indicators with their values (of one item when `nodeId` is given), in position order. */
export async function findPublicIndicators(
  db: DbOrTx,
  planId: string,
  nodeId?: string,
): Promise<PublicIndicator[]> {
  const found = await rows(
    db,
    sql`${INDICATOR_SELECT} where i.plan_id = ${planId} ${nodeId ? sql`and i.node_id = ${nodeId}` : sql``}
        order by i.position, i.created_at`,
  );
  return found.map(toIndicator);
}

/**
 * Everything an item page shows: the published plan with the node and its departments (one indexed join), then
 * its ancestors, published progress and indicators (three indexed queries, run together). Null when the plan is
 * not published or the node is not (or no longer) in it. Small separate statements: one statement joining all of
 * it took PGlite ~50 ms to plan for ~3 ms of execution.
 */
export async function findPublicItem(db: DbOrTx, planId: string, nodeId: string): Promise<PublicItem | null> {
  const [head, ancestors, progress, indicators] = await Promise.all([
    rows(
      db,
      sql`select ${PLAN_COLUMNS}, row_to_json(x) as node from ${PUBLISHED_PLANS}
          cross join lateral (
            select n.id, n.key, n.parent_id, n.position, n.kind, n.level, n.label, n.title, n.tier_code,
              n.cross_ref_of, n.content, n.yearly_goal, n.target_state, n.implementing_body,
              (select coalesce(json_agg(d.name order by d.position), '[]'::json)
                 from plan_node_departments d where d.node_id = n.id) as departments
            from plan_nodes n where n.id = ${nodeId} and n.plan_id = pl.id and n.deleted_at is null) x
          where pl.id = ${planId} and pl.deleted_at is null`,
    ),
    rows(
      db,
      sql`with recursive anc as (
            select pn.id, pn.parent_id, pn.label, pn.title, pn.kind, 0 as depth from plan_nodes pn
              where pn.id = ${nodeId} and pn.plan_id = ${planId}
            union all
            select pn.id, pn.parent_id, pn.label, pn.title, pn.kind, anc.depth + 1 from plan_nodes pn
              join anc on pn.id = anc.parent_id where anc.depth < 20)
          select id, label, title, kind from anc where depth > 0 order by depth desc`,
    ),
    findPublicProgress(db, planId, nodeId),
    findPublicIndicators(db, planId, nodeId),
  ]);
  const r = head[0];
  if (!r?.node) return null;
  const nodeRow = r.node as Row;
  return {
    plan: toPlan(r),
    node: {
      ...toNode(nodeRow),
      content: str(nodeRow.content),
      yearlyGoal: str(nodeRow.yearly_goal),
      targetState: str(nodeRow.target_state),
      implementingBody: str(nodeRow.implementing_body),
      departments: (nodeRow.departments as string[]) ?? [],
    },
    ancestors: ancestors.map((a) => ({
      id: String(a.id),
      label: str(a.label),
      title: String(a.title),
      kind: a.kind === "category" ? "category" : "item",
    })),
    progress,
    indicators,
  };
}

// --- search -----------------------------------------------------------------------------------------------------

export type SearchHit = {
  planId: string;
  planTitle: string;
  orgName: string;
  nodeId: string | null;
  label: string | null;
  title: string;
  kind: "plan" | "item" | "category";
};

/**
 * Published plans and their nodes whose text contains every term, compared after kyodo_search_norm (NFKC, lower
 * case, hiragana → katakana; drizzle/0009) on both sides; pg_trgm GIN indexes serve the LIKE (the nodes' index is
 * partial: only nodes of published plans are `searchable`, drizzle/0021). Returns one more
 * than `limit` so the caller knows whether a next page exists.
 */
export async function searchPublished(
  db: DbOrTx,
  patterns: string[],
  limit: number,
  offset: number,
): Promise<SearchHit[]> {
  if (patterns.length === 0) return [];
  const nodeText = sql`kyodo_search_norm(coalesce(pn.label, '') || ' ' || pn.title || ' ' || coalesce(pn.content, ''))`;
  const planText = sql`kyodo_search_norm(pl.title || ' ' || coalesce(pl.subtitle, ''))`;
  const all = (text: ReturnType<typeof sql>) =>
    sql.join(
      patterns.map((p) => sql`${text} like kyodo_search_norm(${p}) escape '\\'`),
      sql` and `,
    );
  const found = await rows(
    db,
    sql`select * from (
        select pl.id as plan_id, pl.title as plan_title, o.name as org_name, null::uuid as node_id, null as label,
               pl.title, 'plan' as kind, o.code as org_code, -1 as position
          from ${PUBLISHED_PLANS} where pl.deleted_at is null and ${all(planText)}
        union all
        select pl.id, pl.title, o.name, pn.id, pn.label, pn.title, pn.kind, o.code, pn.position
          from ${PUBLISHED_PLANS} join plan_nodes pn on pn.plan_id = pl.id and pn.deleted_at is null and pn.searchable
          where pl.deleted_at is null and ${all(nodeText)}
      ) hits order by org_code, plan_title, plan_id, position, title
      limit ${limit + 1} offset ${offset}`,
  );
  return found.map((r) => ({
    planId: String(r.plan_id),
    planTitle: String(r.plan_title),
    orgName: String(r.org_name),
    nodeId: str(r.node_id),
    label: str(r.label),
    title: String(r.title),
    kind: r.kind as SearchHit["kind"],
  }));
}

// --- publication ------------------------------------------------------------------------------------------------

export type Publication = {
  planId: string;
  publishedAt: Date | null;
  licence: Licence;
  changedAt: Date;
  changedByName: string;
  version: number;
};

export async function findPublication(db: DbOrTx, planId: string): Promise<Publication | null> {
  const [r] = await db.select().from(planPublications).where(eq(planPublications.planId, planId)).limit(1);
  return r
    ? {
        planId: r.planId,
        publishedAt: r.publishedAt,
        licence: licenceOf(r.licenceCode, r.licenceName, r.licenceUrl),
        changedAt: r.changedAt,
        changedByName: r.changedByName,
        version: r.version,
      }
    : null;
}

/**
 * Sets the publication state when the stored version is `expectedVersion` (0 = no row yet); null when someone
 * changed it meanwhile.
 */
export async function writePublication(
  tx: DbOrTx,
  planId: string,
  expectedVersion: number,
  values: {
    publishedAt: Date | null;
    changedBy: string | null;
    changedByName: string;
    licenceCode: string;
    licenceName: string | null;
    licenceUrl: string | null;
  },
): Promise<Publication | null> {
  const now = new Date();
  if (expectedVersion === 0) {
    const inserted = await tx
      .insert(planPublications)
      .values({ planId, ...values, changedAt: now })
      .onConflictDoNothing()
      .returning();
    return inserted[0] ? toPublication(inserted[0]) : null;
  }
  const updated = await tx
    .update(planPublications)
    .set({ ...values, changedAt: now, version: sql`${planPublications.version} + 1` })
    .where(and(eq(planPublications.planId, planId), eq(planPublications.version, expectedVersion)))
    .returning();
  return updated[0] ? toPublication(updated[0]) : null;
}

function toPublication(r: typeof planPublications.$inferSelect): Publication {
  return {
    planId: r.planId,
    publishedAt: r.publishedAt,
    licence: licenceOf(r.licenceCode, r.licenceName, r.licenceUrl),
    changedAt: r.changedAt,
    changedByName: r.changedByName,
    version: r.version,
  };
}

/** A public event of a published plan: the plan published, or a round's progress published (while it stays so). */
export type PublicationEvent = { id: string; kind: "plan" | "round"; at: Date; fiscalYear: number | null };

/**
 * When the plan was published and when each of its still-published rounds was, from the audit trail (only the
 * action and its time are read, nothing of who did it), newest first.
 */
export async function findPublicationEvents(
  db: DbOrTx,
  planId: string,
  limit: number,
): Promise<PublicationEvent[]> {
  const found = await rows(
    db,
    sql`select a.id, 'plan' as kind, a.at, null::int as fiscal_year
        from audit_events a
        where a.entity_type = 'plan' and a.entity_id = ${planId}::text and a.action = 'plan.publish'
        union all
        select a.id, 'round' as kind, a.at, r.fiscal_year
        from progress_rounds r
        join audit_events a on a.entity_type = 'progress_round' and a.entity_id = r.id::text
          and a.action = 'round.publish'
        where r.plan_id = ${planId} and r.state = 'published'
        order by at desc
        limit ${limit}`,
  );
  return found.map((r) => ({
    id: String(r.id),
    kind: r.kind === "round" ? "round" : "plan",
    at: date(r.at),
    fiscalYear: num(r.fiscal_year),
  }));
}
