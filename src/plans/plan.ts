/**
 * Plans: types and pure rules (no SQL, no HTTP, no I/O).
 * The tree of a plan (施策体系), its vocabularies, 再掲 (cross-references) and the tallies computed from items.
 * Tallies are never stored: they are computed here from the items (DESIGN.md "Rules that keep it simple").
 */
import { matchKey, normalizeForSearch } from "../japanese/index.js";
import type {
  CanonicalStatus,
  GradeDef,
  NodeDef,
  RevisionDef,
  ScheduleMark,
  SectionDef,
  StatusDef,
  TierDef,
} from "./plan-document.js";

export type { CanonicalStatus, GradeDef, RevisionDef, ScheduleMark, SectionDef, StatusDef, TierDef };

export const PLAN_STATUSES = ["draft", "active", "closed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const CANONICAL_STATUSES: readonly CanonicalStatus[] = [
  "done",
  "partly",
  "in_progress",
  "not_started",
  "discontinued",
];

/** A plan may name between 1 and 6 tree levels (基本目標 → … → 具体的な取組). */
export const MAX_LEVELS = 6;

export type Plan = {
  id: string;
  orgId: string;
  title: string;
  kind: string;
  termLabel: string | null;
  subtitle: string | null;
  issuedLabel: string | null;
  issuer: string | null;
  firstYear: number | null;
  lastYear: number | null;
  status: PlanStatus;
  predecessorId: string | null;
  levelNames: string[];
  tiers: TierDef[];
  statusVocabulary: StatusDef[];
  gradeVocabulary: GradeDef[];
  revisions: RevisionDef[];
  sections: SectionDef[];
  /** Departments named by the plan, as printed. */
  departments: string[];
  version: number;
};

/** A responsible department of an item: the printed name always, and the organisation's row when the name matched. */
export type NodeDepartment = { name: string; departmentId: string | null };

export type NextTermProposal = NonNullable<NodeDef["nextTerm"]>;

export type PlanNode = {
  id: string;
  planId: string;
  parentId: string | null;
  position: number;
  /** The key the node had in the document it came from (stable across re-imports and exports). */
  key: string;
  kind: "item" | "category";
  level: number;
  label: string | null;
  sortKey: string | null;
  title: string;
  content: string | null;
  yearlyGoal: string | null;
  targetState: string | null;
  tierCode: string | null;
  departments: NodeDepartment[];
  implementingBody: string | null;
  schedule: Record<string, ScheduleMark>;
  /** 再掲: the id of the node this one lists again. */
  crossRefOf: string | null;
  nextTerm: NextTermProposal | null;
  attributes: Record<string, string>;
  /** The item of the previous term's plan this one continues. */
  predecessorNodeId: string | null;
  version: number;
};

export type TreeNode<T> = T & { children: TreeNode<T>[] };

// ---------------------------------------------------------------------------------------------------------------
// Departments

/** Printed names that mean "every division" (全課, 全部局, 全庁, 各課). */
const ALL_DIVISIONS = new Set(["全課", "全部局", "全庁", "各課", "全部署", "全所属"]);

/** True when a printed department name stands for all divisions rather than one department. */
export function isAllDivisions(name: string): boolean {
  return ALL_DIVISIONS.has(normalizeForSearch(name));
}

