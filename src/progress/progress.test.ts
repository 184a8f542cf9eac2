import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cityGuidelineDocument } from "../plans/fixtures/city-guideline.js";
import { countableDefs } from "../plans/plan.js";
import {
  boardByDepartment,
  checkDocumentRounds,
  cleanText,
  expectedEntries,
  itemStatus,
  relatedDepartments,
  reminderDue,
  responsibleDepartmentIds,
  unfinishedByDepartment,
} from "./progress.js";
import { roundTally } from "./round-tally.js";

const item = (
  id: string,
  departments: { name: string; departmentId: string | null }[],
  crossRefOf: string | null = null,
) => ({
  id,
  kind: "item" as const,
  tierCode: null,
  crossRefOf,
  departments,
});

describe("the entries a round expects", () => {
  const items = [
    item("a", [{ name: "協働推進課", departmentId: "k" }]),
    item("b", [
      { name: "協働推進課", departmentId: "k" },
      { name: "産業振興課", departmentId: "s" },
    ]),
    item("c", [{ name: "全課", departmentId: null }]),
    item("a2", [], "a"),
    { ...item("cat", []), kind: "category" as const },
  ];

  it("asks each responsible department once per item, 再掲 and category rows not at all", () => {
    assert.deepEqual(
      expectedEntries(items, "per-department").map((e) => `${e.nodeId}:${e.departmentName ?? "共同"}`),
      ["a:協働推進課", "b:協働推進課", "b:産業振興課", "c:共同"],
    );
  });

  it("asks one entry per item from its lead department (主管課, listed first) in lead mode", () => {
    assert.deepEqual(
      expectedEntries(items, "lead").map((e) => `${e.nodeId}:${e.departmentName ?? "共同"}`),
      ["a:協働推進課", "b:協働推進課", "c:共同"],
    );
    const b = items[1]!;
    assert.deepEqual(relatedDepartments({ entryMode: "lead" }, { departmentId: "k" }, b.departments), [
      { departmentId: "s", name: "産業振興課" },
    ]);
    assert.deepEqual(
      relatedDepartments({ entryMode: "per-department" }, { departmentId: "k" }, b.departments),
      [],
    );
    assert.deepEqual(relatedDepartments({ entryMode: "lead" }, { departmentId: null }, b.departments), []);
  });

  it("asks one shared entry per item in shared mode", () => {
    assert.deepEqual(
      expectedEntries(items, "shared").map((e) => e.nodeId),
      ["a", "b", "c"],
    );
  });
});

describe("who is responsible for an entry", () => {
  it("is the entry's department, every responsible department of a shared entry, anyone's for 全課", () => {
    assert.deepEqual(responsibleDepartmentIds({ departmentId: "k" }, [], ["s"]), ["k"]);
    assert.deepEqual(
      responsibleDepartmentIds(
        { departmentId: null },
        [
          { name: "協働推進課", departmentId: "k" },
          { name: "x", departmentId: null },
        ],
        ["s"],
      ),
      ["k"],
    );
    assert.deepEqual(
      responsibleDepartmentIds({ departmentId: null }, [{ name: "全課", departmentId: null }], ["s"]),
      ["s"],
    );
  });
});

describe("the live board", () => {
  const entries = [
    { departmentId: "k", departmentName: "協働推進課", state: "submitted" as const },
    { departmentId: "k", departmentName: "協働推進課", state: "draft" as const },
    { departmentId: "s", departmentName: "産業振興課", state: "approved" as const },
  ];

  it("shows each department's completion and marks it overdue only after the deadline with work outstanding", () => {
    const onDeadline = boardByDepartment(entries, "2025-01-31", "2025-01-31");
    assert.deepEqual(
      onDeadline.map((r) => [r.departmentName, r.completion.submittedPercent, r.overdue]),
      [
        ["協働推進課", 50, false],
        ["産業振興課", 100, false],
      ],
    );
    const after = boardByDepartment(entries, "2025-01-31", "2025-02-01");
    assert.deepEqual(
      after.map((r) => [r.outstanding, r.overdue]),
      [
        [1, true],
        [0, false],
      ],
    );
    assert.ok(boardByDepartment(entries, null, "2099-01-01").every((r) => !r.overdue));
  });

  it("counts an item several departments report on by its least advanced status, not by the first department", () => {
    const vocabulary = [
      { label: "済", canonical: "done" as const },
      { label: "着手中", canonical: "in_progress" as const },
      { label: "未", canonical: "not_started" as const },
      { label: "廃止", canonical: "discontinued" as const },
    ];
    const rows = (...labels: (string | null)[]) =>
      labels.map((statusLabel, position) => ({ statusLabel, position }));
    assert.equal(itemStatus(rows("済", "未"), vocabulary), "未");
    assert.equal(itemStatus(rows("着手中", "済"), vocabulary), "着手中");
    assert.equal(itemStatus(rows("済", "済"), vocabulary), "済");
    assert.equal(itemStatus(rows(null, "済"), vocabulary), "済");
    assert.equal(itemStatus(rows("廃止", "済"), vocabulary), "廃止");
    assert.equal(itemStatus(rows(null, null), vocabulary), null);
    // without a vocabulary: the first reported status in printed order
    assert.equal(
      itemStatus([
        { statusLabel: null, position: 0 },
        { statusLabel: "済", position: 2 },
        { statusLabel: "未", position: 1 },
      ]),
      "未",
    );
    assert.equal(itemStatus([]), null);
  });
});

