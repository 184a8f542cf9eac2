/** The only SQL of the plans capability. Returns plan.ts types; every write takes the caller's transaction. */

import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { departmentNames, departments } from "../accounts/accounts.table.js";
import { BULK_CHUNK, bulkInsert, bulkUpdate } from "../db/bulk.js";
import type { DbOrTx } from "../db/client.js";
import { gzipJsonText } from "../db/gzip-json.js";
import { leanRows } from "../db/lean-read.js";
import type { NodeDepartment, Plan, PlanNode, PlanStatus } from "./plan.js";
import { planImports, planNodeDepartments, planNodes, plans } from "./plan.table.js";
import type { PlanDocument } from "./plan-document.js";

type PlanRow = typeof plans.$inferSelect;
type NodeRow = typeof planNodes.$inferSelect;

export type PlanValues = Omit<Plan, "id" | "version">;
export type NodeValues = Omit<PlanNode, "id" | "version" | "departments">;

function toPlan(r: PlanRow): Plan {
  return {
    id: r.id,
    orgId: r.orgId,
    title: r.title,
    kind: r.kind,
    termLabel: r.termLabel,
    subtitle: r.subtitle,
    issuedLabel: r.issuedLabel,
    issuer: r.issuer,
    firstYear: r.firstYear,
    lastYear: r.lastYear,
    status: r.status as PlanStatus,
    predecessorId: r.predecessorId,
    levelNames: r.levelNames,
    tiers: r.tiers,
    statusVocabulary: r.statusVocabulary,
    gradeVocabulary: r.gradeVocabulary,
    revisions: r.revisions,
    sections: r.sections,
    departments: r.departments,
    version: r.version,
  };
}

function toNode(r: NodeRow, depts: NodeDepartment[]): PlanNode {
  return {
    id: r.id,
    planId: r.planId,
    parentId: r.parentId,
    position: r.position,
    key: r.key,
    kind: r.kind as PlanNode["kind"],
    level: r.level,
    label: r.label,
    sortKey: r.sortKey,
    title: r.title,
    content: r.content,
    yearlyGoal: r.yearlyGoal,
    targetState: r.targetState,
    tierCode: r.tierCode,
    departments: depts,
    implementingBody: r.implementingBody,
    schedule: r.schedule,
    crossRefOf: r.crossRefOf,
    nextTerm: r.nextTerm ?? null,
    attributes: r.attributes,
    predecessorNodeId: r.predecessorNodeId,
    version: r.version,
  };
}

// --- plans ------------------------------------------------------------------------------------------------------

export async function findPlan(db: DbOrTx, planId: string): Promise<Plan | null> {
  const rows = await db
    .select()
    .from(plans)
    .where(and(eq(plans.id, planId), isNull(plans.deletedAt)))
    .limit(1);
  return rows[0] ? toPlan(rows[0]) : null;
}

/** The organisation's plans, newest period first. */
export async function listPlans(db: DbOrTx, orgId: string): Promise<Plan[]> {
  const rows = await db
    .select()
    .from(plans)
    .where(and(eq(plans.orgId, orgId), isNull(plans.deletedAt)))
    .orderBy(sql`${plans.firstYear} desc nulls last`, asc(plans.title), asc(plans.createdAt));
  return rows.map(toPlan);
}

/** A plan of the organisation with the same title, kind and term: what a re-import of a document updates. */
export async function findPlanByIdentity(
  db: DbOrTx,
  orgId: string,
  identity: { title: string; kind: string; termLabel: string | null },
): Promise<Plan | null> {
  const rows = await db
    .select()
    .from(plans)
    .where(
      and(
        eq(plans.orgId, orgId),
        eq(plans.title, identity.title),
        eq(plans.kind, identity.kind),
        identity.termLabel === null ? isNull(plans.termLabel) : eq(plans.termLabel, identity.termLabel),
        isNull(plans.deletedAt),
      ),
    )
    .orderBy(asc(plans.createdAt))
    .limit(1);
  return rows[0] ? toPlan(rows[0]) : null;
}

