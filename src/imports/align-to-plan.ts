/**
 * A table's document aligned to the stored plan it updates. A table's node keys are only its row numbers
 * (`r12`), which say nothing about which stored item a row is: a row added above would shift them onto other
 * items. So before the preview compares and before a commit writes, each row is paired with the stored node it
 * names — by its ID cell first (the node's UUID the reports write, or the item key the templates write), else by
 * its path of number labels, else by a number label only one node has (plans/node-matching.ts) — and takes that
 * node's key; rows that pair with nothing get keys no stored node has.
 * The writer then matches by key exactly what the preview showed. Pure.
 */
import { documentNodePaths, numberKey, pairNodes, storedNodePaths } from "../plans/node-matching.js";
import { flattenNodeDefs } from "../plans/plan.js";
import type { NodeDef, PlanDocument } from "../plans/plan-document.js";
import type { PreviewRow } from "./grid-to-plan.js";

export type StoredNodeRef = {
  id: string;
  key: string;
  parentId: string | null;
  kind: string;
  label: string | null;
  title: string;
  crossRefOf: string | null;
};

export function alignToPlan(
  doc: PlanDocument,
  preview: readonly PreviewRow[],
  stored: readonly StoredNodeRef[],
): PlanDocument {
  const idCell = new Map<string, string>();
  for (const r of preview) if (r.nodeKey && r.id) idCell.set(r.nodeKey, r.id.trim());
  const byId = new Map(stored.map((s) => [s.id, s]));
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const storedPaths = storedNodePaths(stored);
  const docPaths = documentNodePaths(doc.nodes);
  const flat = flattenNodeDefs(doc.nodes);
  const docKeys = flat.map((n) => n.key);
  const defByKey = new Map(flat.map((n) => [n.key, n]));
  const paired = pairNodes(
    docKeys,
    stored,
    (k) => {
      const id = idCell.get(k);
      return id ? (byId.get(id) ?? byKey.get(id)) : undefined;
    },
    (k) => docPaths.get(k),
    (s) => storedPaths.get(s.id)!,
    { def: (k) => numberKey(defByKey.get(k)!), stored: numberKey },
  );

  const taken = new Set(stored.map((s) => s.key));
  for (const k of docKeys) if (!paired.has(k)) taken.add(k);
  const rename = new Map<string, string>();
  for (const k of docKeys) {
    const hit = paired.get(k);
    if (hit) {
      rename.set(k, hit.key);
      continue;
    }
    if (!byKey.has(k)) {
      rename.set(k, k);
      continue;
    }
    // a new row whose row key a stored node already has
    let n = 2;
    while (taken.has(`${k}-${n}`)) n++;
    rename.set(k, `${k}-${n}`);
    taken.add(`${k}-${n}`);
  }
  const to = (k: string) => rename.get(k) ?? k;
  const relabel = (nodes: readonly NodeDef[]): NodeDef[] =>
    nodes.map((n) => ({
      ...n,
      key: to(n.key),
      crossRefOf: n.crossRefOf === null ? null : to(n.crossRefOf),
      children: relabel(n.children),
    }));
  return {
    ...doc,
    nodes: relabel(doc.nodes),
    rounds: doc.rounds.map((r) => ({
      ...r,
      entries: r.entries.map((e) => ({ ...e, nodeKey: to(e.nodeKey) })),
    })),
    indicators: doc.indicators.map((i) => ({ ...i, nodeKey: i.nodeKey === null ? null : to(i.nodeKey) })),
    budgets: doc.budgets.map((b) => ({ ...b, nodeKey: b.nodeKey === null ? null : to(b.nodeKey) })),
  };
}
