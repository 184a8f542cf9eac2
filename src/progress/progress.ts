/**
 * Reporting rounds and progress entries as plain types, and the pure rules around them: which entries a round
 * expects (item × responsible department, 再掲 once), who counts as responsible for an entry, the live board
 * (per-department completion, overdue), an item's status for the tier tally, and the checks of a document's rounds.
 */
import {
  CANONICAL_STATUSES,
  canonicalOf,
  distinctItems,
  isAllDivisions,
  type NodeDepartment,
  type StatusDef,
  sameLabel,
} from "../plans/plan.js";
import type { PlanDocument, StatedTally } from "../plans/plan-document.js";
import { type Completion, completion, type EntryState, type RoundState } from "./entry-state.js";
import type { ReviewStep } from "./review-chain.js";

/** What a round asks departments to fill in. */
export const ASKED_FIELDS = [
  "status",
  "grade",
  "result",
  "doText",
  "checkText",
  "issuesText",
  "actText",
  "nextTerm",
  "indicatorActuals",
] as const;
export type AskedField = (typeof ASKED_FIELDS)[number];

/**
 * per-department: one entry per item and responsible department; shared: one entry per item that any of them
 * edits; lead: one entry per item that its lead department (主管課, the first listed) edits and submits, while the
 * related departments (関係課) contribute their text beside it.
 */
export const ENTRY_MODES = ["per-department", "shared", "lead"] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];

export type Round = {
  id: string;
  orgId: string;
  planId: string;
  position: number;
  origin: "import" | "app";
  fiscalYear: number;
  asOfDate: string | null;
  asOfLabel: string | null;
  deadline: string | null;
  fieldsAsked: AskedField[];
  instructions: string | null;
  entryMode: EntryMode;
  state: RoundState;
  locked: boolean;
  /** departments may still save and submit after the deadline */
  allowLate: boolean;
  /** days before the deadline on which unfinished departments are reminded */
  reminderDays: number[];
  reviewSteps: ReviewStep[];
  version: number;
};

/** The text fields a department writes (all optional; absent is null). */
export type EntryFields = {
  statusLabel: string | null;
  grade: string | null;
  result: string | null;
  doText: string | null;
  checkText: string | null;
  issuesText: string | null;
  actText: string | null;
  nextTermLabel: string | null;
  nextTermReason: string | null;
};

export const ENTRY_FIELD_NAMES = [
  "statusLabel",
  "grade",
  "result",
  "doText",
  "checkText",
  "issuesText",
  "actText",
  "nextTermLabel",
  "nextTermReason",
] as const satisfies readonly (keyof EntryFields)[];

/** Which entry fields an asked field opens in the form. */
export const FIELDS_OF: Record<AskedField, readonly (keyof EntryFields)[]> = {
  status: ["statusLabel"],
  grade: ["grade"],
  result: ["result"],
  doText: ["doText"],
  checkText: ["checkText"],
  issuesText: ["issuesText"],
  actText: ["actText"],
  nextTerm: ["nextTermLabel", "nextTermReason"],
  indicatorActuals: [],
};

export type Entry = EntryFields & {
  id: string;
  roundId: string;
  nodeId: string;
  position: number;
  departmentId: string | null;
  departmentName: string | null;
  state: EntryState;
  /** while submitted: the review step it waits at */
  reviewStep: number;
  narrative: PlanDocument["rounds"][number]["entries"][number]["narrative"];
  submittedAt: Date | null;
  submittedBy: string | null;
  approvedAt: Date | null;
  approvedBy: string | null;
  updatedAt: Date;
  version: number;
};

export type EntryVersion = {
  version: number;
  action: string;
  state: EntryState;
  fields: Partial<EntryFields>;
  actorName: string;
  at: Date;
};

export type EntryComment = {
  id: string;
  authorName: string;
  role: string;
  body: string;
  kind: "comment" | "return";
  createdAt: Date;
};

export type { StatedTally };

export const emptyFields = (): EntryFields => ({
  statusLabel: null,
  grade: null,
  result: null,
  doText: null,
  checkText: null,
  issuesText: null,
  actText: null,
  nextTermLabel: null,
  nextTermReason: null,
});

export function fieldsOf(e: EntryFields): EntryFields {
  return Object.fromEntries(ENTRY_FIELD_NAMES.map((k) => [k, e[k]])) as EntryFields;
}

