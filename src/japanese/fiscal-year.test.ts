import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type EraRule,
  fiscalYearEra,
  formatFiscalYear,
  MAX_YEAR,
  MIN_YEAR,
  parseFiscalYear,
  parseYearHeaders,
  type YearStyle,
} from "./fiscal-year.js";

const STYLES: YearStyle[] = ["wareki", "wareki-short", "western", "both"];
const RULES: EraRule[] = ["new-era", "fy-start-era"];

function value(input: string, ctx?: Parameters<typeof parseFiscalYear>[1]): number {
  const r = parseFiscalYear(input, ctx);
  if (!r.ok) assert.fail(`${input}: ${r.reason}`);
  return r.value;
}

describe("parseFiscalYear", () => {
  it("reads every spelling in the issue and the reference documents", () => {
    assert.equal(value("H18年度"), 2006);
    assert.equal(value("平成22年度"), 2010);
    assert.equal(value("平成 2 2 年度"), 2010);
    assert.equal(value("(21)", { era: "平成" }), 2009);
    assert.equal(value("21", { era: "平成" }), 2009);
    assert.equal(value("R3"), 2021);
    assert.equal(value("R5年度"), 2023);
    assert.equal(value("令和5年度"), 2023);
    assert.equal(value("令和元年度"), 2019);
    assert.equal(value("平成31年度"), 2019);
    assert.equal(value("2024年度"), 2024);
    assert.equal(value("２０２４年度"), 2024);
    assert.equal(value("FY2024"), 2024);
    assert.equal(value("2024（令和6）年度"), 2024);
    assert.equal(value("令和6（2024）年度"), 2024);
    assert.equal(value("㍻22年度"), 2010);
    assert.equal(value("平成二十二年度"), 2010);
    assert.equal(value("ｈ１８"), 2006);
  });

  it("accepts both names of a fiscal year that spans two eras", () => {
    assert.equal(value("昭和63年度"), 1988);
    assert.equal(value("平成元年度"), 1989);
    assert.equal(value("大正15年度"), 1926);
    assert.equal(value("昭和元年度"), 1926);
    assert.equal(value("明治45年度"), 1912);
    assert.equal(value("大正元年度"), 1912);
  });

  it("explains a year that does not exist, in Japanese", () => {
    assert.deepEqual(parseFiscalYear("平成32年度"), {
      ok: false,
      reason: "「平成32年度」は存在しない年度です（平成は31年度まで）",
    });
    // 昭和64年 existed (1月1日–7日) but the fiscal year that began in April 1989 is 平成元年度.
    assert.deepEqual(parseFiscalYear("昭和64年度"), {
      ok: false,
      reason: "「昭和64年度」は存在しない年度です（昭和は63年度まで）",
    });
    const zero = parseFiscalYear("令和0年度");
    assert.ok(!zero.ok && zero.reason.includes("元年"));
    const bare = parseFiscalYear("(21)");
    assert.ok(!bare.ok && bare.reason.includes("元号"));
    const mismatch = parseFiscalYear("2024（令和5）年度");
    assert.ok(!mismatch.ok && mismatch.reason.includes("合いません"));
    const old = parseFiscalYear("1500年度");
    assert.ok(!old.ok && old.reason.includes("範囲外"));
    assert.deepEqual(parseFiscalYear(""), { ok: false, reason: "年度が空です" });
    assert.equal(parseFiscalYear("来年度").ok, false);
  });

  it("never throws, and a success is always a year in range", () => {
    const yearish = fc
      .array(
        fc.constantFrom(
          "平成",
          "令和",
          "昭和",
          "H",
          "R",
          "元",
          "年度",
          "年",
          "(",
          ")",
          "（",
          "）",
          " ",
          "1",
          "2",
          "3",
          "9",
          "０",
          "二",
          "十",
          "FY",
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), yearish),
        fc.boolean(),
        (s, withEra) => {
          const r = parseFiscalYear(s, withEra ? { era: "平成" } : undefined);
          if (r.ok) assert.ok(Number.isInteger(r.value) && r.value >= MIN_YEAR && r.value <= MAX_YEAR, s);
          else assert.ok(r.reason.length > 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("ignores PDF spacing anywhere inside a year", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1989, max: 2019 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (fy, gaps) => {
          const text = formatFiscalYear(fy, "wareki", { eraRule: "fy-start-era", gannen: false });
          const spaced = [...text].map((ch, i) => (gaps[i % gaps.length] ? `${ch} ` : ch)).join("");
          assert.equal(value(spaced), fy);
        },
      ),
    );
  });
});

describe("formatFiscalYear", () => {
  it("writes the four styles of the issue", () => {
    assert.equal(formatFiscalYear(2024, "wareki"), "令和6年度");
    assert.equal(formatFiscalYear(2024, "wareki-short"), "R6");
    assert.equal(formatFiscalYear(2024, "western"), "2024年度");
    assert.equal(formatFiscalYear(2024, "both"), "2024（令和6）年度");
  });

  it("lets the caller choose how FY2019 is named", () => {
    assert.equal(formatFiscalYear(2019, "wareki"), "令和元年度");
    assert.equal(formatFiscalYear(2019, "wareki", { eraRule: "fy-start-era" }), "平成31年度");
    assert.equal(formatFiscalYear(2019, "wareki", { gannen: false }), "令和1年度");
    assert.equal(formatFiscalYear(2019, "wareki-short"), "R1");
    assert.equal(formatFiscalYear(2019, "both"), "2019（令和元）年度");
    assert.equal(formatFiscalYear(1988, "wareki"), "昭和63年度");
    assert.equal(formatFiscalYear(1989, "wareki", { eraRule: "fy-start-era" }), "平成元年度");
    assert.equal(formatFiscalYear(1926, "wareki", { eraRule: "fy-start-era" }), "大正15年度");
    assert.deepEqual(fiscalYearEra(1926), { era: fiscalYearEra(1927)!.era, year: 1 });
  });

  it("falls back instead of throwing on values outside the calendar", () => {
    assert.equal(formatFiscalYear(1800, "wareki"), "1800年度");
    assert.equal(formatFiscalYear(Number.NaN, "wareki"), "NaN");
    assert.equal(formatFiscalYear(2024.5, "western"), "2024.5");
  });

  it("round-trips every year, style and era rule through parseFiscalYear", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_YEAR, max: MAX_YEAR }),
        fc.constantFrom(...STYLES),
        fc.constantFrom(...RULES),
        fc.boolean(),
        (fy, style, eraRule, gannen) => {
          assert.equal(value(formatFiscalYear(fy, style, { eraRule, gannen })), fy);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("parseYearHeaders", () => {
  it("reads bare column headers with a context era", () => {
    assert.deepEqual(parseYearHeaders(["19", "20", "21"], { era: "平成" }), {
      ok: true,
      value: [2007, 2008, 2009],
    });
    assert.deepEqual(parseYearHeaders(["19 20 21"], { era: "平成" }), {
      ok: true,
      value: [2007, 2008, 2009],
    });
  });

  it("carries an era written in one header to the bare headers after it", () => {
    assert.deepEqual(parseYearHeaders(["H20", "21", "22", "R1", "2"]), {
      ok: true,
      value: [2008, 2009, 2010, 2019, 2020],
    });
  });

  it("names the column that cannot be read", () => {
    const r = parseYearHeaders(["H20", "21", "実績"]);
    assert.ok(!r.ok && r.reason.startsWith("3列目: "), JSON.stringify(r));
    const noEra = parseYearHeaders(["19", "20"]);
    assert.ok(!noEra.ok && noEra.reason.startsWith("1列目: "));
  });

  it("reads back any row of formatted years", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: MIN_YEAR, max: MAX_YEAR }), { maxLength: 8 }),
        fc.constantFrom(...STYLES),
        (years, style) => {
          assert.deepEqual(parseYearHeaders(years.map((y) => formatFiscalYear(y, style))), {
            ok: true,
            value: years,
          });
        },
      ),
    );
  });
});
