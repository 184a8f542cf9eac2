import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fiscalYearLabel, periodLabel } from "./plan-years.js";

describe("writing fiscal years in the organisation's style", () => {
  it("writes 和暦 with 元年 and names FY2019 by the new era (令和元年度, the kernel's rule)", () => {
    assert.equal(fiscalYearLabel(2013, "wareki"), "平成25年度");
    assert.equal(fiscalYearLabel(2019, "wareki"), "令和元年度");
    assert.equal(fiscalYearLabel(2019, "wareki-short"), "R1");
    assert.equal(fiscalYearLabel(1989, "wareki"), "平成元年度");
    assert.equal(fiscalYearLabel(2024, "wareki-short"), "R6");
    assert.equal(fiscalYearLabel(2024, "western"), "2024年度");
    assert.equal(fiscalYearLabel(2024, "both"), "2024（令和6）年度");
  });

  it("writes a plan period from first to last year", () => {
    assert.equal(periodLabel(2013, 2017, "wareki"), "平成25年度〜平成29年度");
    assert.equal(periodLabel(null, null, "wareki"), "—");
  });
});
