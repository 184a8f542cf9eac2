import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Database } from "../db/client.js";
import { createTestDatabase } from "../db/test-db.js";
import { findNodes } from "../plans/plan.repository.js";
import { approveEntry } from "./approve-entry.js";
import { carryNextTermProposals, nextTermProposals } from "./carry-next-term.js";
import { closeRound } from "./change-round-state.js";
import { openRound } from "./open-round.js";
import { progressWorld } from "./progress.factories.js";
import { findEntries, findRound } from "./progress.repository.js";
import type { ProgressDeps } from "./progress-use-case.js";
import { submitEntry } from "./submit-entry.js";

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());
const on = (day: string): ProgressDeps => ({ db: database.db, today: () => day });
const tiers = [
  { code: "Ⅰ", label: "【Ⅰ】", definition: null },
  { code: "Ⅱ", label: "【Ⅱ】", definition: null },
];

describe("next-term proposals (2期案) from approved entries", () => {
  it("maps a tier by code or printed label, a finished item by its word, and only approved entries", () => {
    const e = (nodeId: string, state: "approved" | "submitted", label: string | null, position = 0) => ({
      nodeId,
      state,
      position,
      nextTermLabel: label,
      nextTermReason: label ? `${label}の理由` : null,
    });
    const out = nextTermProposals(
      [
        e("a", "approved", "【Ⅱ】"),
        e("b", "approved", "Ⅰ"),
        e("c", "approved", "完了"),
        e("d", "submitted", "Ⅰ"),
        e("f", "approved", "継続", 1),
        e("f", "approved", "Ⅱ", 0),
      ],
      tiers,
    );
    assert.deepEqual(out.get("a"), {
      label: "【Ⅱ】",
      tierCode: "Ⅱ",
      completed: false,
      reason: "【Ⅱ】の理由",
    });
    assert.equal(out.get("b")?.tierCode, "Ⅰ");
    assert.deepEqual(out.get("c"), { label: "完了", tierCode: null, completed: true, reason: "完了の理由" });
    assert.equal(out.has("d"), false);
    assert.equal(out.get("f")?.label, "Ⅱ"); // the first in printed order
  });

  it("carries them into the plan's items from a closed round, plan owner only, and audits it", async () => {
    const w = await progressWorld(database.db, `計画 ${Math.random()}`);
    const opened = await openRound(on("2024-11-01"), w.admin, {
      planId: w.planId,
      fiscalYear: 2024,
      deadline: "2025-01-31",
      fieldsAsked: ["status", "nextTerm"],
      entryMode: "per-department",
    });
    assert.ok(opened.ok);
    const entries = await findEntries(database.db, [opened.round.id]);
    const a = entries.find((x) => x.nodeId === w.nodeIdByKey.get("a"))!;
    const s = await submitEntry(on("2024-12-01"), w.kyodoStaff, a.id, {
      version: 1,
      statusLabel: "済",
      nextTermLabel: "【Ⅱ】",
      nextTermReason: "拠点整備は完了し、運営支援に重点を移す。",
    });
    assert.ok(s.ok);
    assert.ok((await approveEntry(on("2024-12-02"), w.admin, a.id, { version: s.entry.version })).ok);

    const whileOpen = await carryNextTermProposals(on("2024-12-02"), w.admin, opened.round.id);
    assert.ok(!whileOpen.ok && whileOpen.reason === "invalid");
    const round = (await findRound(database.db, opened.round.id))!;
    assert.ok((await closeRound(on("2024-12-02"), w.admin, round.id, { version: round.version })).ok);
    const byStaff = await carryNextTermProposals(on("2024-12-02"), w.kyodoStaff, round.id);
    assert.ok(!byStaff.ok && byStaff.reason === "forbidden");

    const carried = await carryNextTermProposals(on("2024-12-02"), w.admin, round.id);
    assert.ok(carried.ok, JSON.stringify(carried));
    assert.equal(carried.carried, 1);
    const node = (await findNodes(database.db, w.planId)).find((n) => n.key === "a")!;
    assert.deepEqual(node.nextTerm, {
      label: "【Ⅱ】",
      tierCode: "Ⅱ",
      completed: false,
      reason: "拠点整備は完了し、運営支援に重点を移す。",
    });
    const again = await carryNextTermProposals(on("2024-12-02"), w.admin, round.id);
    assert.ok(again.ok && again.carried === 0);
  });
});