describe("reminders", () => {
  it("is due from N days before the deadline to the deadline, the nearest N first, never after", () => {
    assert.equal(reminderDue("2025-01-31", "2025-01-23", [7, 1]), null);
    assert.equal(reminderDue("2025-01-31", "2025-01-24", [7, 1]), 7);
    assert.equal(reminderDue("2025-01-31", "2025-01-28", [7, 1]), 7);
    assert.equal(reminderDue("2025-01-31", "2025-01-30", [7, 1]), 1);
    assert.equal(reminderDue("2025-01-31", "2025-01-31", [7, 1]), 1);
    assert.equal(reminderDue("2025-01-31", "2025-02-01", [7, 1]), null);
    assert.equal(reminderDue(null, "2025-01-30", [7, 1]), null);
    assert.equal(reminderDue("2025-01-31", "2025-01-30", []), null);
    // across a month end and a leap day
    assert.equal(reminderDue("2024-03-01", "2024-02-23", [7]), 7);
    assert.equal(reminderDue("2024-03-01", "2024-02-22", [7]), null);
  });

  it("lists each department's unfinished entries: not started, draft and returned, not submitted or approved", () => {
    const e = (
      departmentId: string | null,
      state: "not_started" | "draft" | "returned" | "submitted" | "approved",
    ) => ({
      entry: { departmentId, state },
      departments: [
        { name: "協働推進課", departmentId: "k" },
        { name: "産業振興課", departmentId: "s" },
      ],
    });
    const out = unfinishedByDepartment(
      [e("k", "draft"), e("k", "submitted"), e("s", "approved"), e("s", "returned"), e(null, "not_started")],
      ["k", "s", "x"],
    );
    assert.deepEqual(
      [...out].map(([d, list]) => `${d}:${list.map((x) => x.state).join(",")}`),
      ["k:draft,not_started", "s:returned,not_started"],
    );
  });
});

describe("the tier tally of a round", () => {
  it("counts the city guideline's own items and marks where its printed tally is wrong", () => {
    const doc = cityGuidelineDocument;
    const nodes = countableDefs(doc.nodes);
    const entries = doc.rounds[0]!.entries.map((e, i) => ({
      nodeId: e.nodeKey,
      statusLabel: e.statusLabel,
      position: i,
    }));
    const rows = roundTally(doc, nodes, entries, doc.rounds[0]!.statedTallies);
    assert.deepEqual(
      rows.map((r) => [r.tierCode, r.computed]),
      [
        ["Ⅰ", "4/6：済 1/6：着手中 1/6：未"],
        ["Ⅱ-ア", "1/6：済 2/6：一部済 1/6：着手中 2/6：未"],
        ["Ⅱ-イ", "6/9：済 1/9：一部済 2/9：未"],
        ["Ⅲ", "2/2：未"],
      ],
    );
    assert.equal(rows[0]!.stated, "5/6：済 1/6：未");
    assert.deepEqual(
      rows[0]!.differences.map((d) => [d.statusLabel, d.stated, d.computed]),
      [
        ["済", "5/6", "4/6"],
        ["着手中", null, "1/6"],
      ],
    );
    assert.deepEqual(rows[3]!.differences, []);
  });
});

describe("checks of a document's rounds", () => {
  const msg = {
    unknownStatus: (l: string) => `status ${l}`,
    unknownGrade: (l: string) => `grade ${l}`,
    duplicateEntry: (k: string) => `dup ${k}`,
  };
  it("accepts the reference documents' rounds and refuses an unknown status or grade", () => {
    assert.deepEqual(checkDocumentRounds(cityGuidelineDocument, msg), []);
    const bad = structuredClone(cityGuidelineDocument);
    bad.rounds[0]!.entries[3]!.statusLabel = "完了";
    bad.gradeVocabulary = [{ label: "A", definition: null }];
    bad.rounds[0]!.entries[4]!.grade = "◎";
    assert.deepEqual(checkDocumentRounds(bad, msg), [
      { path: "rounds[0].entries[3].statusLabel", message: "status 完了" },
      { path: "rounds[0].entries[4].grade", message: "grade ◎" },
    ]);
  });
});

describe("text as typed", () => {
  it("keeps line breaks (CRLF from browsers becomes LF) and treats blank text as absent", () => {
    assert.equal(cleanText("一行目\r\n二行目\r三行目"), "一行目\n二行目\n三行目");
    assert.equal(cleanText(" \n "), null);
    assert.equal(cleanText(undefined), null);
  });
});
