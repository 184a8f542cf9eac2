/**
 * The tier tally of a round, computed live from its entries (再掲 counted once, by tallyByTier) and set beside
 * the tally the source document printed, if any. Written as the reference documents print it:
 * `【Ⅰ】 4/6：済 1/6：着手中 1/6：未`.
 */
import {
  type CountableNode,
  compareStatedTally,
  type Plan,
  type TallyDifference,
  tallyByTier,
} from "../plans/plan.js";
import { type Entry, itemStatus, type StatedTally } from "./progress.js";

export type TallyRow = {
  tierCode: string | null;
  /** the tier as printed (【Ⅰ】<重点施策>), or its code */
  tierLabel: string | null;
  total: number;
  /** 4/6：済 1/6：着手中 1/6：未 */
  computed: string;
  unreported: number;
  /** the printed tally, when the document had one for this tier */
  stated: string | null;
  differences: TallyDifference[];
};

export function roundTally(
  plan: Pick<Plan, "statusVocabulary" | "tiers">,
  nodes: readonly CountableNode[],
  entries: readonly Pick<Entry, "nodeId" | "statusLabel" | "position">[],
  stated: readonly StatedTally[],
): TallyRow[] {
  const byNode = new Map<string, Pick<Entry, "statusLabel" | "position">[]>();
  for (const e of entries) byNode.set(e.nodeId, [...(byNode.get(e.nodeId) ?? []), e]);
  const tally = tallyByTier(
    nodes,
    (n) => itemStatus(byNode.get(n.id) ?? [], plan.statusVocabulary),
    plan.statusVocabulary,
    plan.tiers,
  );
  const statedByTier = new Map(stated.filter((s) => s.groupBy === "tier").map((s) => [s.group, s]));
  return tally.map((x) => {
    const s = statedByTier.get(x.tierCode);
    return {
      tierCode: x.tierCode,
      tierLabel: plan.tiers.find((t) => t.code === x.tierCode)?.label ?? x.tierCode,
      total: x.total,
      computed: x.byStatus.map((b) => `${b.count}/${x.total}：${b.label}`).join(" "),
      unreported: x.unreported,
      stated: s?.text ?? null,
      differences: s ? compareStatedTally(s.counts, x, plan.statusVocabulary) : [],
    };
  });
}
