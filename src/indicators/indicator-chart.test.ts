import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { prefPolicyOverviewDocument } from "../plans/fixtures/pref-policy-overview.js";
import { type ChartInput, chartOption, cspSafeSvg, renderChartSvg } from "./indicator-chart.js";

const npo = prefPolicyOverviewDocument.indicators[0]!;
const input: ChartInput = {
  title: npo.name,
  unit: npo.unit,
  years: npo.values.map((v) => ({ fiscalYear: v.fiscalYear, label: `H${v.fiscalYear - 1988}年度` })),
  values: npo.values,
  showTargets: true,
  labels: { target: "目標値", actual: "実績値" },
};

type Series = { name: string; type: string; data: (number | null)[] };

describe("the target-vs-actual chart", () => {
  it("draws actuals as bars and targets as a line over the years in the organisation's style, gaps for absent values", () => {
    const option = chartOption(input) as { xAxis: { data: string[] }; series: Series[]; animation: boolean };
    assert.equal(option.animation, false);
    assert.deepEqual(option.xAxis.data, ["H18年度", "H19年度", "H20年度", "H21年度", "H22年度"]);
    assert.deepEqual(
      option.series.map((s) => [s.name, s.type, s.data]),
      [
        ["実績値", "bar", [1522, 1576, 1931, null, null]],
        ["目標値", "line", [null, 1600, 1700, 2040, 2140]],
      ],
    );
  });

  it("draws only actuals for a statistic", () => {
    const option = chartOption({ ...input, showTargets: false }) as { series: Series[] };
    assert.deepEqual(
      option.series.map((s) => s.name),
      ["実績値"],
    );
  });

  it("renders an SVG with a role, an accessible name and a title, and no inline style for the CSP to block", () => {
    const svg = renderChartSvg(input, "NPOの数の推移");
    assert.match(svg, /^<svg role="img" aria-label="NPOの数の推移" focusable="false" /);
    assert.match(svg, /<title>NPOの数の推移<\/title>/);
    assert.doesNotMatch(svg, /style=|<style/);
    assert.match(svg, /font-size="12px"/);
    assert.match(svg, />H20年度</);
    assert.match(svg, />1931</, "the bars are labelled with their values");
  });

  it("turns style properties into presentation attributes and escapes the name", () => {
    const out = cspSafeSvg(
      '<svg width="1"><style>.a:hover{fill:red}</style><text style="font-size:12px;font-family:&quot;Noto&quot;;cursor:pointer;">x</text></svg>',
      'A < "B"',
    );
    assert.equal(
      out,
      `<svg role="img" aria-label="A &lt; &quot;B&quot;" focusable="false" width="1"><title>A &lt; &quot;B&quot;</title><text font-size="12px" font-family="'Noto'">x</text></svg>`,
    );
  });
});
