/**
 * Target-vs-actual charts as server-rendered SVG (echarts SSR). No script runs in the browser: the SVG is inline
 * markup that the app's CSP allows, and every chart is paired with its data table (the text alternative).
 */
import { createRequire } from "node:module";
import type * as Echarts from "echarts";
import type { IndicatorValue } from "./indicator.js";

// echarts takes ~1 s to load: loaded on the first chart, not at start-up (cold start of every app process)
let loaded: typeof Echarts | null = null;
const echarts = () => {
  loaded ??= createRequire(import.meta.url)("echarts") as typeof Echarts;
  return loaded;
};

export type ChartInput = {
  title: string;
  unit: string | null;
  /** fiscal years in order, with their labels in the organisation's style */
  years: { fiscalYear: number; label: string }[];
  values: readonly IndicatorValue[];
  /** statistics have no targets: only the actuals are drawn */
  showTargets: boolean;
  labels: { target: string; actual: string };
};

/** A4 landscape fits two charts of this size side by side (print.css scales them to the column). */
export const CHART_SIZE = { width: 560, height: 300 } as const;

const COLORS = { actual: "#1f4e8c", target: "#b5452b", axis: "#333333", grid: "#d0d4da" };

/**
 * The echarts option for one indicator: actuals as bars, targets as a dashed line with markers (two shapes, so the
 * chart stays readable when printed in black and white). Absent values are gaps, never zero. Positions of the title,
 * legend and grid are explicit, and animation is off, as server-side rendering needs.
 */
export function chartOption(input: ChartInput): Echarts.EChartsCoreOption {
  const byYear = new Map(input.values.map((v) => [v.fiscalYear, v]));
  const pick = (k: "target" | "actual") => input.years.map((y) => byYear.get(y.fiscalYear)?.[k] ?? null);
  const series: object[] = [
    {
      name: input.labels.actual,
      type: "bar",
      data: pick("actual"),
      itemStyle: { color: COLORS.actual },
      barMaxWidth: 36,
      label: { show: true, position: "top", color: COLORS.axis, fontSize: 11 },
      silent: true,
    },
  ];
  if (input.showTargets) {
    series.push({
      name: input.labels.target,
      type: "line",
      data: pick("target"),
      connectNulls: false,
      symbol: "diamond",
      symbolSize: 9,
      lineStyle: { color: COLORS.target, type: "dashed", width: 2 },
      itemStyle: { color: COLORS.target },
      silent: true,
    });
  }
  return {
    animation: false,
    textStyle: { fontFamily: "sans-serif", color: COLORS.axis },
    title: {
      text: input.title,
      left: 8,
      top: 6,
      textStyle: { fontSize: 13, color: COLORS.axis, width: 540, overflow: "truncate" },
    },
    legend: { top: 30, right: 12, itemWidth: 18, textStyle: { color: COLORS.axis, fontSize: 12 } },
    grid: { left: 64, right: 20, top: 64, bottom: 36 },
    xAxis: {
      type: "category",
      data: input.years.map((y) => y.label),
      axisLabel: { color: COLORS.axis, fontSize: 12 },
      axisLine: { lineStyle: { color: COLORS.axis } },
    },
    yAxis: {
      type: "value",
      name: input.unit ?? "",
      nameTextStyle: { color: COLORS.axis, fontSize: 12 },
      axisLabel: { color: COLORS.axis, fontSize: 12 },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series,
  };
}

/** SVG presentation attributes that may stand in for the `style` properties echarts writes on text. */
const PRESENTATION = new Set([
  "font-size",
  "font-family",
  "font-weight",
  "font-style",
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "opacity",
  "text-anchor",
  "dominant-baseline",
]);

/**
 * Makes echarts' SSR markup safe under a CSP without 'unsafe-inline' styles: the `<style>` element (hover effects
 * only, useless without script) is dropped and each `style="…"` attribute becomes presentation attributes, which a
 * CSP does not govern. Adds `role="img"`, an accessible name and a `<title>` for screen readers.
 */
export function cspSafeSvg(svg: string, label: string): string {
  const name = escapeXml(label);
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/ style="([^"]*)"/g, (_all, css: string) =>
      css
        .replace(/&quot;/g, "'")
        .split(";")
        .map((d) => [d.slice(0, d.indexOf(":")).trim(), d.slice(d.indexOf(":") + 1).trim()])
        .filter(([k, v]) => k && v && PRESENTATION.has(k))
        .map(([k, v]) => ` ${k}="${escapeXml(v!)}"`)
        .join(""),
    )
    .replace(/^<svg /, `<svg role="img" aria-label="${name}" focusable="false" `)
    .replace(/^(<svg[^>]*>)/, `$1<title>${name}</title>`);
}

function escapeXml(s: string): string {
  return s
    .replace(/&(?!(?:amp|lt|gt|quot|#\d+);)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/"/g, "&quot;");
}

/** Renders one chart to an SVG string (always disposed, even when rendering fails). */
export function renderChartSvg(input: ChartInput, label: string, size = CHART_SIZE): string {
  const chart = echarts().init(null, null, {
    renderer: "svg",
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption(chartOption(input));
    return cspSafeSvg(chart.renderToSVGString(), label);
  } finally {
    chart.dispose();
  }
}