export async function insertPlan(tx: DbOrTx, values: PlanValues): Promise<Plan> {
  const [row] = await tx.insert(plans).values(values).returning();
  return toPlan(row!);
}

/** Updates when the stored version is `expectedVersion` (and bumps it); null when someone changed it meanwhile. */
export async function updatePlanRow(
  tx: DbOrTx,
  planId: string,
  expectedVersion: number,
  values: Partial<PlanValues>,
): Promise<Plan | null> {
  const rows = await tx
    .update(plans)
    .set({ ...values, updatedAt: new Date(), version: sql`${plans.version} + 1` })
    .where(and(eq(plans.id, planId), eq(plans.version, expectedVersion), isNull(plans.deletedAt)))
    .returning();
  return rows[0] ? toPlan(rows[0]) : null;
}

// --- nodes ------------------------------------------------------------------------------------------------------

async function departmentsOf(db: DbOrTx, nodeIds: string[]): Promise<Map<string, NodeDepartment[]>> {
  const out = new Map<string, NodeDepartment[]>();
  if (nodeIds.length === 0) return out;
  const rows = await db
    .select()
    .from(planNodeDepartments)
    .where(inArray(planNodeDepartments.nodeId, nodeIds))
    .orderBy(asc(planNodeDepartments.nodeId), asc(planNodeDepartments.position));
  for (const r of rows) {
    const list = out.get(r.nodeId) ?? [];
    list.push({ name: r.name, departmentId: r.departmentId });
    out.set(r.nodeId, list);
  }
  return out;
}

/** The responsible departments of a plan's live nodes: one parameter, not one per node (2,000 in a prefecture plan). */
async function departmentsOfPlan(db: DbOrTx, planId: string): Promise<Map<string, NodeDepartment[]>> {
  const rows = await db
    .select({
      nodeId: planNodeDepartments.nodeId,
      name: planNodeDepartments.name,
      departmentId: planNodeDepartments.departmentId,
    })
    .from(planNodeDepartments)
    .innerJoin(planNodes, eq(planNodes.id, planNodeDepartments.nodeId))
    .where(and(eq(planNodes.planId, planId), isNull(planNodes.deletedAt)))
    .orderBy(asc(planNodeDepartments.nodeId), asc(planNodeDepartments.position));
  const out = new Map<string, NodeDepartment[]>();
  for (const r of rows) {
    const list = out.get(r.nodeId) ?? [];
    list.push({ name: r.name, departmentId: r.departmentId });
    out.set(r.nodeId, list);
  }
  return out;
}

/**
 * The plan's live nodes (not deleted), parents before children is not guaranteed: use buildTree.
 * With `fields`, only those (and the id) are read, and the departments only when named: a page over a
 * prefecture's 2,000 nodes reads what it shows (all columns cost the live board about 3 times as much on PGlite).
 * @example findNodes(db, planId, ["label", "title", "departments"])
 */
export async function findNodes(db: DbOrTx, planId: string): Promise<PlanNode[]>;
export async function findNodes<K extends keyof PlanNode>(
  db: DbOrTx,
  planId: string,
  fields: readonly K[],
): Promise<Pick<PlanNode, K | "id">[]>;
export async function findNodes(
  db: DbOrTx,
  planId: string,
  fields?: readonly (keyof PlanNode)[],
): Promise<Partial<PlanNode>[]> {
  const live = and(eq(planNodes.planId, planId), isNull(planNodes.deletedAt));
  const order = [asc(planNodes.position), asc(planNodes.createdAt)];
  if (!fields) {
    const [rows, depts] = await Promise.all([
      db
        .select()
        .from(planNodes)
        .where(live)
        .orderBy(...order),
      departmentsOfPlan(db, planId),
    ]);
    return rows.map((r) => toNode(r, depts.get(r.id) ?? []));
  }
  const columns = fields.filter((k) => k !== "departments");
  const [rows, depts] = await Promise.all([
    leanRows(db, planNodes, [...(columns as (keyof typeof planNodes.$inferSelect)[]), "id"], live, order),
    fields.includes("departments") ? departmentsOfPlan(db, planId) : null,
  ]);
  return (rows as Partial<PlanNode>[]).map((r) => ({
    ...r,
    ...(columns.includes("nextTerm") ? { nextTerm: r.nextTerm ?? null } : {}),
    ...(depts ? { departments: depts.get(r.id!) ?? [] } : {}),
  }));
}

