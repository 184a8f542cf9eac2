import { createHash, randomUUID } from "node:crypto";
import { recordAudit } from "../accounts/audit.repository.js";
import type { Tx } from "../db/client.js";
import { checkPlanIndicators, writePlanIndicators } from "../indicators/plan-indicators.js";
import { checkDocumentRounds, writePlanRounds } from "../progress/index.js";
import { exportPlanDocument } from "./export-plan-document.js";
import { documentNodePaths, numberKey, pairNodes, storedNodePaths } from "./node-matching.js";
import { flattenNodeDefs, type NodeDepartment, type Plan } from "./plan.js";
import {
  findNodes,
  findOrgDepartments,
  findPlanByIdentity,
  insertNodes,
  insertPlan,
  insertPlanImport,
  replaceDepartmentsOfNodes,
  softDeleteNodes,
  updateNodeRows,
  updatePlanRow,
} from "./plan.repository.js";
import type { NodeDef, PlanDocument } from "./plan-document.js";
import { checkPlanDocument } from "./plan-document.schema.js";
import { resolveDepartments } from "./plan-node-support.js";
import { sortKeyFor } from "./plan-numbering.js";
import {
  Abort,
  type Actor,
  allowed,
  auditActor,
  canonicalJson,
  conflict,
  type Failure,
  forbidden,
  invalid,
  isSystem,
  transact,
  type UseCaseDeps,
} from "./plan-use-case.js";

export type ImportCounts = {
  nodesCreated: number;
  nodesUpdated: number;
  nodesDeleted: number;
  /** printed department names for which a department was created */
  departmentsCreated: string[];
};

export type ImportOutcome = {
  ok: true;
  planId: string;
  /** created: a new plan; updated: the plan with the same title, kind and term was brought in line; unchanged: nothing written */
  outcome: "created" | "updated" | "unchanged";
  counts: ImportCounts;
};

/**
 * Writes a whole PlanDocument: the plan with its vocabularies, revisions and chapters, its departments (matched to
 * the organisation's by name, else created), its tree with 再掲 links and next-term proposals, and the document
 * indicators and budgets (into the indicators capability's tables), progress rounds (into the progress tables),
 * and the document itself (kept whole in plan_imports as the record of what was imported). All or nothing.
 *
 * Re-importing updates the organisation's plan with the same title, kind and term: nodes are matched by their
 * key, else by their path of number labels; importing the same document again writes nothing ("unchanged").
 * Every problem of the document comes back located by path (`nodes[0].children[2].tierCode`), nothing written.
 */
export async function importPlanDocument(
  deps: UseCaseDeps,
  actor: Actor,
  orgId: string,
  doc: PlanDocument | unknown,
  opts: {
    /** the plan's current export, when the caller (an import's commit) has just read it in this transaction */
    known?: { planId: string; current: PlanDocument };
    /**
     * the document passed checkPlanDocument already, as it is (an import job's document, checked when it was
     * parsed, in the parse's worker thread): it is not checked again
     */
    checked?: boolean;
  } = {},
): Promise<ImportOutcome | Failure> {
  if (!allowed(actor, "import.run", { orgId })) return forbidden();
  const { known } = opts;
  // the plan exactly as stored (the same file imported again): nothing to check, nothing to write. Both texts are
  // kept for the comparison below (a 10,000-item plan's takes ~60 ms to make).
  const knownJson = known ? canonicalJson(known.current) : null;
  const docJson = known ? canonicalJson(doc) : null;
  if (known && knownJson === docJson)
    return { ok: true, planId: known.planId, outcome: "unchanged", counts: noCounts() };
  let document: PlanDocument;
  if (opts.checked) {
    document = doc as PlanDocument;
  } else {
    const checked = checkPlanDocument(doc);
    if (!checked.ok)
      return invalid(Object.fromEntries(checked.problems.map((p) => [p.path || "_", p.message])));
    document = checked.document;
  }
  const indicatorProblems = checkPlanIndicators(document);
  if (indicatorProblems.length > 0)
    return invalid(Object.fromEntries(indicatorProblems.map((p) => [p.path, p.message])));
  const roundProblems = checkDocumentRounds(document);
  if (roundProblems.length > 0)
    return invalid(Object.fromEntries(roundProblems.map((p) => [p.path, p.message])));
  return transact(deps.db, async (tx) => {
    const existing = await findPlanByIdentity(tx, orgId, document);
    if (existing) {
      const currentJson = known?.planId === existing.id ? knownJson : await exportedJson(tx, existing.id);
      const documentJson = document === doc && docJson !== null ? docJson : canonicalJson(document);
      if (currentJson !== null && currentJson === documentJson) {
        return { ok: true as const, planId: existing.id, outcome: "unchanged" as const, counts: noCounts() };
      }
    }
    const written = await writePlanDocument(tx, actor, orgId, document, { existing });
    return {
      ok: true as const,
      planId: written.plan.id,
      outcome: existing ? "updated" : "created",
      counts: written.counts,
    };
  });
}