// ---------------------------------------------------------------------------------------------------------------
// Which entries a round expects

export type ItemForRound = {
  id: string;
  kind: "item" | "category";
  tierCode: string | null;
  crossRefOf: string | null;
  departments: NodeDepartment[];
};

export type ExpectedEntry = { nodeId: string; departmentId: string | null; departmentName: string | null };

/**
 * The entries a new round creates: one per distinct item (a 再掲 listing is the same item, reported once) and,
 * per department mode, one per responsible department matched to the organisation's departments. An item of
 * 全課 (all divisions) or without a matched department gets one shared entry, as every item does in shared mode.
 */
export function expectedEntries(items: readonly ItemForRound[], mode: EntryMode): ExpectedEntry[] {
  const out: ExpectedEntry[] = [];
  for (const item of distinctItems(items)) {
    const own = item.departments.filter((d) => d.departmentId !== null && !isAllDivisions(d.name));
    if (mode === "shared" || own.length === 0) {
      out.push({ nodeId: item.id, departmentId: null, departmentName: null });
      continue;
    }
    if (mode === "lead") {
      out.push({ nodeId: item.id, departmentId: own[0]!.departmentId, departmentName: own[0]!.name });
      continue;
    }
    const seen = new Set<string>();
    for (const d of own) {
      if (seen.has(d.departmentId!)) continue;
      seen.add(d.departmentId!);
      out.push({ nodeId: item.id, departmentId: d.departmentId, departmentName: d.name });
    }
  }
  return out;
}

/**
 * The related departments (関係課) of an entry its lead department consolidates: the item's other responsible
 * departments, in printed order. None outside lead mode.
 */
export function relatedDepartments(
  round: Pick<Round, "entryMode">,
  entry: Pick<Entry, "departmentId">,
  itemDepartments: readonly NodeDepartment[],
): { departmentId: string; name: string }[] {
  if (round.entryMode !== "lead" || entry.departmentId === null) return [];
  const seen = new Set([entry.departmentId]);
  const out: { departmentId: string; name: string }[] = [];
  for (const d of itemDepartments) {
    if (d.departmentId === null || isAllDivisions(d.name) || seen.has(d.departmentId)) continue;
    seen.add(d.departmentId);
    out.push({ departmentId: d.departmentId, name: d.name });
  }
  return out;
}

/**
 * The departments an entry belongs to, for `can(user, "entry.edit", { departmentIds })`: its own department, or
 * for a shared entry every responsible department of the item; 全課 makes it every department of the person.
 */
export function responsibleDepartmentIds(
  entry: Pick<Entry, "departmentId">,
  itemDepartments: readonly NodeDepartment[],
  personDepartmentIds: readonly string[],
): string[] {
  if (entry.departmentId) return [entry.departmentId];
  if (itemDepartments.some((d) => isAllDivisions(d.name))) return [...personDepartmentIds];
  return itemDepartments.flatMap((d) => (d.departmentId ? [d.departmentId] : []));
}

// ---------------------------------------------------------------------------------------------------------------
// The board

export type BoardRow = {
  /** department id, or null for shared entries */
  departmentId: string | null;
  departmentName: string | null;
  completion: Completion;
  /** the deadline has passed and some entries are neither submitted nor approved */
  overdue: boolean;
  /** entries not yet submitted */
  outstanding: number;
};

/** Per department: counts by state, percent submitted, and whether it is overdue on `today` (Japan time). */
export function boardByDepartment(
  entries: readonly Pick<Entry, "departmentId" | "departmentName" | "state">[],
  deadline: string | null,
  today: string,
): BoardRow[] {
  const groups = new Map<string, { id: string | null; name: string | null; states: EntryState[] }>();
  for (const e of entries) {
    const k = e.departmentId ?? "";
    const g = groups.get(k) ?? { id: e.departmentId, name: e.departmentName, states: [] };
    g.states.push(e.state);
    groups.set(k, g);
  }
  const past = deadline !== null && today > deadline;
  return [...groups.values()].map((g) => {
    const c = completion(g.states);
    const outstanding = c.total - c.byState.submitted - c.byState.approved;
    return {
      departmentId: g.id,
      departmentName: g.name,
      completion: c,
      overdue: past && outstanding > 0,
      outstanding,
    };
  });
}

