/** Steps the node use cases share: loading the plan for an edit, departments by printed name, sibling order. */
import type { DbOrTx } from "../db/client.js";
import { isAllDivisions, matchDepartment, type NodeDepartment, type Plan, type PlanNode } from "./plan.js";
import {
  findOrgDepartments,
  findPlan,
  insertDepartment,
  type OrgDepartment,
  setNodePlaces,
} from "./plan.repository.js";
import { type Actor, allowed, type Failure, forbidden, notFound } from "./plan-use-case.js";

/** The plan, when it exists and the actor may edit its tree. */
export async function planForNodeEdit(db: DbOrTx, actor: Actor, planId: string): Promise<Plan | Failure> {
  const plan = await findPlan(db, planId);
  if (!plan) return notFound();
  if (!allowed(actor, "node.edit", { orgId: plan.orgId })) return forbidden();
  return plan;
}

export function isFailure(x: unknown): x is Failure {
  return typeof x === "object" && x !== null && (x as Failure).ok === false;
}

/**
 * Printed names → node departments: linked to the organisation's department where the name matches; when
 * `create` is set (imports), a department is created for a name that matches none. 全課 is never linked.
 */
export async function resolveDepartments(
  tx: DbOrTx,
  orgId: string,
  names: readonly string[],
  opts: { create: boolean; known?: OrgDepartment[] },
): Promise<{ departments: NodeDepartment[]; created: string[] }> {
  const known = opts.known ?? (await findOrgDepartments(tx, orgId));
  const created: string[] = [];
  const out: NodeDepartment[] = [];
  for (const name of names) {
    if (isAllDivisions(name)) {
      out.push({ name, departmentId: null });
      continue;
    }
    let hit = matchDepartment(name, known);
    if (!hit && opts.create) {
      hit = await insertDepartment(tx, orgId, name);
      known.push(hit);
      created.push(name);
    }
    out.push({ name, departmentId: hit?.id ?? null });
  }
  return { departments: out, created };
}

/** Siblings under `parentId` in their order. */
export function siblingsOf(
  nodes: readonly PlanNode[],
  parentId: string | null,
  exceptId?: string,
): PlanNode[] {
  return nodes
    .filter((n) => n.parentId === parentId && n.id !== exceptId)
    .sort((a, b) => a.position - b.position);
}

/** Writes positions 0..n-1 for the siblings in the given order, only where they changed. */
export async function writeOrder(
  tx: DbOrTx,
  ordered: readonly PlanNode[],
  parentId: string | null,
): Promise<void> {
  await setNodePlaces(
    tx,
    ordered
      .map((n, i) => ({ n, i }))
      .filter(({ n, i }) => n.position !== i || n.parentId !== parentId)
      .map(({ n, i }) => ({ id: n.id, parentId, position: i })),
  );
}

/** A node as the audit log keeps it (no internal ordering noise). */
export function nodeSnapshot(n: PlanNode) {
  const { version: _v, ...rest } = n;
  return rest;
}