/** The canonical JSON of a stored plan's export, or null when there is none. */
async function exportedJson(tx: Tx, planId: string): Promise<string | null> {
  const current = await exportPlanDocument(tx, planId);
  return current ? canonicalJson(current) : null;
}

function noCounts(): ImportCounts {
  return { nodesCreated: 0, nodesUpdated: 0, nodesDeleted: 0, departmentsCreated: [] };
}

/**
 * The writing part of an import, inside the caller's transaction (createNextTermPlan uses it too).
 * `predecessorNodeIds` links each node, by key, to the item of the previous term it continues.
 */
export async function writePlanDocument(
  tx: Tx,
  actor: Actor,
  orgId: string,
  document: PlanDocument,
  opts: {
    existing: Plan | null;
    predecessorId?: string | null;
    predecessorNodeIds?: ReadonlyMap<string, string>;
    status?: Plan["status"];
  },
): Promise<{ plan: Plan; counts: ImportCounts }> {
  const counts = noCounts();
  const fields = {
    title: document.title,
    kind: document.kind,
    termLabel: document.termLabel,
    subtitle: document.subtitle,
    issuedLabel: document.issuedLabel,
    issuer: document.issuer ?? null,
    firstYear: document.firstYear,
    lastYear: document.lastYear,
    levelNames: document.levelNames,
    tiers: document.tiers,
    statusVocabulary: document.statusVocabulary,
    gradeVocabulary: document.gradeVocabulary,
    revisions: document.revisions,
    sections: document.sections,
    departments: document.departments,
  };
  let plan: Plan;
  if (opts.existing) {
    plan = (await updatePlanRow(tx, opts.existing.id, opts.existing.version, fields)) ?? opts.existing;
  } else {
    plan = await insertPlan(tx, {
      ...fields,
      orgId,
      status: opts.status ?? "active",
      predecessorId: opts.predecessorId ?? null,
    });
  }

  // nodes first, in a function of their own: their rows and maps are garbage before the document's text is made
  const { idByKey, departmentIdByName } = await writeNodes(tx, orgId, plan.id, document, opts, counts);

  await writePlanIndicators(tx, { orgId, planId: plan.id, nodeIdByKey: idByKey, document });
  const rounds = await writePlanRounds(tx, {
    plan,
    nodeIdByKey: idByKey,
    departmentIdByName,
    rounds: document.rounds,
    actor: { id: isSystem(actor) ? null : actor.id, displayName: actor.displayName },
  });

  // the record of what was imported: the document's JSON text as stored, and its SHA-256
  const json = JSON.stringify(document);
  const digest = createHash("sha256").update(json).digest("hex");
  await insertPlanImport(tx, {
    planId: plan.id,
    orgId,
    sourceName: document.source.name,
    digest,
    documentJson: json,
    source: document.source,
    notes: document.source.notes,
    actorId: isSystem(actor) ? null : actor.id,
    importedAt: new Date(),
  });
  await recordAudit(tx, {
    orgId,
    actor: auditActor(actor),
    action: opts.existing ? "plan.reimport" : "plan.import",
    entityType: "plan",
    entityId: plan.id,
    before: opts.existing ?? undefined,
    after: { plan, counts, rounds, source: document.source, digest },
  });
  return { plan, counts };
}

/**
 * The plan's departments (every printed name once, matched or created) and its tree: nodes matched by key, else by
 * path of labels, updated, removed and created in bulk. Returns the id of every node by key and of every
 * department by name, for the indicators and rounds written after them.
 */
