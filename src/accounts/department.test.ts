import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { todayInJapan } from "../japanese/index.js";
import {
  type Department,
  departmentTree,
  descendantIds,
  flattenTree,
  isActiveOn,
  isIsoDate,
  nameAt,
  previousDay,
} from "./department.js";

const HISTORY = [
  { name: "県民活動課", validFrom: "2010-04-01", validTo: "2015-03-31" },
  { name: "県民生活課", validFrom: "2015-04-01", validTo: null },
];

function dept(id: string, parentId: string | null, name: string, position = 0): Department {
  return {
    id,
    orgId: "o",
    parentId,
    name,
    position,
    endedOn: null,
    mergedIntoId: null,
    version: 1,
    names: [],
  };
}

describe("a department's name on a date", () => {
  it("shows a plan of 2013 the name the department had in 2013", () => {
    assert.equal(nameAt(HISTORY, "2013-06-01"), "県民活動課");
  });
  it("switches on the day the new name takes effect, not a day earlier", () => {
    assert.equal(nameAt(HISTORY, "2015-03-31"), "県民活動課");
    assert.equal(nameAt(HISTORY, "2015-04-01"), "県民生活課");
  });
  it("uses the earliest name before any recorded name, and the last one after a department ended", () => {
    assert.equal(nameAt(HISTORY, "2001-01-01"), "県民活動課");
    const ended = [{ name: "旧課", validFrom: "2010-04-01", validTo: "2020-03-31" }];
    assert.equal(nameAt(ended, "2024-04-01"), "旧課");
  });
  it("has no name without history", () => {
    assert.equal(nameAt([], "2024-04-01"), null);
  });
  it("always answers one of the recorded names, whatever the date", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        (d) => {
          const name = nameAt(HISTORY, d.toISOString().slice(0, 10));
          assert.ok(name === "県民活動課" || name === "県民生活課");
        },
      ),
    );
  });
});

describe("dates as clerks type them", () => {
  it("accepts real calendar dates only", () => {
    assert.equal(isIsoDate("2024-02-29"), true);
    assert.equal(isIsoDate("2023-02-29"), false);
    assert.equal(isIsoDate("2025-4-1"), false);
    assert.equal(isIsoDate("令和7年4月1日"), false);
  });
  it("finds the day before, across months and leap years", () => {
    assert.equal(previousDay("2025-04-01"), "2025-03-31");
    assert.equal(previousDay("2024-03-01"), "2024-02-29");
    assert.equal(previousDay("2025-01-01"), "2024-12-31");
  });
  it("means the date in Japan by today", () => {
    assert.equal(todayInJapan(new Date("2025-03-31T15:30:00Z")), "2025-04-01");
  });
  it("treats a department as existing through its last day", () => {
    assert.equal(isActiveOn({ endedOn: "2025-03-31" }, "2025-03-31"), true);
    assert.equal(isActiveOn({ endedOn: "2025-03-31" }, "2025-04-01"), false);
  });
});

describe("the 部 → 課 tree", () => {
  const depts = [
    dept("ka2", "bu1", "人事課", 1),
    dept("bu1", null, "総務部", 1),
    dept("ka1", "bu1", "財政課", 0),
    dept("bu0", null, "環境生活部", 0),
    dept("ka0", "bu0", "県民生活課", 0),
  ];
  it("lists each 部 followed by its 課, in position order", () => {
    const flat = flattenTree(departmentTree(depts)).map((n) => `${n.depth}:${n.department.name}`);
    assert.deepEqual(flat, ["0:環境生活部", "1:県民生活課", "0:総務部", "1:財政課", "1:人事課"]);
  });
  it("shows a 課 whose 部 is unknown at the top instead of losing it", () => {
    const flat = flattenTree(departmentTree([dept("x", "missing", "孤立課")]));
    assert.deepEqual(
      flat.map((n) => n.department.name),
      ["孤立課"],
    );
  });
  it("finds a 部 and everything beneath it (so it cannot be merged into its own 課)", () => {
    assert.deepEqual([...descendantIds(depts, "bu1")].sort(), ["bu1", "ka1", "ka2"]);
  });
});
