import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { prefPolicyOverviewDocument } from "../plans/fixtures/pref-policy-overview.js";
import {
  checkIndicatorDefs,
  compactSummary,
  formatPercent,
  formatValue,
  parseIndicatorValue,
  valueYearWindow,
  yearColumns,
  yearInWindow,
} from "./indicator.js";
import { parseBudgetForm, parseIndicatorForm } from "./indicator-input.js";

describe("reading a value a clerk types", () => {
  it("reads 1,931団体, １９３１ and 1931 as 1931 when the unit is 団体", () => {
    for (const text of ["1,931団体", "１９３１", "1931", " 1,931 ", "１，９３１団体"]) {
      assert.deepEqual(parseIndicatorValue(text, "団体"), { ok: true, value: 1931 }, text);
    }
  });

  it("reads blank and 「-」 as absent, never as zero", () => {
    for (const text of ["", "  ", "-", "－", "―"])
      assert.deepEqual(parseIndicatorValue(text, "人"), { ok: true, value: null });
    assert.deepEqual(parseIndicatorValue("0", "人"), { ok: true, value: 0 });
  });

  it("refuses a word, another unit, a qualifier and a negative count, saying why in Japanese", () => {
    const reason = (text: string, unit: string | null) => {
      const r = parseIndicatorValue(text, unit);
      assert.ok(!r.ok, text);
      return r.reason;
    };
    assert.match(reason("たくさん", "団体"), /数値として読めません/);
    assert.match(reason("1931人", "団体"), /単位が違います（この欄の単位は「団体」です）/);
    assert.match(reason("1931団体", null), /単位「団体」は付けずに/);
    assert.match(reason("50%以上", "%"), /「以上」は付けずに/);
    assert.match(reason("-5", "団体"), /マイナス/);
    assert.match(reason("▲1,200千円", "千円"), /マイナス/);
  });

  it("accepts a negative difference in ポイント, and ％ for %", () => {
    assert.deepEqual(parseIndicatorValue("-1.5", "ポイント"), { ok: true, value: -1.5 });
    assert.deepEqual(parseIndicatorValue("66.2％", "%"), { ok: true, value: 66.2 });
  });

  it("gives back every non-negative integer it is shown with the unit and separators", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), (n) => {
        assert.deepEqual(parseIndicatorValue(`${n.toLocaleString("en-US")}事業`, "事業"), {
          ok: true,
          value: n,
        });
      }),
    );
  });
});

describe("reading a value a clerk types (properties)", () => {
  const fullWidth = (t: string) =>
    t.replace(/[0-9,.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  const COUNT_UNITS = ["団体", "事業", "人", "件", "千円", "%"];

  it("reads any count in full-width digits, with or without separators and the unit, as the same number", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 99_999_999 }),
        fc.constantFrom(...COUNT_UNITS),
        fc.boolean(),
        fc.boolean(),
        (n, unit, separators, withUnit) => {
          const digits = separators ? n.toLocaleString("en-US") : String(n);
          const text = `${fullWidth(digits)}${withUnit ? unit : ""}`;
          assert.deepEqual(parseIndicatorValue(text, unit), { ok: true, value: n }, text);
        },
      ),
    );
  });

  it("refuses every negative count, whatever the width of the minus sign", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom(...COUNT_UNITS),
        fc.constantFrom("-", "－", "▲", "△"),
        (n, unit, minus) => {
          const r = parseIndicatorValue(`${minus}${n.toLocaleString("en-US")}`, unit);
          assert.ok(!r.ok, `${minus}${n}`);
        },
      ),
    );
  });

  it("refuses a value written in any unit other than the indicator's", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.constantFrom(...COUNT_UNITS),
        fc.constantFrom(...COUNT_UNITS),
        (n, written, unit) => {
          fc.pre(written !== unit);
          const r = parseIndicatorValue(`${n}${written}`, unit);
          assert.ok(!r.ok);
          assert.match(r.reason, /単位/);
        },
      ),
    );
  });

  it("never reads a word, and never reads 「-」 or a blank as zero", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."あいうえおかきくけこ指標"), minLength: 1, maxLength: 8 }),
        (word) => {
          assert.ok(!parseIndicatorValue(word, "団体").ok, word);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom("", " ", "-", "－", "　"),
        fc.constantFrom(...COUNT_UNITS),
        (blank, unit) => {
          assert.deepEqual(parseIndicatorValue(blank, unit), { ok: true, value: null });
        },
      ),
    );
  });

  it("refuses every year outside the plan's term in the indicator form, and saves nothing of it", () => {
    const plan = { firstYear: 2013, lastYear: 2017 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }).filter((y) => y < 2010 || y > 2017),
        (year) => {
          const r = parseIndicatorForm(
            {
              nodeId: "",
              role: "main",
              name: "登録団体数",
              unit: "団体",
              definition: "",
              direction: "up",
              baselineYear: "2010",
              sourceNote: "",
              values: [{ year: String(year), target: "10", actual: "", note: "" }],
            },
            plan,
          );
          assert.ok(!r.ok);
          assert.match(r.errors["values.0.year"]!, /計画の期間/);
        },
      ),
    );
  });
});

