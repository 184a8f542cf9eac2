/**
 * Labels, years, dates and values copied by hand from the three documents in
 * /work/shared/reference-docs/ (text extracted from their PDFs), in print order.
 * - city: city-guideline-progress-list.txt (第1期指針 具体施策の進捗状況一覧)
 * - plan: pref-basic-plan-2013.txt (山口県県民活動促進基本計画 第2次改定版 骨子案)
 * - overview: pref-policy-overview-fy2010.txt (平成22年度当初予算 施策別概要)
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseJapaneseDate, parseJapaneseMonth } from "./date.js";
import { parseFiscalYear, parseYearHeaders } from "./fiscal-year.js";
import { compareNumbering, numberingComparator, splitLeadingNumbering } from "./numbering.js";
import { parseQuantity } from "./quantity.js";
import { despacePdfText } from "./text.js";
import { parseTierLabel } from "./tier.js";

/** Sibling lists, each in print order. */
const SIBLINGS: Record<string, readonly string[]> = {
  "city: category rows （1）…（7）": ["（1）", "（2）", "（3）", "（4）", "（5）", "（6）", "（7）"],
  "city: sub-rows under （3）": ["ア", "イ", "ウ", "エ", "オ"],
  "city: sub-rows under （7）": ["ア", "イ", "ウ", "エ"],
  "city: item numbers": Array.from({ length: 23 }, (_, i) => String(i + 1)),
  "city: tiers in the 達成状況 block": ["Ⅰ", "Ⅱ-ア", "Ⅱ-イ", "Ⅲ"],
  "plan: chapters": ["第1章", "第2章", "第3章", "第4章", "第5章", "第6章"],
  "plan: sections of 第1章": ["1", "2", "3", "4", "5", "6"],
  "plan: (1)… under 3 県民活動を巡る情勢の変化": ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
  "plan: (1)… under 第5章 2": ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
  "plan: 施策の基本方針 (ASCII roman)": ["I", "II", "III", "IV"],
  "overview: 基本事業 codes": ["52101", "52102"],
};

/** The tier cells of the item table (重点 column and 達成状況 block). */
const TIER_CELLS = ["【Ⅰ】<重点>", "【Ⅱ-ア】", "【Ⅱ-イ】", "【Ⅲ】"];

describe("labels of the reference documents", () => {
  for (const [name, labels] of Object.entries(SIBLINGS)) {
    it(`sorts ${name} back into print order from any shuffle`, () => {
      fc.assert(
        fc.property(fc.shuffledSubarray([...labels], { minLength: labels.length }), (shuffled) => {
          assert.deepEqual([...shuffled].sort(numberingComparator(labels)), labels);
          assert.deepEqual([...shuffled].sort(compareNumbering), labels);
        }),
        { numRuns: 50 },
      );
    });
  }

  it("reads the tier column and the summary block to the same codes, in print order", () => {
    const codes = TIER_CELLS.map((c) => {
      const r = parseTierLabel(c);
      assert.ok(r.ok, c);
      return r.value.code;
    });
    assert.deepEqual(codes, SIBLINGS["city: tiers in the 達成状況 block"]);
    assert.deepEqual(parseTierLabel("【Ⅰ】<重点施策>"), { ok: true, value: { code: "Ⅰ", note: "重点施策" } });
    // The 2期案 column writes tier Ⅰ as ASCII "I" next to "Ⅱ-イ": the same tier as 【Ⅰ】.
    const proposals = ["Ⅱ-イ", "I", "Ⅲ", "Ⅱ-ア"].map((c) => parseTierLabel(c));
    assert.deepEqual(
      proposals.map((p) => (p.ok ? p.value.code : null)),
      ["Ⅱ-イ", "Ⅰ", "Ⅲ", "Ⅱ-ア"],
    );
    assert.equal(parseTierLabel("○→I").ok, false);
    assert.equal(parseTierLabel("完了").ok, false);
  });

  it("splits the headings of the city list", () => {
    const rows: [string, string | null, string][] = [
      ["（1）活動の場の提供に関すること", "paren-arabic", "活動の場の提供に関すること"],
      ["ア 市民活動団体等の活動拠点の確保", "kana-aiueo", "市民活動団体等の活動拠点の確保"],
      ["イ 活動に伴うリスクの負担に対する支援", "kana-aiueo", "活動に伴うリスクの負担に対する支援"],
      [
        "（5）市民活動団体等がその特性を生かせる分野において、市が行う業務への参加機会の提供に関すること",
        "paren-arabic",
        "市民活動団体等がその特性を生かせる分野において、市が行う業務への参加機会の提供に関すること",
      ],
      ["多様な中間支援組織との連携", null, "多様な中間支援組織との連携"],
    ];
    for (const [text, kind, rest] of rows) {
      const r = splitLeadingNumbering(text);
      assert.equal(r.numbering?.kind ?? null, kind, text);
      assert.equal(r.rest, rest);
    }
  });

  it("splits the headings of the basic plan and leaves its bullets and notes alone", () => {
    const rows: [string, string | null, readonly number[] | null][] = [
      ["第1章 基本計画改定の背景と趣旨", "chapter", [1]],
      ["1 基本計画策定の経緯", "arabic", [1]],
      ["1\t基本計画策定の経緯\t1", "arabic", [1]],
      ["(1) 地域のコミュニティ機能の低下と住民ニーズの多様化", "paren-arabic", [1]],
      ["I 県民活動への理解と参加の促進", "roman", [1]],
      ["IV 「県民力」、「地域力」の向上に向けた県民活動の一層の促進", "roman", [4]],
      ["- 平成13年に開催した「山口きらら博」では", null, null],
      ["(平成23年度県政世論調査)", null, null],
      ["（※）本基本計画では、企業や商業・農林水産業を営む者の意味であり", null, null],
      ["(※) コミュニティ型のWebサイトであり", null, null],
      ["《策定経緯》", null, null],
    ];
    for (const [text, kind, values] of rows) {
      const r = splitLeadingNumbering(text);
      assert.equal(r.numbering?.kind ?? null, kind, text);
      assert.deepEqual(r.numbering?.values ?? null, values, text);
    }
  });

  it("splits the codes of the FY2010 overview, spaced out or not", () => {
    assert.deepEqual(
      splitLeadingNumbering("52101 N P O と行政との協働の推進 (生活・文化部)").numbering?.values,
      [52101],
    );
    assert.equal(
      splitLeadingNumbering(" 52102 県民の社会参画活動への支援 (生活・文化部)").rest,
      "県民の社会参画活動への支援 (生活・文化部)",
    );
    const spaced = splitLeadingNumbering(
      despacePdfText("5 2 1 N P O (ボランティア団体・市民活動団体等) の参画による地域社会づくりの推進"),
    );
    assert.deepEqual(spaced.numbering?.values, [521]);
    assert.equal(spaced.rest, "NPO (ボランティア団体・市民活動団体等) の参画による地域社会づくりの推進");
  });
});

