import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { CRITERIA, criterionResult } from "./accessibility.js";
import {
  atomFeed,
  csvCell,
  DEFAULT_LICENCE,
  INDICATOR_COLUMNS,
  ITEM_COLUMNS,
  itemRows,
  latestStatusByItem,
  likeContains,
  type PublicNode,
  type PublicPlan,
  type PublicProgress,
  readSearchQuery,
} from "./portal.js";

describe("readSearchQuery", () => {
  it("normalises width, splits on any space and drops duplicates", () => {
    const r = readSearchQuery("　ＮＰＯ　協働  ＮＰＯ ", undefined);
    assert.ok(r.ok);
    assert.deepEqual(r.query.terms, ["NPO", "協働"]);
    assert.equal(r.query.page, 1);
  });

  it("accepts an empty query (the empty form) and refuses 101 characters with a Japanese message", () => {
    const empty = readSearchQuery(undefined, undefined);
    assert.ok(empty.ok && empty.query.terms.length === 0);
    const long = readSearchQuery("あ".repeat(101), undefined);
    assert.equal(long.ok, false);
    assert.ok(!long.ok && long.field === "q" && /100文字以内/.test(long.message));
    assert.ok(readSearchQuery("あ".repeat(100), undefined).ok);
  });

  it("turns control characters (NUL included) into spaces", () => {
    const r = readSearchQuery("協働\u0000推進\u0007", undefined);
    assert.ok(r.ok);
    assert.deepEqual(r.query.terms, ["協働", "推進"]);
  });

  it("refuses page numbers that are not 1..200", () => {
    for (const p of ["0", "-1", "1.5", "abc", "201", "99999999999999999999"]) {
      const r = readSearchQuery("x", p);
      assert.ok(!r.ok && r.field === "page", p);
    }
    const ok = readSearchQuery("x", "200");
    assert.ok(ok.ok && ok.query.page === 200);
  });
});

describe("likeContains", () => {
  it("escapes LIKE wildcards and the escape character", () => {
    assert.equal(likeContains("100%"), "%100\\%%");
    assert.equal(likeContains("a_b\\c"), "%a\\_b\\\\c%");
  });
});

describe("csvCell", () => {
  it("neutralises text a spreadsheet would run, keeps numbers and empties null", () => {
    assert.equal(csvCell("=SUM(A1)"), "'=SUM(A1)");
    assert.equal(csvCell("@cmd"), "'@cmd");
    assert.equal(csvCell(-5), "-5");
    assert.equal(csvCell(null), "");
    assert.equal(csvCell("協働"), "協働");
  });
});

const plan: PublicPlan = {
  licence: DEFAULT_LICENCE,
  id: "p",
  title: "計画",
  kind: "推進計画",
  termLabel: null,
  subtitle: null,
  issuer: null,
  firstYear: 2022,
  lastYear: 2026,
  status: "active",
  levelNames: [],
  tiers: [],
  statusVocabulary: [],
  publishedAt: new Date("2024-04-01T00:00:00Z"),
  modifiedAt: new Date("2024-04-01T00:00:00Z"),
  org: { id: "o", code: "350001", name: "山口県", yearStyle: "wareki" },
};
const node = (id: string, parentId: string | null, title: string): PublicNode => ({
  id,
  key: id,
  parentId,
  position: 0,
  kind: parentId ? "item" : "category",
  level: parentId ? 1 : 0,
  label: parentId ? "1" : "Ⅰ",
  title,
  tierCode: null,
  crossRefOf: null,
});
const progress = (nodeId: string, fiscalYear: number, statusLabel: string | null): PublicProgress => ({
  entryId: `${nodeId}-${fiscalYear}`,
  roundId: `r${fiscalYear}`,
  nodeId,
  fiscalYear,
  asOfLabel: null,
  asOfDate: null,
  departmentName: "協働推進課",
  statusLabel,
  grade: null,
  result: null,
  doText: null,
  checkText: null,
  issuesText: null,
  actText: null,
  updatedAt: new Date(),
});

