import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ColumnMapping } from "./detect.js";
import type { Grid } from "./grid.js";
import { readPastedText } from "./grid.js";
import {
  adaptSavedMapping,
  checkSavedMapping,
  mappingOfTarget,
  savedMappingSchema,
} from "./saved-mapping.js";
import { valuesHeaderDetector } from "./year-values.js";

const grid = (tsv: string): Grid => {
  const g = readPastedText(tsv);
  assert.ok(g.ok);
  return g.value;
};

const indicators: ColumnMapping = {
  version: 1,
  sheet: "貼り付け",
  headerRows: [1],
  fields: { indicatorName: 0, unit: 1 },
  years: [
    { column: 2, fiscalYear: 2024, kind: "target" },
    { column: 3, fiscalYear: 2024, kind: "actual" },
  ],
  attributes: [],
  headers: ["指標名", "単位", "R6目標", "R6見込"],
};

describe("what each import target may save", () => {
  it("accepts a mapping of the fields and year kinds its target reads", () => {
    assert.equal(savedMappingSchema("indicators").safeParse(indicators).success, true);
    const checked = checkSavedMapping({ target: "indicators", mapping: indicators }, "indicators");
    assert.deepEqual(checked, { ok: true, value: indicators });
  });

  it("saves of a detected mapping only what its target reads (the form shows nothing else)", () => {
    const detected: ColumnMapping = {
      ...indicators,
      fields: { number: 0, title: 1, status: 2 },
      years: [{ column: 3, fiscalYear: 2024, kind: "schedule" }],
      attributes: [{ column: 3, name: "R6見込" }],
    };
    const progress = mappingOfTarget(detected, "progress");
    assert.deepEqual(progress.fields, { number: 0, title: 1, status: 2 });
    assert.deepEqual([progress.years, progress.attributes], [[], []]);
    assert.equal(savedMappingSchema("progress").safeParse(progress).success, true);
    assert.deepEqual(mappingOfTarget(detected, "plan"), detected);
  });

  it("refuses a mapping saved for another target, naming that target in Japanese", () => {
    const checked = checkSavedMapping({ target: "indicators", mapping: indicators }, "budgets");
    assert.equal(checked.ok, false);
    assert.match((checked as { reason: string }).reason, /「指標の目標値・実績値」の取り込み用/);
  });

  it("refuses a shape its target does not read: a 目標値 column for budgets, a plan field for progress, extra items", () => {
    assert.equal(savedMappingSchema("budgets").safeParse(indicators).success, false);
    const plan = { ...indicators, fields: { title: 0, content: 1 }, years: [] };
    assert.equal(savedMappingSchema("progress").safeParse(plan).success, false);
    assert.equal(savedMappingSchema("plan").safeParse(plan).success, true);
    const extra = { ...indicators, attributes: [{ column: 1, name: "単位" }] };
    assert.equal(savedMappingSchema("indicators").safeParse(extra).success, false);
  });

  it("refuses a column outside the saved headers, and anything that is no mapping, with a message instead of a crash", () => {
    const outside = { ...indicators, fields: { indicatorName: 7 } };
    for (const mapping of [outside, null, "x", { version: 2 }, { ...indicators, years: [{ column: 2 }] }]) {
      const checked = checkSavedMapping({ target: "indicators", mapping }, "indicators");
      assert.equal(checked.ok, false);
      assert.match((checked as { reason: string }).reason, /保存した列の対応が正しい形式ではありません/);
    }
  });
});

