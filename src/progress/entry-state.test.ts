import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { todayInJapan } from "../japanese/index.js";
import { completion, ENTRY_STATES, type EntryAction, nextEntryState, nextRoundState } from "./entry-state.js";

const open = { state: "open" as const, deadline: "2024-01-31", locked: false };
const today = "2024-01-15";

describe("progress entry states", () => {
  it("a department saves a draft and submits it; the coordinating division approves it", () => {
    let s = nextEntryState("not_started", "save", open, { today });
    assert.deepEqual(s, { ok: true, state: "draft" });
    s = nextEntryState("draft", "submit", open, { today });
    assert.deepEqual(s, { ok: true, state: "submitted" });
    s = nextEntryState("submitted", "approve", open, { today });
    assert.deepEqual(s, { ok: true, state: "approved" });
  });

  it("returning an entry needs a comment", () => {
    assert.deepEqual(nextEntryState("submitted", "return", open, { today, comment: " " }), {
      ok: false,
      refusal: { code: "comment-required" },
    });
    assert.deepEqual(
      nextEntryState("submitted", "return", open, { today, comment: "実績の数値を確認してください" }),
      {
        ok: true,
        state: "returned",
      },
    );
  });

  it("refuses a department's submission after the deadline, but the deadline day itself is allowed", () => {
    assert.equal(nextEntryState("draft", "submit", open, { today: "2024-01-31" }).ok, true);
    assert.deepEqual(nextEntryState("draft", "submit", open, { today: "2024-02-01" }), {
      ok: false,
      refusal: { code: "past-deadline", deadline: "2024-01-31" },
    });
    // review goes on after the deadline
    assert.equal(nextEntryState("submitted", "approve", open, { today: "2024-02-01" }).ok, true);
  });

  it("refuses every change once the round is closed, and department edits while the period is locked", () => {
    for (const state of ENTRY_STATES) {
      for (const action of ["save", "submit", "return", "approve", "reopen"] as EntryAction[]) {
        const r = nextEntryState(state, action, { ...open, state: "closed" }, { today, comment: "x" });
        assert.deepEqual(r, { ok: false, refusal: { code: "round-closed" } });
      }
    }
    assert.deepEqual(nextEntryState("draft", "save", { ...open, locked: true }, { today }), {
      ok: false,
      refusal: { code: "round-locked" },
    });
  });

  it("an approved entry cannot be edited by its department until it is returned", () => {
    assert.equal(nextEntryState("approved", "save", open, { today }).ok, false);
    assert.equal(nextEntryState("approved", "submit", open, { today }).ok, false);
  });

  it("every transition lands in a known state", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENTRY_STATES),
        fc.constantFrom<EntryAction>("save", "submit", "return", "approve", "reopen"),
        (from, action) => {
          const r = nextEntryState(from, action, open, { today, comment: "c" });
          if (r.ok) assert.ok(ENTRY_STATES.includes(r.state) && r.state !== "not_started");
        },
      ),
    );
  });

  it("rounds go open → closed → published, and a closed round may be reopened", () => {
    assert.ok(nextRoundState("open", "closed"));
    assert.ok(nextRoundState("closed", "published"));
    assert.ok(nextRoundState("closed", "open"));
    assert.ok(!nextRoundState("open", "published"));
    assert.ok(!nextRoundState("published", "open"));
  });
});

describe("completion tracker", () => {
  it("counts approved entries as submitted too", () => {
    const c = completion(["not_started", "draft", "submitted", "approved"]);
    assert.equal(c.total, 4);
    assert.equal(c.submittedPercent, 50);
    assert.equal(c.approvedPercent, 25);
    assert.equal(completion([]).submittedPercent, 0);
  });

  it("takes today's date in Japan, not UTC", () => {
    assert.equal(todayInJapan(new Date("2024-01-31T15:30:00Z")), "2024-02-01");
    assert.equal(todayInJapan(new Date("2024-01-31T14:59:00Z")), "2024-01-31");
  });
});
