/**
 * Live indicators on read: the actual of each year not yet frozen is counted from the registries (civic groups at
 * fiscal-year end, collaboration projects, review meetings, coordinators) through the registries capability's own
 * count functions, so the indicator always shows what the registry holds today.
 */
import type { DbOrTx } from "../db/client.js";
import { fiscalYearOfDate, todayInJapan } from "../japanese/index.js";

import {
  countCoordinators,
  countGroupsAtFiscalYearEnd,
  countProjectsInYear,
  countProjectsWithReviewInYear,
} from "../registries/registries.repository.js";
import { type Indicator, valueYearWindow } from "./indicator.js";
import {
  type LiveSource,
  type LiveYear,
  liveYears,
  mergeLiveActuals,
  parseLiveSource,
} from "./live-source.js";

/** An indicator as shown: for a live one, its values with the computed actuals and where each year's came from. */
export type ShownIndicator = Indicator & { live: { source: LiveSource; years: LiveYear[] } | null };

/** Counts one year of a live source in the organisation's registries. */
export async function countLive(
  db: DbOrTx,
  orgId: string,
  source: LiveSource,
  fiscalYear: number,
): Promise<number> {
  switch (source.kind) {
    case "groups":
      return countGroupsAtFiscalYearEnd(
        db,
        orgId,
        fiscalYear,
        source.legalForm ? { legalForm: source.legalForm } : {},
      );
    case "projects":
      return countProjectsInYear(db, orgId, fiscalYear);
    case "projects-reviewed":
      return countProjectsWithReviewInYear(db, orgId, fiscalYear);
    case "coordinators":
      return countCoordinators(db, orgId, fiscalYear);
  }
}

/** The current fiscal year in Japan (April–March). */
export function currentFiscalYear(today: string = todayInJapan()): number {
  const fy = fiscalYearOfDate(today);
  if (!fy.ok) throw new Error(`not a date: ${today}`);
  return fy.value;
}

/**
 * The indicators with their live actuals put in: for each live indicator, every year it shows (its values and
 * its plan's window) up to the current fiscal year is counted, except the frozen years, which keep their stored
 * actual. Typed indicators come back unchanged (`live: null`).
 */
export async function withLiveActuals(
  db: DbOrTx,
  plan: { firstYear: number | null; lastYear: number | null },
  list: readonly Indicator[],
  today?: string,
): Promise<ShownIndicator[]> {
  const current = currentFiscalYear(today);
  const out: ShownIndicator[] = [];
  for (const x of list) {
    const source = parseLiveSource(x.liveSource);
    if (!source) {
      out.push({ ...x, live: null });
      continue;
    }
    const window = valueYearWindow(plan, x);
    const shown = x.values.map((v) => v.fiscalYear);
    if (window?.from != null && window.to != null && window.to - window.from < 30)
      for (let y = window.from; y <= window.to; y++) shown.push(y);
    const frozen = new Map(x.frozen.map((f) => [f.fiscalYear, f]));
    const computed = new Map<number, number>();
    for (const y of liveYears(shown, new Set(frozen.keys()), current))
      computed.set(y, await countLive(db, x.orgId, source, y));
    const years: LiveYear[] = [
      ...[...computed].map(([fiscalYear, value]) => ({
        fiscalYear,
        value,
        state: "computed" as const,
        frozenAt: null,
        frozenBy: null,
      })),
      ...x.frozen.map((f) => ({
        fiscalYear: f.fiscalYear,
        value: x.values.find((v) => v.fiscalYear === f.fiscalYear)?.actual ?? 0,
        state: "frozen" as const,
        frozenAt: f.at,
        frozenBy: f.by,
      })),
    ].sort((a, b) => a.fiscalYear - b.fiscalYear);
    out.push({ ...x, values: mergeLiveActuals(x.values, computed), live: { source, years } });
  }
  return out;
}
