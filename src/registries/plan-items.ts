/**
 * The organisation's plan items as choices for a project's or proposal's related items (read through the plans
 * capability's repository; registries never touch its tables). Items listed again (再掲) are left out: the
 * original is the one to link.
 */
import type { DbOrTx } from "../db/client.js";
import { buildTree, flattenTree } from "../plans/plan.js";
import { findNodes, listPlans } from "../plans/plan.repository.js";

export type PlanItemGroup = { plan: string; items: { value: string; label: string }[] };

/** "Ⅱ-ア 協働の担い手づくり" (number label as printed, then title). */
export function planItemLabel(n: { label: string | null; title: string }): string {
  return n.label ? `${n.label} ${n.title}` : n.title;
}

export async function planItemChoices(db: DbOrTx, orgId: string): Promise<PlanItemGroup[]> {
  const plans = await listPlans(db, orgId);
  const out: PlanItemGroup[] = [];
  for (const plan of plans) {
    const nodes = flattenTree(buildTree(await findNodes(db, plan.id))).filter((n) => n.crossRefOf === null);
    if (nodes.length === 0) continue;
    const name = [plan.termLabel, plan.title].filter(Boolean).join(" ");
    out.push({ plan: name, items: nodes.map((n) => ({ value: n.id, label: planItemLabel(n) })) });
  }
  return out;
}

/** id → label, for showing a project's linked items. */
export function planItemNames(groups: readonly PlanItemGroup[]): Map<string, string> {
  return new Map(groups.flatMap((g) => g.items.map((i) => [i.value, `${i.label}（${g.plan}）`] as const)));
}
