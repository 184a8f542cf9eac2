import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  fiscalYearOfDate,
  fiscalYearRange,
  formatJapaneseDate,
  formatJapaneseMonth,
  parseJapaneseDate,
  parseJapaneseMonth,
  toIsoDate,
} from "./date.js";
import type { YearStyle } from "./fiscal-year.js";

const STYLES: YearStyle[] = ["wareki", "wareki-short", "western", "both"];

function iso(input: string): string {
  const r = parseJapaneseDate(input);
  if (!r.ok) assert.fail(`${input}: ${r.reason}`);
  return r.value;
}

/** Any valid day from 1868 to 2999. */
const anyDay = fc
  .integer({ min: Date.UTC(1868, 0, 1) / 86_400_000, max: Date.UTC(2999, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

describe("parseJapaneseDate", () => {
  it("reads the date spellings of the issue", () => {
    assert.equal(iso("令和5年12月20日"), "2023-12-20");
    assert.equal(iso("平成26年12月末日"), "2014-12-31");
    assert.equal(iso("平成26年12月末日時点"), "2014-12-31");
    assert.equal(iso("R5.12.20"), "2023-12-20");
    assert.equal(iso("2023/12/20"), "2023-12-20");
    assert.equal(iso("2023-12-20"), "2023-12-20");
    assert.equal(iso("2023年12月20日"), "2023-12-20");
    assert.equal(iso("令和５年１２月２０日"), "2023-12-20");
    assert.equal(iso("令和 5 年 1 2 月 2 0 日現在"), "2023-12-20");
    assert.equal(iso("令和五年十二月二十日"), "2023-12-20");
    assert.equal(iso("2023（令和5）年12月20日"), "2023-12-20");
    assert.equal(iso("令和5年12月20日（水）"), "2023-12-20");
    assert.equal(iso("20231220"), "2023-12-20");
  });

  it("takes 末日 as the last day of that month, leap years included", () => {
    assert.equal(iso("令和2年2月末日"), "2020-02-29");
    assert.equal(iso("令和3年2月末日"), "2021-02-28");
    assert.equal(iso("平成12年2月末日"), "2000-02-29");
    assert.equal(iso("2100年2月末日"), "2100-02-28");
  });

  it("refuses days outside their era and says where the era ends", () => {
    assert.equal(iso("平成31年4月30日"), "2019-04-30");
    assert.equal(iso("令和元年5月1日"), "2019-05-01");
    assert.deepEqual(parseJapaneseDate("平成31年5月1日"), {
      ok: false,
      reason: "「平成31年5月1日」は平成の期間外の日付です（平成は1989年1月8日から2019年4月30日まで）",
    });
    const early = parseJapaneseDate("令和元年4月1日");
    assert.ok(!early.ok && early.reason.includes("令和は2019年5月1日から"));
    assert.equal(iso("昭和64年1月7日"), "1989-01-07");
    assert.equal(parseJapaneseDate("昭和64年1月8日").ok, false);
  });

  it("explains impossible dates", () => {
    assert.deepEqual(parseJapaneseDate("令和5年2月30日"), {
      ok: false,
      reason: "「令和5年2月30日」は存在しない日付です（2023年2月は28日まで）",
    });
    const month = parseJapaneseDate("2023/13/01");
    assert.ok(!month.ok && month.reason.includes("月"));
    const weekday = parseJapaneseDate("令和5年12月20日（木）");
    assert.ok(!weekday.ok && weekday.reason.includes("水曜日"));
    const noYear = parseJapaneseDate("12月20日現在");
    assert.ok(!noYear.ok && noYear.reason.includes("年がありません"));
    assert.deepEqual(parseJapaneseDate(" "), { ok: false, reason: "日付が空です" });
  });

  it("never throws, and a success is always a real ISO date", () => {
    const dateish = fc
      .array(
        fc.constantFrom(
          "令和",
          "平成",
          "H",
          "R",
          "元",
          "年",
          "月",
          "日",
          "末",
          "/",
          ".",
          "-",
          "0",
          "1",
          "2",
          "3",
          "9",
          "十",
          "(水)",
        ),
        {
          maxLength: 10,
        },
      )
      .map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), dateish), (s) => {
        const r = parseJapaneseDate(s);
        if (r.ok) assert.equal(new Date(`${r.value}T00:00:00Z`).toISOString().slice(0, 10), r.value, s);
      }),
      { numRuns: 500 },
    );
  });
});

