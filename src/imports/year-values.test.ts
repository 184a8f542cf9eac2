import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { formatFiscalYear } from "../japanese/index.js";
import { readPastedText } from "./grid.js";
import { templateValue, valuesTemplateRows } from "./values-template.js";
import {
  detectValuesLayout,
  kindOfWord,
  planValuesImport,
  type SeriesForImport,
  valueKey,
  yearHeaderOf,
} from "./year-values.js";

const sheetOf = (tsv: string) => {
  const g = readPastedText(tsv);
  assert.ok(g.ok);
  return g.value.sheets[0]!;
};

const NPO: SeriesForImport = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "NPO法人の数",
  unit: "団体",
  version: 3,
  live: false,
  window: { from: 2006, to: 2010 },
  values: {
    [valueKey(2009, "target")]: 1700,
    [valueKey(2009, "actual")]: 1931,
    [valueKey(2010, "target")]: null,
  },
};
const LIVE: SeriesForImport = {
  ...NPO,
  id: "22222222-2222-4222-8222-222222222222",
  name: "登録団体数",
  live: true,
  values: { [valueKey(2009, "actual")]: 40 },
};
const OUT: SeriesForImport = { ...NPO, id: "66666666-6666-4666-8666-666666666666", name: "別の指標" };
const TWIN_A: SeriesForImport = {
  ...NPO,
  id: "33333333-3333-4333-8333-333333333333",
  name: "参加者数",
  unit: "人",
};
const TWIN_B: SeriesForImport = { ...TWIN_A, id: "44444444-4444-4444-8444-444444444444" };

describe("year column headers", () => {
  it("reads the documents' spellings", () => {
    assert.deepEqual(yearHeaderOf("H22目標"), { fiscalYear: 2010, kind: "target" });
    assert.deepEqual(yearHeaderOf("平成22年度 実績"), { fiscalYear: 2010, kind: "actual" });
    assert.deepEqual(yearHeaderOf("2024年度目標値"), { fiscalYear: 2024, kind: "target" });
    assert.deepEqual(yearHeaderOf("目標値（H22）"), { fiscalYear: 2010, kind: "target" });
    assert.deepEqual(yearHeaderOf("令和元年度実績値"), { fiscalYear: 2019, kind: "actual" });
    assert.deepEqual(yearHeaderOf("２０２４年度"), { fiscalYear: 2024, kind: null });
    assert.equal(yearHeaderOf("指標名"), null);
    assert.equal(yearHeaderOf("目標年度"), null);
    assert.equal(yearHeaderOf(""), null);
  });

  it("property: any year in any style with any kind word round-trips", () => {
    const styles = ["wareki", "wareki-short", "western"] as const;
    const words = [
      ["目標", "target"],
      ["目標値", "target"],
      ["実績", "actual"],
      ["実績値", "actual"],
    ] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2060 }),
        fc.constantFrom(...styles),
        fc.constantFrom(...words),
        fc.constantFrom("", " ", "　"),
        fc.boolean(),
        (fy, style, [word, kind], space, wordFirst) => {
          const year = formatFiscalYear(fy, style);
          const header = wordFirst ? `${word}${space}(${year})` : `${year}${space}${word}`;
          assert.deepEqual(yearHeaderOf(header), { fiscalYear: fy, kind }, header);
        },
      ),
    );
  });

  it("property: text without a year is never a year column", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }).filter((s) => !/[0-9０-９一二三四五六七八九〇元]/.test(s)),
        (s) => {
          assert.equal(yearHeaderOf(s), null);
        },
      ),
    );
  });

  it("reads a two-row header: 年度 over 目標 / 実績, and 目標値 over the years", () => {
    const a = detectValuesLayout(
      sheetOf("指標名\t単位\tH21\t\tH22\t\n\t\t目標\t実績\t目標\t実績\nx\t団体\t1\t2\t3\t4"),
      "indicators",
    );
    assert.deepEqual(
      a?.years.map((y) => [y.column, y.fiscalYear, y.kind]),
      [
        [2, 2009, "target"],
        [3, 2009, "actual"],
        [4, 2010, "target"],
        [5, 2010, "actual"],
      ],
    );
    assert.deepEqual(a?.headerRows, [1, 2]);
    const b = detectValuesLayout(
      sheetOf("指標名\t目標値\t\t実績値\n\tH21\tH22\tH21\nx\t1\t2\t3"),
      "indicators",
    );
    assert.deepEqual(
      b?.years.map((y) => [y.fiscalYear, y.kind]),
      [
        [2009, "target"],
        [2010, "target"],
        [2009, "actual"],
      ],
    );
  });

  it("a single-row header is not taken for two rows because of a number under it", () => {
    const l = detectValuesLayout(sheetOf("指標名\tH21目標\nx\t1931"), "indicators");
    assert.deepEqual(l?.headerRows, [1]);
  });

  it("kind words", () => {
    assert.equal(kindOfWord("目標"), "target");
    assert.equal(kindOfWord("実 績 値"), "actual");
    assert.equal(kindOfWord("予算額"), "amount");
    assert.equal(kindOfWord("年度"), null);
  });
});