describe("applying a saved mapping to next year's table", () => {
  it("values: corrected year columns follow their headers, next year's columns come from the new header", () => {
    // last year R6見込 (a kind the detector does not know) was corrected to the R6 actual; this year the columns
    // moved, 単位 is gone and R7目標 is new
    const next = grid(`R6見込\t指標名\tR6目標\tR7目標\n150\tNPO法人の数\t200\t210\n`);
    const adapted = adaptSavedMapping(indicators, next, valuesHeaderDetector("indicators"));
    if (!adapted.ok) assert.fail(adapted.reason);
    assert.deepEqual(adapted.value.mapping.fields, { indicatorName: 1 });
    assert.deepEqual(adapted.value.mapping.years, [
      { column: 0, fiscalYear: 2024, kind: "actual" },
      { column: 2, fiscalYear: 2024, kind: "target" },
      { column: 3, fiscalYear: 2025, kind: "target" },
    ]);
    assert.deepEqual(adapted.value.unmatched, ["単位"]);
    assert.equal(savedMappingSchema("indicators").safeParse(adapted.value.mapping).success, true);
  });

  it("values of each row's year (a row per year) follow their headers, and belong to the values targets only", () => {
    const rowPerYear: ColumnMapping = {
      version: 1,
      sheet: "貼り付け",
      headerRows: [1],
      fields: { id: 0, fiscalYear: 1 },
      years: [],
      attributes: [],
      headers: ["指標ID", "年度", "目標値", "実績値"],
      valueColumns: [
        { column: 2, kind: "target" },
        { column: 3, kind: "actual" },
      ],
    };
    assert.equal(savedMappingSchema("indicators").safeParse(rowPerYear).success, true);
    assert.equal(savedMappingSchema("budgets").safeParse(rowPerYear).success, false);
    assert.equal(mappingOfTarget(rowPerYear, "progress").valueColumns, undefined);
    const next = grid("実績値\t指標ID\t年度\t目標値\n1\tx\t2024\t2\n");
    const adapted = adaptSavedMapping(rowPerYear, next, valuesHeaderDetector("indicators"));
    if (!adapted.ok) assert.fail(adapted.reason);
    assert.deepEqual(adapted.value.mapping.fields, { id: 1, fiscalYear: 2 });
    assert.deepEqual(adapted.value.mapping.valueColumns, [
      { column: 3, kind: "target" },
      { column: 0, kind: "actual" },
    ]);
  });

  it("values: a table whose header the target cannot find is refused with the target's message", () => {
    const adapted = adaptSavedMapping(
      indicators,
      grid("りんご\tみかん\n1\t2\n"),
      valuesHeaderDetector("budgets"),
    );
    assert.equal(adapted.ok, false);
    assert.match((adapted as { reason: string }).reason, /事業キー」または「事業名」/);
  });

  it("progress: a field mapped by hand follows its header to another column", () => {
    const saved: ColumnMapping = {
      version: 1,
      sheet: "貼り付け",
      headerRows: [1],
      fields: { number: 0, title: 1, status: 2 },
      years: [],
      attributes: [],
      headers: ["No", "内容", "今年度の進み具合"],
    };
    const adapted = adaptSavedMapping(saved, grid("今年度の進み具合\tNo\t内容\n済\t3\t協働事業提案制度\n"));
    if (!adapted.ok) assert.fail(adapted.reason);
    assert.deepEqual(adapted.value.mapping.fields, { status: 0, number: 1, title: 2 });
    assert.deepEqual(adapted.value.unmatched, []);
  });

  it("progress: a header the detection cannot find is read from the saved header rows", () => {
    const saved: ColumnMapping = {
      version: 1,
      sheet: "貼り付け",
      headerRows: [1],
      fields: { number: 0, status: 1 },
      years: [],
      attributes: [],
      headers: ["No", "今年度の進み具合"],
    };
    const adapted = adaptSavedMapping(saved, grid("今年度の進み具合\tNo\n済\t3\n"));
    if (!adapted.ok) assert.fail(adapted.reason);
    assert.deepEqual(adapted.value.mapping.fields, { number: 1, status: 0 });
    // a table with none of the saved headers is not that table: the detection's message stands
    const other = adaptSavedMapping(saved, grid("りんご\tみかん\n1\t2\n"));
    assert.equal(other.ok, false);
    assert.match((other as { reason: string }).reason, /見出し行が見つかりません/);
  });

  it("refuses a saved mapping that is not a ColumnMapping instead of crashing", () => {
    const broken = { version: 1, sheet: "貼り付け", fields: { title: -1 } } as unknown as ColumnMapping;
    const adapted = adaptSavedMapping(broken, grid("No\t内容\n1\tx\n"));
    assert.equal(adapted.ok, false);
  });
});