export async function findNode(db: DbOrTx, nodeId: string): Promise<PlanNode | null> {
  const rows = await db
    .select()
    .from(planNodes)
    .where(and(eq(planNodes.id, nodeId), isNull(planNodes.deletedAt)))
    .limit(1);
  if (!rows[0]) return null;
  const depts = await departmentsOf(db, [nodeId]);
  return toNode(rows[0], depts.get(nodeId) ?? []);
}

export async function insertNode(
  tx: DbOrTx,
  values: NodeValues & { id?: string },
  depts: NodeDepartment[],
): Promise<PlanNode> {
  const [row] = await tx.insert(planNodes).values(values).returning();
  await replaceNodeDepartments(tx, row!.id, depts);
  return toNode(row!, depts);
}

/**
 * Inserts many new nodes with their departments in a few statements (src/db/bulk.ts: 500 rows per statement, sent
 * as one jsonb parameter, in the given order so that parents precede children).
 */
export async function insertNodes(
  tx: DbOrTx,
  nodes: { values: NodeValues & { id: string }; depts: NodeDepartment[] }[],
): Promise<void> {
  await bulkInsert(
    tx,
    planNodes,
    nodes.map((n) => n.values),
  );
  await bulkInsert(tx, planNodeDepartments, deptRows(nodes.map((n) => [n.values.id, n.depts])));
}

function deptRows(list: readonly (readonly [string, readonly NodeDepartment[]])[]) {
  return list.flatMap(([nodeId, depts]) =>
    depts.map((d, position) => ({ nodeId, position, name: d.name, departmentId: d.departmentId })),
  );
}

/**
 * Updates many nodes, each only if still at the version it was read at (bumping it), in a few statements.
 * Returns the ids written: fewer than given means someone changed a node meanwhile.
 */
export async function updateNodeRows(
  tx: DbOrTx,
  rows: (NodeValues & { id: string; version: number })[],
): Promise<string[]> {
  const written = await bulkUpdate(tx, planNodes, rows, { versioned: true });
  return written.map((r) => r.id);
}

/** Replaces the responsible departments of many nodes at once. */
export async function replaceDepartmentsOfNodes(
  tx: DbOrTx,
  list: readonly (readonly [string, readonly NodeDepartment[]])[],
): Promise<void> {
  for (let i = 0; i < list.length; i += BULK_CHUNK) {
    const ids = list.slice(i, i + BULK_CHUNK).map(([id]) => id);
    await tx.delete(planNodeDepartments).where(inArray(planNodeDepartments.nodeId, ids));
  }
  await bulkInsert(tx, planNodeDepartments, deptRows(list));
}

/** Updates when the stored version is `expectedVersion` (and bumps it); null when someone changed it meanwhile. */
export async function updateNodeRow(
  tx: DbOrTx,
  nodeId: string,
  expectedVersion: number,
  values: Partial<NodeValues>,
): Promise<PlanNode | null> {
  const rows = await tx
    .update(planNodes)
    .set({ ...values, version: sql`${planNodes.version} + 1` })
    .where(and(eq(planNodes.id, nodeId), eq(planNodes.version, expectedVersion), isNull(planNodes.deletedAt)))
    .returning();
  if (!rows[0]) return null;
  const depts = await departmentsOf(tx, [nodeId]);
  return toNode(rows[0], depts.get(nodeId) ?? []);
}