/** Whether a person of these departments is responsible for the item (全課 makes everybody responsible). */
export function isResponsible(
  node: Pick<PlanNode, "departments">,
  departmentIds: readonly string[],
): boolean {
  return node.departments.some(
    (d) => isAllDivisions(d.name) || (d.departmentId !== null && departmentIds.includes(d.departmentId)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Tree rules

/** Builds the tree from flat rows, children in `position` order. Rows whose parent is missing become roots. */
export function buildTree<T extends { id: string; parentId: string | null; position: number }>(
  rows: readonly T[],
): TreeNode<T>[] {
  const byId = new Map<string, TreeNode<T>>();
  for (const r of rows) byId.set(r.id, { ...r, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort((a, b) => a.position - b.position);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Depth-first, document order. */
export function flattenTree<T>(roots: readonly TreeNode<T>[]): TreeNode<T>[] {
  const out: TreeNode<T>[] = [];
  const walk = (list: readonly TreeNode<T>[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}

/** Would putting `nodeId` under `newParentId` make the tree loop (a node under itself or its descendant)? */
export function wouldCreateCycle(
  rows: readonly { id: string; parentId: string | null }[],
  nodeId: string,
  newParentId: string | null,
): boolean {
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  let cur: string | null | undefined = newParentId;
  const seen = new Set<string>();
  while (cur) {
    if (cur === nodeId) return true;
    if (seen.has(cur)) return true; // already broken data: refuse rather than loop
    seen.add(cur);
    cur = parentOf.get(cur);
  }
  return false;
}

/** The node and every node under it. */
export function collectSubtree<T extends { id: string; parentId: string | null }>(
  nodes: readonly T[],
  rootId: string,
): T[] {
  const out: T[] = [];
  const walk = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    if (!n) return;
    out.push(n);
    for (const c of nodes.filter((x) => x.parentId === id)) walk(c.id);
  };
  walk(rootId);
  return out;
}

/** What deleting a node removes: the node, everything under it, and the 再掲 listings of any of those (with theirs). */
export function removedWith<T extends { id: string; parentId: string | null; crossRefOf: string | null }>(
  nodes: readonly T[],
  nodeId: string,
): T[] {
  const subtree = collectSubtree(nodes, nodeId);
  const ids = new Set(subtree.map((n) => n.id));
  const listings = nodes.filter((n) => n.crossRefOf && ids.has(n.crossRefOf) && !ids.has(n.id));
  const all = [...subtree, ...listings.flatMap((l) => collectSubtree(nodes, l.id))];
  return all.filter((n, i) => all.findIndex((x) => x.id === n.id) === i);
}

/** Labels compare equal by the kernel's matchKey (width, case and spaces ignored): `（1）` = `(1)`, `１` = `1`. */
export function sameLabel(a: string, b: string): boolean {
  return matchKey(a) === matchKey(b);
}

/** The sibling (other than `exceptId`) that already carries this number label, if any. */
export function findDuplicateLabel<T extends { id: string; label: string | null }>(
  siblings: readonly T[],
  label: string | null,
  exceptId?: string,
): T | undefined {
  if (!label) return undefined;
  return siblings.find((s) => s.id !== exceptId && s.label !== null && sameLabel(s.label, label));
}

/** Fiscal years of a schedule that fall outside the plan period (an open end is not checked). */
export function yearsOutsidePeriod(
  schedule: Record<string, ScheduleMark>,
  firstYear: number | null,
  lastYear: number | null,
): number[] {
  return Object.keys(schedule)
    .map(Number)
    .filter((y) => (firstYear !== null && y < firstYear) || (lastYear !== null && y > lastYear))
    .sort((a, b) => a - b);
}

/** The fiscal years a schedule grid shows: the plan period, widened to any year the items use. */
export function scheduleColumns(
  plan: Pick<Plan, "firstYear" | "lastYear">,
  nodes: readonly { schedule: Record<string, ScheduleMark> }[],
): number[] {
  const used = nodes.flatMap((n) => Object.keys(n.schedule).map(Number));
  if (used.length === 0) return [];
  const lo = Math.min(...used, plan.firstYear ?? Number.POSITIVE_INFINITY);
  const hi = Math.max(...used, plan.lastYear ?? Number.NEGATIVE_INFINITY);
  const years: number[] = [];
  for (let y = lo; y <= hi; y++) years.push(y);
  return years;
}

/** Per vocabulary, the answers given so far: a label is normalised once, not once per item of a tally. */
const canonicalMemo = new WeakMap<readonly StatusDef[], Map<string, CanonicalStatus | null>>();

/**
 * The canonical state a printed status has in the plan's vocabulary, or null when it is not in it.
 * Remembered per vocabulary array and label (a tally asks it for each of 2,000 items, and comparing labels
 * normalises both: that was a sixth of the live board's time), so a vocabulary must not be changed in place.
 */
export function canonicalOf(vocabulary: readonly StatusDef[], label: string | null): CanonicalStatus | null {
  if (label === null) return null;
  let memo = canonicalMemo.get(vocabulary);
  if (!memo) {
    memo = new Map();
    canonicalMemo.set(vocabulary, memo);
  }
  const known = memo.get(label);
  if (known !== undefined) return known;
  const hit = vocabulary.find((s) => sameLabel(s.label, label));
  const canonical = hit ? hit.canonical : null;
  memo.set(label, canonical);
  return canonical;
}

/** Checks a node against the plan's vocabularies and period; returns field → Japanese message. */
export function checkNodeAgainstPlan(
  plan: Pick<Plan, "tiers" | "firstYear" | "lastYear" | "levelNames">,
  node: {
    tierCode: string | null;
    schedule: Record<string, ScheduleMark>;
    level: number;
    nextTerm: NextTermProposal | null;
  },
): Record<string, string> {
  const errors: Record<string, string> = {};
  const tierCodes = plan.tiers.map((t) => t.code);
  if (node.tierCode !== null && !tierCodes.includes(node.tierCode)) {
    errors.tierCode = `優先度「${node.tierCode}」はこの計画の優先度（${tierCodes.join("、") || "未設定"}）にありません。`;
  }
  if (node.nextTerm?.tierCode && !tierCodes.includes(node.nextTerm.tierCode)) {
    errors.nextTermTierCode = `次期の優先度「${node.nextTerm.tierCode}」はこの計画の優先度にありません。`;
  }
  const outside = yearsOutsidePeriod(node.schedule, plan.firstYear, plan.lastYear);
  if (outside.length > 0) {
    errors.schedule = `実施年度 ${outside.join("、")} 年度は計画期間（${plan.firstYear ?? "?"}〜${plan.lastYear ?? "?"}年度）の外です。`;
  }
  if (plan.levelNames.length > 0 && (node.level < 0 || node.level >= plan.levelNames.length)) {
    errors.level = `階層は 1〜${plan.levelNames.length} の範囲で指定してください。`;
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// Counting and tallies (再掲 counted once)

/** What counting needs to know of a node: works for stored nodes and for document nodes (key as id). */
export type CountableNode = {
  id: string;
  kind: "item" | "category";
  tierCode: string | null;
  /** 再掲: the id of the original */
  crossRefOf: string | null;
};

/**
 * The distinct items among the nodes: category rows are not items, and a 再掲 listing stands for its original,
 * so each item is returned once (the original's own row when present).
 */
export function distinctItems<T extends CountableNode>(nodes: readonly T[]): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const out: T[] = [];
  for (const n of nodes) {
    if (n.kind !== "item") continue;
    const identity = n.crossRefOf ?? n.id;
    if (seen.has(identity)) continue;
    seen.add(identity);
    out.push(n.crossRefOf ? (byId.get(n.crossRefOf) ?? n) : n);
  }
  return out;
}

/** How many items the nodes hold, a 再掲 counted once. @example countItems(flatNodes) // 23 */
export function countItems(nodes: readonly CountableNode[]): number {
  return distinctItems(nodes).length;
}

export type TierTally = {
  /** the tier code, or null for items without a tier */
  tierCode: string | null;
  /** number of distinct items in the tier */
  total: number;
  /** counts per canonical state (済・継 is "done" when the vocabulary says so) */
  byCanonical: Partial<Record<CanonicalStatus, number>>;
  /** counts per canonical state, labelled with the vocabulary's first label for that state (済, 一部済 …) */
  byStatus: { canonical: CanonicalStatus; label: string; count: number }[];
  /** counts per status as printed on the items (済 and 済・継 apart) */
  byPrintedStatus: { label: string; count: number }[];
  /** items with no status, or one the vocabulary does not know */
  unreported: number;
};

/**
 * Tallies items per tier: per canonical state and per printed status, a 再掲 counted once.
 * `statusOf` gives the printed status of an item (from a progress round), or null.
 * Tiers come in the plan's order; items without a tier come last (only when there are any).
 * @example tallyByTier(nodes, (n) => entries.get(n.id) ?? null, plan.statusVocabulary, plan.tiers)
 */
export function tallyByTier<T extends CountableNode>(
  nodes: readonly T[],
  statusOf: (node: T) => string | null,
  vocabulary: readonly StatusDef[],
  tiers: readonly Pick<TierDef, "code">[] = [],
): TierTally[] {
  const items = distinctItems(nodes);
  const codes: (string | null)[] = tiers.map((t) => t.code);
  for (const n of items) if (!codes.includes(n.tierCode)) codes.push(n.tierCode);
  const firstLabel = (c: CanonicalStatus) => vocabulary.find((s) => s.canonical === c)?.label ?? c;
  const out: TierTally[] = [];
  for (const code of codes) {
    const inTier = items.filter((n) => n.tierCode === code);
    if (code === null && inTier.length === 0) continue;
    const byCanonical: Partial<Record<CanonicalStatus, number>> = {};
    const printed = new Map<string, number>();
    let unreported = 0;
    for (const n of inTier) {
      const label = statusOf(n);
      if (label !== null) printed.set(label, (printed.get(label) ?? 0) + 1);
      const canonical = canonicalOf(vocabulary, label);
      if (canonical === null) unreported++;
      else byCanonical[canonical] = (byCanonical[canonical] ?? 0) + 1;
    }
    out.push({
      tierCode: code,
      total: inTier.length,
      byCanonical,
      byStatus: CANONICAL_STATUSES.filter((c) => byCanonical[c]).map((c) => ({
        canonical: c,
        label: firstLabel(c),
        count: byCanonical[c] ?? 0,
      })),
      byPrintedStatus: [...printed].map(([label, count]) => ({ label, count })),
      unreported,
    });
  }
  return out;
}

/** A tally printed in a source document, e.g. 【Ⅰ】 "5/6：済 1/6：未". */
export type StatedCounts = { statusLabel: string; count: number; of: number }[];

export type TallyDifference = { statusLabel: string; stated: string | null; computed: string | null };

/**
 * Where a stated tally disagrees with the computed one (status by status, "n/total" as printed).
 * An empty list means they agree. Status labels are compared by canonical state, so 済 matches 済・継.
 */
export function compareStatedTally(
  stated: StatedCounts,
  computed: TierTally,
  vocabulary: readonly StatusDef[],
): TallyDifference[] {
  const diffs: TallyDifference[] = [];
  const statedByCanonical = new Map<string, { label: string; text: string }>();
  for (const s of stated) {
    const key = canonicalOf(vocabulary, s.statusLabel) ?? `?${s.statusLabel}`;
    statedByCanonical.set(key, { label: s.statusLabel, text: `${s.count}/${s.of}` });
  }
  const computedByCanonical = new Map(
    computed.byStatus.map((s) => [
      s.canonical as string,
      { label: s.label, text: `${s.count}/${computed.total}` },
    ]),
  );
  const keys = [...new Set([...statedByCanonical.keys(), ...computedByCanonical.keys()])];
  for (const k of keys) {
    const a = statedByCanonical.get(k);
    const b = computedByCanonical.get(k);
    if (a?.text !== b?.text) {
      diffs.push({
        statusLabel: b?.label ?? a?.label ?? k,
        stated: a?.text ?? null,
        computed: b?.text ?? null,
      });
    }
  }
  return diffs;
}

// ---------------------------------------------------------------------------------------------------------------
// Document trees

/** Flattens document nodes depth-first, with their parent's key. */
export function flattenNodeDefs(nodes: readonly NodeDef[]): (NodeDef & { parentKey: string | null })[] {
  const out: (NodeDef & { parentKey: string | null })[] = [];
  const walk = (list: readonly NodeDef[], parentKey: string | null) => {
    for (const n of list) {
      out.push({ ...n, parentKey });
      walk(n.children, n.key);
    }
  };
  walk(nodes, null);
  return out;
}

/** Document nodes as countable nodes (the key is the id). */
export function countableDefs(nodes: readonly NodeDef[]): (CountableNode & { def: NodeDef })[] {
  return flattenNodeDefs(nodes).map((n) => ({
    id: n.key,
    kind: n.kind,
    tierCode: n.tierCode,
    crossRefOf: n.crossRefOf,
    def: n,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Matching printed department names to the organisation's departments

/**
 * The department a printed name stands for: a current or former name equal after width folding, else the one
 * department whose name ends with it (`環境生活部 県民生活課` for `県民生活課`). Null when none or ambiguous.
 */
export function matchDepartment<D extends { id: string; names: string[] }>(
  printed: string,
  orgDepartments: readonly D[],
): D | null {
  const p = normalizeForSearch(printed);
  const exact = orgDepartments.filter((d) => d.names.some((n) => normalizeForSearch(n) === p));
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const tail = orgDepartments.filter((d) =>
    d.names.some((n) => normalizeForSearch(n).split(" ").at(-1) === p),
  );
  return tail.length === 1 ? tail[0]! : null;
}

/** Printed department names of one cell (`協働推進課 産業振興課`, `総務課、企画課`) split into names. */
export function splitDepartmentNames(text: string): string[] {
  return text
    .split(/[\s、,，・／/]+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
