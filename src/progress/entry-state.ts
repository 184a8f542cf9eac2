/**
 * The life of a progress entry in a reporting round, as pure rules.
 *
 *   (none) ─save→ draft ─submit→ submitted ─approve→ approved
 *                   ↑                │
 *                   └──── return ────┘ (with a comment)   returned ─save→ draft, returned ─submit→ submitted
 *
 * A round is open → closed → published; only an open, unlocked round takes edits, before its deadline unless
 * the plan owner allowed late submission. Review (return, approve) follows the plan's chain (review-chain.ts).
 */
export const ENTRY_STATES = ["not_started", "draft", "submitted", "returned", "approved"] as const;
export type EntryState = (typeof ENTRY_STATES)[number];

export const ROUND_STATES = ["open", "closed", "published"] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export type EntryAction = "save" | "submit" | "return" | "approve" | "reopen";

export type RoundWindow = {
  state: RoundState;
  deadline: string | null;
  locked: boolean;
  allowLate?: boolean;
};

export type TransitionRefusal =
  | { code: "round-closed" }
  | { code: "round-locked" }
  | { code: "past-deadline"; deadline: string }
  | { code: "invalid-transition"; from: EntryState; action: EntryAction }
  | { code: "comment-required" };

const NEXT: Record<EntryAction, Partial<Record<EntryState, EntryState>>> = {
  save: { not_started: "draft", draft: "draft", returned: "draft" },
  submit: { not_started: "submitted", draft: "submitted", returned: "submitted" },
  return: { submitted: "returned", approved: "returned" },
  approve: { submitted: "approved" },
  reopen: { approved: "submitted" },
};

/** Department actions are bound by the deadline; review actions (return, approve) are not. */
const DEPARTMENT_ACTIONS: ReadonlySet<EntryAction> = new Set(["save", "submit"]);

/**
 * The state an entry moves to, or why it cannot.
 * @param today ISO date (yyyy-mm-dd) in Asia/Tokyo; the deadline day itself is still allowed.
 */
export function nextEntryState(
  from: EntryState,
  action: EntryAction,
  round: RoundWindow,
  opts: { today: string; comment?: string | null },
): { ok: true; state: EntryState } | { ok: false; refusal: TransitionRefusal } {
  if (round.state !== "open") return { ok: false, refusal: { code: "round-closed" } };
  if (DEPARTMENT_ACTIONS.has(action)) {
    if (round.locked) return { ok: false, refusal: { code: "round-locked" } };
    if (round.deadline && opts.today > round.deadline && !round.allowLate) {
      return { ok: false, refusal: { code: "past-deadline", deadline: round.deadline } };
    }
  }
  const to = NEXT[action][from];
  if (!to) return { ok: false, refusal: { code: "invalid-transition", from, action } };
  if (action === "return" && !opts.comment?.trim())
    return { ok: false, refusal: { code: "comment-required" } };
  return { ok: true, state: to };
}

/** Round transitions: open → closed → published, and a closed round may be reopened. */
export function nextRoundState(from: RoundState, to: RoundState): boolean {
  return (
    (from === "open" && to === "closed") ||
    (from === "closed" && to === "published") ||
    (from === "closed" && to === "open")
  );
}

export type Completion = {
  total: number;
  byState: Record<EntryState, number>;
  submittedPercent: number;
  approvedPercent: number;
};

/** Completion of a set of expected entries (per department or overall): submitted includes approved. */
export function completion(states: readonly EntryState[]): Completion {
  const byState = Object.fromEntries(ENTRY_STATES.map((s) => [s, 0])) as Record<EntryState, number>;
  for (const s of states) byState[s] += 1;
  const total = states.length;
  const pct = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);
  return {
    total,
    byState,
    submittedPercent: pct(byState.submitted + byState.approved),
    approvedPercent: pct(byState.approved),
  };
}
