/**
 * The report as one HTML document that prints on A4 landscape: table headers repeat on every page (thead),
 * rows are never cut across pages, every page carries its number (@page margin boxes), the as-of line heads the
 * report. Built as a string from the report model (not hono/jsx): the same document is served in the app, handed
 * to the public portal, and printed to PDF by Chromium with its stylesheet inlined.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportBlock, ReportModel, TableBlock } from "./report-model.js";

const CSS_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../web/static/report.css");

export function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Text with its line breaks kept. */
const text = (s: string) => esc(s).replace(/\r?\n/g, "<br>");

function table(t: TableBlock, id: string): string {
  const total = t.widths.reduce((a, b) => a + b, 0) || 1;
  const out: string[] = [];
  out.push(
    `<table class="report-table${t.main ? " report-main" : ""}"${t.caption ? ` aria-describedby="${id}"` : ""}>`,
  );
  if (t.caption) out.push(`<caption id="${id}">${text(t.caption)}</caption>`);
  out.push("<colgroup>");
  for (const w of t.widths) out.push(`<col class="w${Math.max(1, Math.round((w / total) * 100))}">`);
  out.push("</colgroup><thead>");
  for (const row of t.head) {
    out.push("<tr>");
    for (const c of row) {
      const span = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ""}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ""}`;
      const scope = c.colSpan > 1 ? "colgroup" : "col";
      out.push(c.text ? `<th scope="${scope}"${span}>${text(c.text)}</th>` : `<td${span}></td>`);
    }
    out.push("</tr>");
  }
  out.push("</thead><tbody>");
  const n = t.widths.length;
  for (const r of t.rows) {
    if (r.kind === "group") {
      out.push(
        `<tr class="group level${r.level}"><th scope="rowgroup" colspan="${n}">${text(r.text)}</th></tr>`,
      );
      continue;
    }
    const cls = [r.flagged ? "differs" : "", r.total ? "total" : ""].filter(Boolean).join(" ");
    out.push(`<tr${cls ? ` class="${cls}"` : ""}>`);
    for (const c of r.cells) out.push(`<td>${text(c)}</td>`);
    out.push("</tr>");
  }
  out.push("</tbody></table>");
  return out.join("");
}

function block(b: ReportBlock, i: number): string {
  switch (b.type) {
    case "heading":
      return `<h${b.level}>${text(b.text)}</h${b.level}>`;
    case "paragraph":
      return `<p>${text(b.text)}</p>`;
    case "bullets":
      return `<ul>${b.items.map((x) => `<li>${text(x)}</li>`).join("")}</ul>`;
    case "fields":
      return `<dl class="report-fields">${b.items.map((f) => `<div><dt>${text(f.label)}</dt><dd>${text(f.text)}</dd></div>`).join("")}</dl>`;
    case "note":
      return `<p class="report-note">${text(b.text)}</p>`;
    case "table":
      return table(b, `t${i}`);
  }
}

export type HtmlOptions = {
  /** link the stylesheet (served at this URL) or inline it (PDF printing, where no server answers) */
  css: { href: string } | "inline";
  /** links above the report, hidden in print (the app's toolbar); none for the public portal */
  toolbar?: { href: string; label: string }[];
};

export function renderReportHtml(model: ReportModel, opts: HtmlOptions): string {
  const css =
    opts.css === "inline"
      ? `<style>${readFileSync(CSS_PATH, "utf8")}</style>`
      : `<link rel="stylesheet" href="${esc(opts.css.href)}">`;
  const out: string[] = [
    "<!DOCTYPE html>",
    `<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${esc(model.title)}${model.layoutName !== model.title ? ` — ${esc(model.layoutName)}` : ""}</title>${css}</head>`,
    `<body class="report">`,
  ];
  if (opts.toolbar?.length) {
    out.push(`<nav class="report-toolbar no-print" aria-label="報告書の操作"><ul>`);
    for (const l of opts.toolbar) out.push(`<li><a href="${esc(l.href)}">${esc(l.label)}</a></li>`);
    out.push("</ul></nav>");
  }
  out.push(`<main><header class="report-header">`);
  if (model.orgName) out.push(`<p class="report-org">${text(model.orgName)}</p>`);
  out.push(`<h1>${text(model.title)}</h1>`);
  if (model.subtitle) out.push(`<p class="report-subtitle">${text(model.subtitle)}</p>`);
  if (model.asOf) out.push(`<p class="report-asof">${text(model.asOf)}</p>`);
  out.push("</header>");
  if (model.notes.length) {
    out.push(`<section class="report-notes" aria-label="ご注意"><ul>`);
    for (const n of model.notes) out.push(`<li>${text(n)}</li>`);
    out.push("</ul></section>");
  }
  model.blocks.forEach((b, i) => {
    out.push(block(b, i));
  });
  if (model.legend.length) {
    out.push(`<section class="report-legend" aria-labelledby="legend-h"><h2 id="legend-h">凡例</h2><dl>`);
    for (const l of model.legend) out.push(`<div><dt>${text(l.term)}</dt><dd>${text(l.text)}</dd></div>`);
    out.push("</dl></section>");
  }
  out.push("</main></body></html>");
  return out.join("\n");
}