/**
 * The status of an item for the tier tally when one or more departments report on it: the least advanced
 * reported status (済 only when every reporting department says 済; 未 when one still says 未), so that a
 * multi-department item is neither counted twice nor by its first department alone. A status outside the
 * vocabulary ranks last; ties keep printed order. Null when nobody reported a status.
 */
export function itemStatus(
  entries: readonly Pick<Entry, "statusLabel" | "position">[],
  vocabulary: readonly StatusDef[] = [],
): string | null {
  const rank = (label: string) => {
    const c = canonicalOf(vocabulary, label);
    return c === null ? CANONICAL_STATUSES.length : CANONICAL_STATUSES.indexOf(c);
  };
  const reported = [...entries]
    .filter((e): e is typeof e & { statusLabel: string } => e.statusLabel !== null)
    .sort((a, b) => a.position - b.position);
  if (reported.length === 0) return null;
  if (vocabulary.length === 0) return reported[0]!.statusLabel;
  // discontinued (廃止) is an outcome, not a lack of progress: rank it as done when comparing
  const order = (label: string) => (canonicalOf(vocabulary, label) === "discontinued" ? 0 : rank(label));
  return reported.reduce((worst, e) => (order(e.statusLabel) > order(worst.statusLabel) ? e : worst))
    .statusLabel;
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders

/**
 * Which reminder is due on `today` for a deadline: the smallest configured number of days N with
 * deadline − N ≤ today ≤ deadline (a job that missed a day still reminds, once per N). Null when none is due.
 */
export function reminderDue(deadline: string | null, today: string, days: readonly number[]): number | null {
  if (deadline === null || today > deadline) return null;
  const left = Math.round(
    (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  const due = days.filter((n) => n >= left).sort((a, b) => a - b);
  return due[0] ?? null;
}

/** Entries not yet handed in (not started, draft, returned), grouped by the department responsible for them. */
export function unfinishedByDepartment<E extends Pick<Entry, "departmentId" | "state">>(
  entries: readonly { entry: E; departments: readonly NodeDepartment[] }[],
  orgDepartmentIds: readonly string[],
): Map<string, E[]> {
  const out = new Map<string, E[]>();
  for (const { entry, departments } of entries) {
    if (entry.state === "submitted" || entry.state === "approved") continue;
    for (const d of new Set(responsibleDepartmentIds(entry, departments, orgDepartmentIds)))
      out.set(d, [...(out.get(d) ?? []), entry]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

export type Problem = { path: string; message: string };

/**
 * The rules of a document's rounds beyond their shape: a status must be one of the plan's vocabulary, a grade
 * one of its grades (when the plan has grades), and an item is reported once per department in a round.
 */
export function checkDocumentRounds(
  doc: Pick<PlanDocument, "rounds" | "statusVocabulary" | "gradeVocabulary">,
  msg: {
    unknownStatus: (label: string, known: string) => string;
    unknownGrade: (label: string, known: string) => string;
    duplicateEntry: (key: string) => string;
  },
): Problem[] {
  const problems: Problem[] = [];
  const statuses = doc.statusVocabulary.map((s) => s.label).join("、");
  const grades = doc.gradeVocabulary.map((s) => s.label).join("、");
  doc.rounds.forEach((r, ri) => {
    const seen = new Set<string>();
    r.entries.forEach((e, ei) => {
      const p = `rounds[${ri}].entries[${ei}]`;
      if (e.statusLabel !== null && canonicalOf(doc.statusVocabulary, e.statusLabel) === null)
        problems.push({ path: `${p}.statusLabel`, message: msg.unknownStatus(e.statusLabel, statuses) });
      if (
        e.grade !== null &&
        doc.gradeVocabulary.length > 0 &&
        !doc.gradeVocabulary.some((g) => sameLabel(g.label, e.grade!))
      )
        problems.push({ path: `${p}.grade`, message: msg.unknownGrade(e.grade, grades) });
      const k = `${e.nodeKey}\u0000${e.department ?? ""}`;
      if (seen.has(k)) problems.push({ path: `${p}.nodeKey`, message: msg.duplicateEntry(e.nodeKey) });
      seen.add(k);
    });
  });
  return problems;
}

/** Line breaks as typed in a browser (CRLF) are stored as LF; empty text is absent. */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // PostgreSQL text cannot hold NUL: a pasted NUL would otherwise fail the insert (found by bench/fuzz-forms.ts)
  const text = value.replace(/\r\n?/g, "\n").replaceAll("\u0000", "");
  return text.trim() === "" ? null : text;
}