describe("years, dates and values of the reference documents", () => {
  it("reads the year headers of the indicator tables", () => {
    assert.deepEqual(parseYearHeaders(["H18年度", "H19年度", "H20年度", "H21年度", "H22年度"]), {
      ok: true,
      value: [2006, 2007, 2008, 2009, 2010],
    });
    assert.deepEqual(parseYearHeaders(["H20", "H21", "H22", "H23"]), {
      ok: true,
      value: [2008, 2009, 2010, 2011],
    });
  });

  it("reads the budget years (21) and (22) of a 平成22年度 budget", () => {
    const era = { era: "平成" as const };
    assert.deepEqual(
      ["(21)", "(22)"].map((y) => parseFiscalYear(y, era)),
      [
        { ok: true, value: 2009 },
        { ok: true, value: 2010 },
      ],
    );
    assert.deepEqual(parseFiscalYear("平成 2 2 年度"), { ok: true, value: 2010 });
  });

  it("reads the plan period and the revision history", () => {
    assert.deepEqual(parseFiscalYear("平成25年度"), { ok: true, value: 2013 });
    assert.deepEqual(parseFiscalYear("平成29年度"), { ok: true, value: 2017 });
    assert.deepEqual(parseFiscalYear("R5年度"), { ok: true, value: 2023 });
    assert.deepEqual(parseFiscalYear("令和6年度"), { ok: true, value: 2024 });
    const history = ["平成14年3月", "平成15年3月", "平成20年3月", "平成23年3月", "平成25年3月"].map((m) =>
      parseJapaneseMonth(m),
    );
    assert.deepEqual(
      history.map((r) => (r.ok ? `${r.value.year}-${r.value.month}` : r.reason)),
      ["2002-3", "2003-3", "2008-3", "2011-3", "2013-3"],
    );
    assert.deepEqual(parseJapaneseDate("平成26年12月末日時点"), { ok: true, value: "2014-12-31" });
  });

  it("reads the indicator values, with - as absent", () => {
    const target = ["-", "1,600団体", "1,700団体", "2,040団体", "2,140団体"].map((c) => parseQuantity(c));
    assert.deepEqual(
      target.map((r) => (r.ok ? r.value.value : r.reason)),
      [null, 1600, 1700, 2040, 2140],
    );
    assert.deepEqual(parseQuantity("39人"), { ok: true, value: { value: 39, unit: "人", qualifier: null } });
    assert.deepEqual(parseQuantity("3,011千円"), {
      ok: true,
      value: { value: 3011, unit: "千円", qualifier: null },
    });
    assert.deepEqual(parseQuantity("- 千円"), {
      ok: true,
      value: { value: null, unit: "千円", qualifier: null },
    });
    assert.deepEqual(parseQuantity("35,274千円"), {
      ok: true,
      value: { value: 35274, unit: "千円", qualifier: null },
    });
  });
});