describe("which fiscal years an indicator may hold", () => {
  const overview = { firstYear: 2010, lastYear: 2010 };
  it("goes back to the baseline year for targets (H18 in the fiscal-2010 overview) and stops at the plan's last year", () => {
    const w = valueYearWindow(overview, { role: "main", baselineYear: 2006 });
    assert.deepEqual(w, { from: 2006, to: 2010 });
    assert.ok(yearInWindow(2006, w) && yearInWindow(2010, w));
    assert.ok(!yearInWindow(2005, w) && !yearInWindow(2011, w));
  });

  it("lets statistics (現状) describe the years before the plan", () => {
    const w = valueYearWindow({ firstYear: 2013, lastYear: 2017 }, { role: "statistic", baselineYear: null });
    assert.ok(yearInWindow(2008, w));
    assert.ok(!yearInWindow(2018, w));
  });

  it("does not limit the years of a plan without a period", () => {
    assert.equal(
      valueYearWindow({ firstYear: null, lastYear: null }, { role: "main", baselineYear: null }),
      null,
    );
  });
});

describe("year columns and display", () => {
  it("puts every year of every series once, in order, as the overview's H18年度 … H22年度 columns", () => {
    assert.deepEqual(
      yearColumns(prefPolicyOverviewDocument.indicators.map((x) => x.values)),
      [2006, 2007, 2008, 2009, 2010],
    );
    assert.deepEqual(
      yearColumns([[{ fiscalYear: 2010 }], [{ fiscalYear: 2009 }, { fiscalYear: 2010 }]]),
      [2009, 2010],
    );
  });

  it("prints values as the documents do and an absent value as 「-」", () => {
    assert.equal(formatValue(1931, "団体"), "1,931団体");
    assert.equal(formatValue(null, "団体"), "-");
    assert.equal(formatPercent(113.588), "113.6%");
    assert.equal(formatPercent(null), "-");
  });

  it("sums up an indicator in one line with the latest actual and its achievement", () => {
    const words = {
      role: "主指標",
      actual: "実績値",
      target: "目標値",
      rate: "達成率",
      yearLabel: (y: number) => `FY${y}`,
      line: (r: string, n: string, y: string, v: string) => `${r} ${n}: ${y} ${v}`,
    };
    const npo = prefPolicyOverviewDocument.indicators[0]!;
    assert.equal(
      compactSummary(npo, words),
      `主指標 ${npo.name}: FY2008 実績値 1,931団体／目標値 1,700団体（達成率 113.6%）`,
    );
    assert.equal(compactSummary({ ...npo, values: [] }, words), null);
  });
});

describe("what a document's indicators may not contain", () => {
  it("finds no problem in the fiscal-2010 overview", () => {
    assert.deepEqual(checkIndicatorDefs(prefPolicyOverviewDocument), []);
  });

  it("locates two values for one year and two indicators of the same name on one item", () => {
    const doc = structuredClone(prefPolicyOverviewDocument);
    doc.indicators[2]!.name = doc.indicators[1]!.name.normalize("NFKC");
    doc.budgets[0]!.amounts.push({ fiscalYear: 2009, amount: 1 });
    const problems = checkIndicatorDefs(doc);
    assert.deepEqual(
      problems.map((p) => p.path),
      ["indicators[2].name", "budgets[0].amounts"],
    );
  });
});

describe("the forms", () => {
  const plan = { firstYear: 2010, lastYear: 2010 };
  it("asks for a direction on a targeted indicator and leaves fully blank year rows out", () => {
    const r = parseIndicatorForm(
      {
        nodeId: "",
        role: "main",
        name: "x",
        unit: "人",
        definition: "",
        direction: "",
        baselineYear: "",
        sourceNote: "",
        values: [{ year: "2010", target: "", actual: "", note: "" }],
      },
      plan,
    );
    assert.ok(!r.ok);
    assert.deepEqual(Object.keys(r.errors), ["direction"]);
  });

  it("reads budget years in 和暦 and refuses the same year twice", () => {
    const r = parseBudgetForm(
      {
        nodeId: "",
        name: "事業",
        servesLabel: "",
        summary: "",
        amounts: [
          { year: "平成22年度", amount: "2,612" },
          { year: "2010", amount: "1" },
        ],
      },
      plan,
    );
    assert.ok(!r.ok);
    assert.match(r.errors["amounts.1.year"]!, /2回/);
  });
});
