/**
 * Live indicators: an indicator whose actual is a count the system already holds in its registries, computed on
 * read. Pure: the closed list of sources, how one is stored in `indicators.live_source`, and which years get a
 * computed actual. The counting itself is in live-actuals.ts.
 */
import { LEGAL_FORMS } from "../registries/group.js";
import type { IndicatorValue } from "./indicator.js";

/** The counts an indicator can be bound to (a closed list: nothing else is accepted). */
export const LIVE_KINDS = ["groups", "projects", "projects-reviewed", "coordinators"] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

/** A live source: a count, and for registered groups optionally one legal form (NPO法人 …). */
export type LiveSource = { kind: LiveKind; legalForm: string | null };

/** The unit each count is in, so a live indicator's unit matches what it counts. */
export const LIVE_UNITS: Record<LiveKind, string> = {
  groups: "団体",
  projects: "事業",
  "projects-reviewed": "事業",
  coordinators: "人",
};

/**
 * Reads the stored form: `groups`, `groups:NPO法人`, `projects`, `projects-reviewed`, `coordinators`; anything else
 * (an unknown kind, a legal form on another count, a legal form not in the registry's list) is null.
 * @example parseLiveSource("groups:NPO法人") // { kind: "groups", legalForm: "NPO法人" }
 */
export function parseLiveSource(stored: string | null | undefined): LiveSource | null {
  if (!stored) return null;
  const i = stored.indexOf(":");
  const kind = i < 0 ? stored : stored.slice(0, i);
  const legalForm = i < 0 ? null : stored.slice(i + 1);
  if (!(LIVE_KINDS as readonly string[]).includes(kind)) return null;
  if (legalForm !== null && (kind !== "groups" || !(LEGAL_FORMS as readonly string[]).includes(legalForm)))
    return null;
  return { kind: kind as LiveKind, legalForm };
}

export function formatLiveSource(s: LiveSource): string {
  return s.legalForm ? `${s.kind}:${s.legalForm}` : s.kind;
}

/** The choices of the indicator form's select, as stored values (「」 = typed actuals). */
export function liveSourceChoices(): string[] {
  return [
    "",
    ...LIVE_KINDS.flatMap((k) => (k === "groups" ? [k, ...LEGAL_FORMS.map((f) => `${k}:${f}`)] : [k])),
  ];
}

/** One year of a live indicator as shown: the value, and whether it is computed now or frozen (stored). */
export type LiveYear = {
  fiscalYear: number;
  value: number;
  state: "computed" | "frozen";
  frozenAt: Date | null;
  frozenBy: string | null;
};

/**
 * The years a live indicator's actual is computed for: the years it shows (its values' years and its plan's
 * window), up to the current fiscal year (a later year has nothing to count yet), except the frozen ones.
 * @example liveYears([2022, 2023, 2024, 2025], new Set([2022]), 2024) // [2023, 2024]
 */
export function liveYears(
  shown: readonly number[],
  frozen: ReadonlySet<number>,
  currentYear: number,
): number[] {
  return [...new Set(shown)].filter((y) => y <= currentYear && !frozen.has(y)).sort((a, b) => a - b);
}

/** The values with the computed actuals put in (targets and notes kept; a computed year without a row is added). */
export function mergeLiveActuals(
  values: readonly IndicatorValue[],
  computed: ReadonlyMap<number, number>,
): IndicatorValue[] {
  const out = values.map((v) =>
    computed.has(v.fiscalYear) ? { ...v, actual: computed.get(v.fiscalYear)! } : v,
  );
  for (const [fiscalYear, actual] of computed)
    if (!values.some((v) => v.fiscalYear === fiscalYear))
      out.push({ fiscalYear, target: null, actual, note: null });
  return out.sort((a, b) => a.fiscalYear - b.fiscalYear);
}
