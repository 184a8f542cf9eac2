import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  ERAS,
  eraOfDate,
  eraSpanJa,
  eraYear,
  findEra,
  lastDayOfEra,
  lastEraYear,
  westernYear,
} from "./era.js";

const intl = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  timeZone: "Asia/Tokyo",
});

function intlEraYear(t: number): { era: string; year: number } {
  const parts = intl.formatToParts(new Date(t));
  const y = parts.find((p) => p.type === "year")!.value;
  return { era: parts.find((p) => p.type === "era")!.value, year: y === "元" ? 1 : Number(y) };
}

describe("era table", () => {
  it("puts each era's first day where the 元号 changed", () => {
    assert.equal(eraOfDate(1989, 1, 7)?.name, "昭和");
    assert.equal(eraOfDate(1989, 1, 8)?.name, "平成");
    assert.equal(eraOfDate(2019, 4, 30)?.name, "平成");
    assert.equal(eraOfDate(2019, 5, 1)?.name, "令和");
    assert.equal(eraOfDate(1926, 12, 24)?.name, "大正");
    assert.equal(eraOfDate(1926, 12, 25)?.name, "昭和");
    assert.equal(eraOfDate(1912, 7, 29)?.name, "明治");
    assert.equal(eraOfDate(1912, 7, 30)?.name, "大正");
    assert.equal(eraOfDate(1868, 1, 25)?.name, "明治");
    assert.equal(eraOfDate(1868, 1, 24), undefined);
  });

  it("knows the last year of each finished era", () => {
    assert.deepEqual(
      ERAS.map((e) => lastEraYear(e)),
      [45, 15, 64, 31, undefined],
    );
    assert.deepEqual(lastDayOfEra(findEra("平成")!), { year: 2019, month: 4, day: 30 });
    assert.equal(eraSpanJa(findEra("平成")!), "平成は1989年1月8日から2019年4月30日まで");
  });

  it("finds an era by name or by letter in either case", () => {
    assert.equal(findEra("H")?.name, "平成");
    assert.equal(findEra("r")?.name, "令和");
    assert.equal(findEra("昭和")?.letter, "S");
    assert.equal(findEra("X"), undefined);
  });

  it("agrees with Node's Intl Japanese calendar on every day from 1873 to 2040", () => {
    // Before 1873 Japan used the lunar calendar and ICU counts 慶応 until 1868-10-23 (see era.ts).
    const day = 86_400_000;
    for (let t = Date.UTC(1873, 0, 1, 3); t < Date.UTC(2041, 0, 1); t += day) {
      const d = new Date(t);
      const era = eraOfDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      const expected = intlEraYear(t);
      if (era?.name !== expected.era || eraYear(era, d.getUTCFullYear()) !== expected.year) {
        assert.fail(
          `${d.toISOString().slice(0, 10)}: table ${era?.name} vs Intl ${expected.era}${expected.year}`,
        );
      }
    }
  });

  it("converts era years and Western years back and forth", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ERAS), fc.integer({ min: 1, max: 200 }), (era, n) => {
        assert.equal(eraYear(era, westernYear(era, n)), n);
      }),
    );
  });
});