describe("formatJapaneseDate", () => {
  it("writes the four styles, with 元年 from Intl", () => {
    assert.equal(formatJapaneseDate("2023-12-20", "wareki"), "令和5年12月20日");
    assert.equal(formatJapaneseDate("2023-12-20", "wareki-short"), "R5.12.20");
    assert.equal(formatJapaneseDate("2023-12-20", "western"), "2023年12月20日");
    assert.equal(formatJapaneseDate("2023-12-20", "both"), "2023（令和5）年12月20日");
    assert.equal(formatJapaneseDate("2019-05-01", "wareki"), "令和元年5月1日");
    assert.equal(formatJapaneseDate("2019-05-01", "wareki", { gannen: false }), "令和1年5月1日");
    assert.equal(formatJapaneseDate("1989-01-07", "wareki"), "昭和64年1月7日");
  });

  it("returns text that is not an ISO date unchanged", () => {
    assert.equal(formatJapaneseDate("2023-02-30", "wareki"), "2023-02-30");
    assert.equal(formatJapaneseDate("yesterday", "wareki"), "yesterday");
  });

  it("round-trips every day and style through parseJapaneseDate", () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom(...STYLES), fc.boolean(), (day, style, gannen) => {
        assert.equal(iso(formatJapaneseDate(day, style, { gannen })), day);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("year-months", () => {
  it("reads the revision history of the 2013 basic plan", () => {
    assert.deepEqual(parseJapaneseMonth("平成15年3月"), { ok: true, value: { year: 2003, month: 3 } });
    assert.deepEqual(parseJapaneseMonth("H15.3"), { ok: true, value: { year: 2003, month: 3 } });
    assert.deepEqual(parseJapaneseMonth("2003/03"), { ok: true, value: { year: 2003, month: 3 } });
    assert.deepEqual(parseJapaneseMonth("平成 2 5 年 3 月"), { ok: true, value: { year: 2013, month: 3 } });
  });

  it("accepts a month in which the era changes under either era", () => {
    assert.deepEqual(parseJapaneseMonth("昭和64年1月"), { ok: true, value: { year: 1989, month: 1 } });
    assert.deepEqual(parseJapaneseMonth("平成元年1月"), { ok: true, value: { year: 1989, month: 1 } });
    assert.equal(parseJapaneseMonth("平成31年5月").ok, false);
    assert.equal(parseJapaneseMonth("令和元年4月").ok, false);
    assert.equal(parseJapaneseMonth("平成15年13月").ok, false);
  });

  it("round-trips every month and style", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1868, max: 2999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...STYLES),
        (year, month, style) => {
          assert.deepEqual(parseJapaneseMonth(formatJapaneseMonth({ year, month }, style)), {
            ok: true,
            value: { year, month },
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never throws", () => {
    fc.assert(fc.property(fc.string(), (s) => void parseJapaneseMonth(s)));
  });
});

describe("fiscal year of a date", () => {
  it("starts the fiscal year on April 1", () => {
    assert.deepEqual(fiscalYearOfDate("2024-03-31"), { ok: true, value: 2023 });
    assert.deepEqual(fiscalYearOfDate("令和6年4月1日"), { ok: true, value: 2024 });
    assert.deepEqual(fiscalYearRange(2019), { start: "2019-04-01", end: "2020-03-31" });
  });

  it("puts every day inside the range of its fiscal year", () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const fy = fiscalYearOfDate(day);
        assert.ok(fy.ok);
        const { start, end } = fiscalYearRange(fy.value);
        assert.ok(start <= day && day <= end, `${day} in FY${fy.value}`);
      }),
    );
    assert.equal(toIsoDate(2024, 4, 1), "2024-04-01");
  });
});
