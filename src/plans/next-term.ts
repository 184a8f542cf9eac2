/**
 * The next term's plan (第2期) from a closed one, as a pure transformation of the plan's document:
 * each item's proposal (2期案) is applied — its tier becomes the proposed one, an item marked finished (完了, ○)
 * with no tier for the next term is dropped or kept marked — and the narrative, progress, indicators and budgets of
 * the old term stay with the old plan. Node keys are kept so that every item can be linked to its predecessor.
 */

import { yearsOutsidePeriod } from "./plan.js";
import type { NodeDef, PlanDocument } from "./plan-document.js";

export type NextTermOptions = {
  title: string;
  termLabel: string | null;
  firstYear: number | null;
  lastYear: number | null;
  /** finished items (完了 with no next tier): leave them out, or keep them marked 前期完了 */
  completedItems: "drop" | "mark";
};

/** Attribute set on a finished item kept in the next term. */
export const COMPLETED_MARK_ATTRIBUTE = "前期の状況";
export const COMPLETED_MARK_VALUE = "完了";

export type NextTermResult = {
  document: PlanDocument;
  /** keys of the items and categories carried over (each continues the node with the same key) */
  carriedKeys: string[];
  /** keys of the items left out as finished (and of their 再掲 listings) */
  droppedKeys: string[];
};

/** Is the item finished for good: proposed 完了 and given no tier for the next term? */
export function isFinished(node: Pick<NodeDef, "kind" | "nextTerm">): boolean {
  return node.kind === "item" && node.nextTerm !== null && node.nextTerm.completed && !node.nextTerm.tierCode;
}

export function nextTermDocument(doc: PlanDocument, opts: NextTermOptions): NextTermResult {
  const dropped = new Set<string>();
  if (opts.completedItems === "drop") {
    const collect = (list: readonly NodeDef[]) => {
      for (const n of list) {
        if (isFinished(n)) dropped.add(n.key);
        collect(n.children);
      }
    };
    collect(doc.nodes);
    // a 再掲 listing of a dropped item goes with it
    const refs = (list: readonly NodeDef[]) => {
      for (const n of list) {
        if (n.crossRefOf && dropped.has(n.crossRefOf)) dropped.add(n.key);
        refs(n.children);
      }
    };
    refs(doc.nodes);
  }
  const carried: string[] = [];
  const copy = (list: readonly NodeDef[]): NodeDef[] =>
    list
      .filter((n) => !dropped.has(n.key))
      .map((n) => {
        carried.push(n.key);
        const proposal = n.nextTerm;
        const attributes = { ...n.attributes };
        if (isFinished(n)) attributes[COMPLETED_MARK_ATTRIBUTE] = COMPLETED_MARK_VALUE;
        const outside = new Set(yearsOutsidePeriod(n.schedule, opts.firstYear, opts.lastYear).map(String));
        const schedule = Object.fromEntries(Object.entries(n.schedule).filter(([y]) => !outside.has(y)));
        return {
          ...n,
          tierCode: proposal?.tierCode ?? n.tierCode,
          nextTerm: null,
          schedule,
          attributes,
          children: copy(n.children),
        };
      });
  const nodes = copy(doc.nodes);
  return {
    document: {
      ...doc,
      title: opts.title,
      termLabel: opts.termLabel,
      subtitle: null,
      issuedLabel: null,
      firstYear: opts.firstYear,
      lastYear: opts.lastYear,
      revisions: [],
      sections: [],
      nodes,
      indicators: [],
      budgets: [],
      rounds: [],
      source: { name: doc.source.name, notes: [`${doc.termLabel ?? doc.title} から次期計画として作成`] },
    },
    carriedKeys: carried,
    droppedKeys: [...dropped],
  };
}
