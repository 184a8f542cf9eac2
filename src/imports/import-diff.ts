/**
 * What a commit would do to the plan it updates, node by node: new, changed or the same, and which stored nodes
 * would go. Matching follows importPlanDocument (by key, else by the path of number labels / titles), and a
 * node also counts as changed when its progress entry of the same fiscal year differs.
 */

import { documentNodePaths, numberKey, pairNodes } from "../plans/node-matching.js";
import type { EntryDef, NodeDef, PlanDocument } from "../plans/plan-document.js";
import { canonicalJson } from "../plans/plan-use-case.js";

export type NodeChange = "new" | "changed" | "same";

export type ImportDiff = {
  byKey: Record<string, NodeChange>;
  removed: { label: string | null; title: string }[];
  tally: { new: number; changed: number; same: number; removed: number };
};

type Flat = { node: NodeDef; path: string };

function flatten(nodes: readonly NodeDef[]): Flat[] {
  const paths = documentNodePaths(nodes);
  const out: Flat[] = [];
  const walk = (list: readonly NodeDef[]) => {
    for (const n of list) {
      out.push({ node: n, path: paths.get(n.key)! });
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

function entriesOf(doc: PlanDocument): Map<string, EntryDef> {
  const out = new Map<string, EntryDef>();
  for (const round of doc.rounds)
    for (const e of round.entries) out.set(`${round.fiscalYear}:${e.nodeKey}`, e);
  return out;
}

const own = (n: NodeDef) => {
  const { children: _c, key: _k, crossRefOf, ...rest } = n;
  return canonicalJson({ ...rest, crossRef: crossRefOf !== null });
};

/** Compares the document a commit would write with the plan's current document (null: a new plan). */
export function diffPlanDocuments(current: PlanDocument | null, next: PlanDocument): ImportDiff {
  const nextFlat = flatten(next.nodes);
  const byKey: Record<string, NodeChange> = {};
  const tally = { new: 0, changed: 0, same: 0, removed: 0 };
  if (!current) {
    for (const f of nextFlat) byKey[f.node.key] = "new";
    tally.new = nextFlat.length;
    return { byKey, removed: [], tally };
  }
  const currentFlat = flatten(current.nodes);
  const curByKey = new Map(currentFlat.map((f) => [f.node.key, f]));
  const nextPaths = new Map(nextFlat.map((f) => [f.node.key, f.path]));
  const nextByKey = new Map(nextFlat.map((f) => [f.node.key, f]));
  const paired = pairNodes(
    nextFlat.map((f) => f.node.key),
    currentFlat,
    (k) => curByKey.get(k),
    (k) => nextPaths.get(k),
    (f) => f.path,
    { def: (k) => numberKey(nextByKey.get(k)!.node), stored: (f) => numberKey(f.node) },
  );
  const used = new Set([...paired.values()].map((f) => f.node.key));
  const curEntries = entriesOf(current);
  const nextEntries = entriesOf(next);
  const years = next.rounds.map((r) => r.fiscalYear);
  for (const f of nextFlat) {
    const hit = paired.get(f.node.key);
    if (!hit) {
      byKey[f.node.key] = "new";
      tally.new++;
      continue;
    }
    const entryChanged = years.some(
      (y) =>
        canonicalJson(stripKey(curEntries.get(`${y}:${hit.node.key}`))) !==
        canonicalJson(stripKey(nextEntries.get(`${y}:${f.node.key}`))),
    );
    const change: NodeChange = own(hit.node) !== own(f.node) || entryChanged ? "changed" : "same";
    byKey[f.node.key] = change;
    tally[change]++;
  }
  const removed = currentFlat
    .filter((f) => !used.has(f.node.key))
    .map((f) => ({ label: f.node.label, title: f.node.title }));
  tally.removed = removed.length;
  return { byKey, removed, tally };
}

function stripKey(e: EntryDef | undefined): Omit<EntryDef, "nodeKey"> | null {
  if (!e) return null;
  const { nodeKey: _k, ...rest } = e;
  return rest;
}
