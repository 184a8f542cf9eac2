/**
 * How a document's nodes find the stored nodes they update: first the node each names explicitly (its key, or the
 * ID a re-imported export carries), then, for the rest, the stored node at the same path of number labels (titles
 * where none is printed) from the top, then a number label that only one node has on each side. Each stored node
 * is taken once. One rule for the writer, the import preview
 * and the import's key alignment, so that what the preview shows is what a commit does.
 */
import type { NodeDef } from "./plan-document.js";

type PathPart = { kind: string; crossRefOf: string | null; label: string | null; title: string };

function segment(n: PathPart): string {
  return `${n.kind}:${n.crossRefOf ? "ref:" : ""}${n.label ?? n.title}`.normalize("NFKC");
}

/** Each stored node's path, by id (nodes linked by parentId). */
export function storedNodePaths(
  nodes: readonly (PathPart & { id: string; parentId: string | null })[],
): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, string>();
  const path = (n: PathPart & { id: string; parentId: string | null }): string => {
    const known = out.get(n.id);
    if (known !== undefined) return known;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const p = parent ? `${path(parent)}/${segment(n)}` : segment(n);
    out.set(n.id, p);
    return p;
  };
  for (const n of nodes) path(n);
  return out;
}

/** Each document node's path, by key. */
export function documentNodePaths(nodes: readonly NodeDef[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (list: readonly NodeDef[], prefix: string) => {
    for (const n of list) {
      const path = prefix ? `${prefix}/${segment(n)}` : segment(n);
      out.set(n.key, path);
      walk(n.children, path);
    }
  };
  walk(nodes, "");
  return out;
}

/**
 * Pairs each document node (by key) with at most one stored node: every explicit hit first, in document order,
 * then the path for the nodes still unpaired, then (given `numberOf`) a number label unique on both sides. An explicit hit is never taken away by an earlier node's path.
 */
export function pairNodes<S>(
  defKeys: readonly string[],
  stored: readonly S[],
  explicit: (defKey: string) => S | undefined,
  pathOfDef: (defKey: string) => string | undefined,
  pathOfStored: (s: S) => string,
  numberOf?: { def: (defKey: string) => string | null; stored: (s: S) => string | null },
): Map<string, S> {
  const paired = new Map<string, S>();
  if (stored.length === 0) return paired;
  const taken = new Set<S>();
  for (const k of defKeys) {
    const hit = explicit(k);
    if (hit !== undefined && !taken.has(hit)) {
      paired.set(k, hit);
      taken.add(hit);
    }
  }
  // several stored nodes may share a path (unnumbered items of one title): the n-th such node pairs with the n-th
  const byPath = new Map<string, S[]>();
  for (const s of stored) {
    const p = pathOfStored(s);
    byPath.set(p, [...(byPath.get(p) ?? []), s]);
  }
  for (const k of defKeys) {
    if (paired.has(k)) continue;
    const p = pathOfDef(k);
    const hit = p === undefined ? undefined : byPath.get(p)?.find((s) => !taken.has(s));
    if (hit !== undefined) {
      paired.set(k, hit);
      taken.add(hit);
    }
  }
  // last, a number label that only one stored node and only one row have (a table that prints fewer levels)
  if (numberOf) {
    const once = <T>(list: readonly T[], of: (t: T) => string | null) => {
      const seen = new Map<string, T | null>();
      for (const t of list) {
        const n = of(t);
        if (n !== null) seen.set(n, seen.has(n) ? null : t);
      }
      return seen;
    };
    const storedOnce = once(stored, numberOf.stored);
    const defOnce = once(defKeys, numberOf.def);
    for (const k of defKeys) {
      const n = paired.has(k) ? null : numberOf.def(k);
      if (n === null || defOnce.get(n) !== k) continue;
      const hit = storedOnce.get(n);
      if (hit && !taken.has(hit)) {
        paired.set(k, hit);
        taken.add(hit);
      }
    }
  }
  return paired;
}

/** The number label that names a node alone (`item:1-2`), or null when it prints none. */
export function numberKey(n: { kind: string; label: string | null }): string | null {
  return n.label === null ? null : `${n.kind}:${n.label}`.normalize("NFKC");
}