/** Sets positions (and parents) of several nodes, bumping their versions. */
export async function setNodePlaces(
  tx: DbOrTx,
  places: { id: string; parentId: string | null; position: number; level?: number }[],
): Promise<void> {
  for (const p of places) {
    await tx
      .update(planNodes)
      .set({
        parentId: p.parentId,
        position: p.position,
        ...(p.level === undefined ? {} : { level: p.level }),
        version: sql`${planNodes.version} + 1`,
      })
      .where(eq(planNodes.id, p.id));
  }
}

export async function replaceNodeDepartments(
  tx: DbOrTx,
  nodeId: string,
  depts: NodeDepartment[],
): Promise<void> {
  await tx.delete(planNodeDepartments).where(eq(planNodeDepartments.nodeId, nodeId));
  if (depts.length === 0) return;
  await tx
    .insert(planNodeDepartments)
    .values(depts.map((d, i) => ({ nodeId, position: i, name: d.name, departmentId: d.departmentId })));
}

/** Soft delete: the rows stay (history, audit), every read skips them. */
export async function softDeleteNodes(tx: DbOrTx, nodeIds: string[]): Promise<void> {
  if (nodeIds.length === 0) return;
  await tx
    .update(planNodes)
    .set({ deletedAt: new Date(), version: sql`${planNodes.version} + 1` })
    .where(inArray(planNodes.id, nodeIds));
}

// --- departments of the organisation ------------------------------------------------------------------------------
// Read and created here until the accounts capability exports department use cases; only ids and names are used.

export type OrgDepartment = { id: string; name: string; names: string[] };

export async function findOrgDepartments(db: DbOrTx, orgId: string): Promise<OrgDepartment[]> {
  const rows = await db
    .select({ id: departments.id, name: departments.name, oldName: departmentNames.name })
    .from(departments)
    .leftJoin(departmentNames, eq(departmentNames.departmentId, departments.id))
    .where(and(eq(departments.orgId, orgId), isNull(departments.endedOn)))
    .orderBy(asc(departments.position), asc(departments.name));
  const byId = new Map<string, OrgDepartment>();
  for (const r of rows) {
    const d = byId.get(r.id) ?? { id: r.id, name: r.name, names: [r.name] };
    if (r.oldName && !d.names.includes(r.oldName)) d.names.push(r.oldName);
    byId.set(r.id, d);
  }
  return [...byId.values()];
}

export async function insertDepartment(tx: DbOrTx, orgId: string, name: string): Promise<OrgDepartment> {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: sql<number>`coalesce(max(${departments.position}), -1)::int + 1` })
    .from(departments)
    .where(eq(departments.orgId, orgId));
  const [row] = await tx.insert(departments).values({ orgId, name, position: n }).returning();
  await tx.insert(departmentNames).values({ departmentId: row!.id, name });
  return { id: row!.id, name, names: [name] };
}

// --- imports ------------------------------------------------------------------------------------------------------

export type PlanImport = typeof planImports.$inferSelect;

/** Records an imported document, given as its JSON text (compressed as it is, not serialised again). */
export async function insertPlanImport(
  tx: DbOrTx,
  values: Omit<typeof planImports.$inferInsert, "document"> & { documentJson: string },
): Promise<{ id: string }> {
  const { documentJson, ...rest } = values;
  // only the id comes back: the document is megabytes for a 10,000-item plan
  const [row] = await tx
    .insert(planImports)
    .values({ ...rest, document: sql`${gzipJsonText(documentJson)}::bytea` })
    .returning({ id: planImports.id });
  return row!;
}

/** The source (file name, notes) of the plan's latest imported document; only that part of it is read. */
export async function latestImportSource(db: DbOrTx, planId: string): Promise<PlanDocument["source"] | null> {
  const rows = await db
    .select({ source: planImports.source })
    .from(planImports)
    .where(eq(planImports.planId, planId))
    .orderBy(desc(planImports.importedAt), desc(planImports.id))
    .limit(1);
  return rows[0]?.source ?? null;
}

export type { PlanDocument };