describe("planValuesImport", () => {
  const series = [NPO, LIVE, TWIN_A, TWIN_B];

  it("matches by key then name and lists the cells that change", () => {
    const p = planValuesImport(
      sheetOf(
        `指標キー\t指標名\t単位\tH21目標\tH21実績\tH22目標\n${NPO.id}\t（別名）\t団体\t1,700団体\t１９３１\t2,000\n`,
      ),
      "indicators",
      series,
    );
    assert.deepEqual(p.problems, []);
    assert.equal(p.changes.length, 1);
    assert.deepEqual(p.changes[0]!.changes, [
      { fiscalYear: 2010, kind: "target", before: null, after: 2000 },
    ]);
    assert.equal(p.changes[0]!.version, 3);
  });

  it("a row per year (the open data): 年度 names the year of the 目標値 / 実績値 columns, one change per series", () => {
    const sheet = sheetOf(
      [
        "指標ID\t区分\t指標名\t単位\t年度\t目標値\t実績値",
        `${NPO.id}\tmain\tNPO法人の数\t団体\t2009\t1700\t1932`,
        `${NPO.id}\tmain\tNPO法人の数\t団体\t平成22年度\t2,000\t`,
        `${NPO.id}\tmain\tNPO法人の数\t団体\t2010\t1\t`,
        `${NPO.id}\tmain\tNPO法人の数\t団体\t次年度\t1\t`,
      ].join("\n"),
    );
    const layout = detectValuesLayout(sheet, "indicators");
    assert.equal(layout?.yearColumn, 4);
    assert.deepEqual(layout?.valueColumns, [
      { column: 5, kind: "target" },
      { column: 6, kind: "actual" },
    ]);
    const p = planValuesImport(sheet, "indicators", series);
    assert.deepEqual(
      p.problems.map((x) => `${x.row}${x.column}`),
      ["4A", "5E"],
      "the same year twice; a year that cannot be read",
    );
    assert.match(p.problems[0]!.message, /3行目/);
    assert.deepEqual(p.unchanged, []);
    assert.equal(p.changes.length, 1, "the rows of one indicator are one change");
    assert.deepEqual(p.changes[0]!.changes, [
      { fiscalYear: 2009, kind: "actual", before: 1931, after: 1932 },
      { fiscalYear: 2010, kind: "target", before: null, after: 2000 },
    ]);
  });

  it("`-` and blank are absent, never zero", () => {
    const p = planValuesImport(sheetOf(`指標名\tH21目標\tH21実績\nNPO法人の数\t-\t\n`), "indicators", series);
    assert.deepEqual(p.changes[0]!.changes, [
      { fiscalYear: 2009, kind: "target", before: 1700, after: null },
      { fiscalYear: 2009, kind: "actual", before: 1931, after: null },
    ]);
  });

  it("locates every refusal as sheet / row / column / reason", () => {
    const p = planValuesImport(
      sheetOf(
        [
          "指標キー\t指標名\t単位\tH21目標\tH21実績\tH30目標",
          `\tNPO法人の数\t\t1,700人\t1931\t-`,
          `\t登録団体数\t\t\t41\t`,
          `\t参加者数\t\t1\t\t`,
          `\t知らない指標\t\t1\t\t`,
          `\t\t\t\t\t`,
          `99999999-9999-4999-8999-999999999999\t\t\t1\t\t`,
          `${OUT.id}\t\t\t\t\t5`,
        ].join("\n"),
      ),
      "indicators",
      [...series, OUT],
    );
    const at = p.problems.map((x) => `${x.row}${x.column}`);
    assert.deepEqual(at, ["2D", "3E", "4B", "5B", "7A", "8F"]);
    assert.match(p.problems[0]!.message, /単位/);
    assert.match(p.problems[1]!.message, /名簿/);
    assert.match(p.problems[2]!.message, /複数/);
    assert.match(p.problems[5]!.message, /期間/);
    assert.equal(p.changes.length, 0);
  });

  it("a unit column that disagrees is an error of that cell", () => {
    const p = planValuesImport(sheetOf(`指標名\t単位\tH21目標\nNPO法人の数\t人\t1\n`), "indicators", series);
    assert.equal(p.problems[0]?.column, "B");
  });

  it("budgets: bare years are amounts in 千円, negative refused", () => {
    const line: SeriesForImport = {
      id: "55555555-5555-4555-8555-555555555555",
      name: "NPO活動推進事業",
      unit: "千円",
      version: 1,
      live: false,
      window: { from: 2009, to: 2010 },
      values: { [valueKey(2010, "amount")]: 2612 },
    };
    const ok = planValuesImport(
      sheetOf(`事業名\tH21\tH22\nNPO活動推進事業\t３，０１１\t2,612千円\n`),
      "budgets",
      [line],
    );
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.changes[0]!.changes, [
      { fiscalYear: 2009, kind: "amount", before: null, after: 3011 },
    ]);
    const bad = planValuesImport(sheetOf(`事業名\tH21\nNPO活動推進事業\t-5\n`), "budgets", [line]);
    assert.equal(bad.problems[0]?.column, "B");
    assert.match(bad.problems[0]!.message, /マイナス/);
  });

  it("property: a template re-imports with no change and no problem", () => {
    const value = fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 5, maxLength: 5 }), (pairs) => {
        const years = [2006, 2007, 2008, 2009, 2010];
        const s: SeriesForImport = {
          ...NPO,
          values: Object.fromEntries(
            years.flatMap((y, i) => [
              [valueKey(y, "target"), pairs[i]![0]],
              [valueKey(y, "actual"), pairs[i]![1]],
            ]),
          ),
        };
        const rows = valuesTemplateRows("indicators", { series: [s], years });
        const p = planValuesImport(sheetOf(rows.map((r) => r.join("\t")).join("\n")), "indicators", [s]);
        assert.deepEqual(p.problems, []);
        assert.equal(p.changes.length, 0);
        assert.equal(p.unchanged.length, 1);
      }),
    );
  });

  it("template values: plain digits, `-` for absent", () => {
    assert.equal(templateValue(1931), "1931");
    assert.equal(templateValue(12.5), "12.5");
    assert.equal(templateValue(null), "-");
  });
});