describe("open data rows", () => {
  it("gives each item one row per report, or one empty row, with its path and the 団体コード", () => {
    const rows = itemRows(
      plan,
      [node("c", null, "基盤"), node("a", "c", "拠点")],
      [progress("a", 2023, "着手中"), progress("a", 2024, "済")],
      new Map([["c", ["協働推進課"]]]),
    );
    assert.equal(rows.length, 3);
    const values = rows.map((r) => Object.fromEntries(ITEM_COLUMNS.map((col) => [col.key, col.value(r)])));
    assert.equal(values[0]!.fiscal_year, null);
    assert.equal(values[0]!.department, "協働推進課", "an item without a report: its own departments");
    assert.deepEqual(
      values.slice(1).map((v) => [v.path, v.fiscal_year, v.status, v.local_gov_code]),
      [
        ["Ⅰ 基盤 > 1 拠点", 2023, "着手中", "350001"],
        ["Ⅰ 基盤 > 1 拠点", 2024, "済", "350001"],
      ],
    );
  });

  it("documents every column with a unique key, a Japanese header and a description", () => {
    for (const columns of [ITEM_COLUMNS, INDICATOR_COLUMNS] as {
      key: string;
      header: string;
      description: string;
    }[][]) {
      assert.equal(new Set(columns.map((c) => c.key)).size, columns.length);
      assert.equal(new Set(columns.map((c) => c.header)).size, columns.length);
      for (const c of columns) assert.ok(c.description.length > 3, c.key);
    }
  });

  it("takes each item's status from its latest reported year", () => {
    const latest = latestStatusByItem([
      progress("a", 2024, "済"),
      progress("a", 2023, "着手中"),
      progress("b", 2024, null),
    ]);
    assert.equal(latest.get("a")?.statusLabel, "済");
    assert.equal(latest.has("b"), false);
  });
});

describe("atomFeed", () => {
  it("writes well-formed Atom, escaping markup, with the newest entry's time as updated", () => {
    const xml = atomFeed({
      id: "urn:uuid:1",
      title: '計画 <&> "引用"',
      selfUrl: "http://x/feed.atom?a=1&b=2",
      alternateUrl: "http://x/",
      author: "山口県",
      rights: "CC BY 4.0",
      fallbackUpdated: new Date("2020-01-01T00:00:00Z"),
      entries: [
        {
          id: "urn:uuid:2",
          title: "<script>",
          updated: new Date("2024-05-01T00:00:00Z"),
          link: "http://x/i",
          summary: "a\u0001b",
        },
        {
          id: "urn:uuid:3",
          title: "b",
          updated: new Date("2023-05-01T00:00:00Z"),
          link: "http://x/j",
          summary: "",
        },
      ],
    });
    assert.equal(XMLValidator.validate(xml), true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    assert.equal(feed.updated, "2024-05-01T00:00:00.000Z");
    assert.match(xml, /<title>計画 &lt;&amp;&gt; &quot;引用&quot;<\/title>/);
    assert.doesNotMatch(xml, /\u0001/);
    assert.equal(feed.entry.length, 2);
    assert.equal(feed.entry[0].title, "<script>");
  });

  it("uses the fallback time when there is no entry", () => {
    const xml = atomFeed({
      id: "urn:uuid:1",
      title: "t",
      selfUrl: "s",
      alternateUrl: "a",
      author: "a",
      rights: "r",
      fallbackUpdated: new Date("2020-01-01T00:00:00Z"),
      entries: [],
    });
    assert.match(xml, /<updated>2020-01-01T00:00:00.000Z<\/updated>/);
  });
});

describe("JIS X 8341-3:2016 checklist", () => {
  it("lists the 38 success criteria of levels A (25) and AA (13), once each", () => {
    assert.equal(CRITERIA.length, 38);
    assert.equal(new Set(CRITERIA.map((c) => c.id)).size, 38);
    assert.equal(CRITERIA.filter((c) => c.level === "A").length, 25);
    assert.equal(CRITERIA.filter((c) => c.level === "AA").length, 13);
  });

  it("passes a criterion only when all its checks ran and passed; manual otherwise", () => {
    const c = CRITERIA.find((x) => x.id === "2.4.1")!; // axe + keyboard
    assert.equal(criterionResult(c, null), "manual");
    const run = (checks: object) => ({ runAt: "2026-01-01", pages: [], checks });
    assert.equal(criterionResult(c, run({ axe: { passed: true, detail: "" } })), "manual");
    assert.equal(
      criterionResult(c, run({ axe: { passed: true, detail: "" }, keyboard: { passed: true, detail: "" } })),
      "pass",
    );
    assert.equal(
      criterionResult(c, run({ axe: { passed: false, detail: "" }, keyboard: { passed: true, detail: "" } })),
      "fail",
    );
    const manualOnly = CRITERIA.find((x) => x.id === "3.3.4")!;
    assert.equal(criterionResult(manualOnly, run({ axe: { passed: true, detail: "" } })), "manual");
  });
});