async function writeNodes(
  tx: Tx,
  orgId: string,
  planId: string,
  document: PlanDocument,
  opts: { existing: Plan | null; predecessorNodeIds?: ReadonlyMap<string, string> },
  counts: ImportCounts,
): Promise<{ idByKey: Map<string, string>; departmentIdByName: Map<string, string | null> }> {
  // departments: every printed name once, matched or created
  const known = await findOrgDepartments(tx, orgId);
  const defs = flattenNodeDefs(document.nodes);
  const names = [...new Set([...document.departments, ...defs.flatMap((d) => d.departments)])];
  const resolved = await resolveDepartments(tx, orgId, names, { create: true, known });
  counts.departmentsCreated = resolved.created;
  const deptByName = new Map(names.map((n, i) => [n, resolved.departments[i]!]));

  // nodes: match by key, else by path of labels; new ones get their id now so that 再掲 links resolve in one pass
  const existingNodes = opts.existing ? await findNodes(tx, planId) : [];
  const byKey = new Map(existingNodes.map((n) => [n.key, n]));
  const storedPaths = storedNodePaths(existingNodes);
  // a new plan has nothing to pair with (10,000 rows: ~0.1 s of paths and number keys saved)
  const defPaths = existingNodes.length === 0 ? new Map<string, string>() : documentNodePaths(document.nodes);
  const defByKey = new Map(defs.map((d) => [d.key, d]));
  const matched = pairNodes(
    defs.map((d) => d.key),
    existingNodes,
    (k) => byKey.get(k),
    (k) => defPaths.get(k),
    (n) => storedPaths.get(n.id)!,
    { def: (k) => numberKey(defByKey.get(k)!), stored: numberKey },
  );
  const idByKey = new Map(defs.map((d) => [d.key, matched.get(d.key)?.id ?? randomUUID()]));
  const positions = positionsOf(document.nodes);
  // unmatched nodes go first, so that their keys are free for the document's nodes
  const kept = new Set([...matched.values()].map((n) => n.id));
  const gone = existingNodes.filter((n) => !kept.has(n.id)).map((n) => n.id);
  await softDeleteNodes(tx, gone);
  counts.nodesDeleted = gone.length;
  const fresh: Parameters<typeof insertNodes>[1] = [];
  const changed: Parameters<typeof updateNodeRows>[1] = [];
  const deptChanges: [string, NodeDepartment[]][] = [];
  for (const d of defs) {
    const values = {
      planId,
      parentId: d.parentKey ? idByKey.get(d.parentKey)! : null,
      position: positions.get(d.key)!,
      key: d.key,
      kind: d.kind,
      level: d.level,
      label: d.label,
      sortKey: sortKeyFor(d.label),
      title: d.title,
      content: d.content,
      yearlyGoal: d.yearlyGoal,
      targetState: d.targetState,
      tierCode: d.tierCode,
      implementingBody: d.implementingBody,
      schedule: d.schedule,
      crossRefOf: d.crossRefOf ? idByKey.get(d.crossRefOf)! : null,
      nextTerm: d.nextTerm,
      attributes: d.attributes,
      predecessorNodeId: opts.predecessorNodeIds?.get(d.key) ?? null,
    };
    const depts: NodeDepartment[] = d.departments.map((n) => deptByName.get(n)!);
    const old = matched.get(d.key);
    if (!old) {
      fresh.push({ values: { ...values, id: idByKey.get(d.key)! }, depts });
      counts.nodesCreated++;
      continue;
    }
    const { id: _i, version: _v, departments: oldDepts, ...oldValues } = old;
    const keep = {
      ...values,
      predecessorNodeId: opts.predecessorNodeIds ? values.predecessorNodeId : old.predecessorNodeId,
    };
    const valuesChanged = canonicalJson(oldValues) !== canonicalJson(keep);
    if (valuesChanged) changed.push({ ...keep, id: old.id, version: old.version });
    if (canonicalJson(oldDepts) !== canonicalJson(depts)) deptChanges.push([old.id, depts]);
    if (valuesChanged || canonicalJson(oldDepts) !== canonicalJson(depts)) counts.nodesUpdated++;
  }

  // in bulk: a few statements for thousands of nodes (src/db/bulk.ts); a node changed meanwhile fails the import
  const written = await updateNodeRows(tx, changed);
  if (written.length !== changed.length) throw new Abort(conflict([]));
  await replaceDepartmentsOfNodes(tx, deptChanges);
  await insertNodes(tx, fresh);
  return {
    idByKey,
    departmentIdByName: new Map([...deptByName].map(([name, d]) => [name, d.departmentId])),
  };
}

function positionsOf(nodes: readonly NodeDef[]): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (list: readonly NodeDef[]) =>
    list.forEach((n, i) => {
      out.set(n.key, i);
      walk(n.children);
    });
  walk(nodes);
  return out;
}
