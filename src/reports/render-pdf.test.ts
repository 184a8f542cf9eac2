import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { closePdfBrowser, findChromium, pdfBrowserStats, renderPdf } from "./render-pdf.js";

const doc = (n: number) =>
  `<!DOCTYPE html><html lang="ja"><head><title>報告書${n}</title></head><body><h1>進捗状況一覧 ${n}</h1></body></html>`;

describe("PDF rendering shares one browser per process", {
  skip: !(await findChromium()) && "no Chromium here",
}, () => {
  after(() => closePdfBrowser());

  it("renders several PDFs, at once and one after another, with a single browser launch", async () => {
    const before = pdfBrowserStats.launches;
    const first = await renderPdf(doc(1));
    assert.ok(first.ok);
    assert.equal(Buffer.from(first.body.subarray(0, 5)).toString(), "%PDF-");
    const many = await Promise.all([2, 3, 4, 5].map((n) => renderPdf(doc(n))));
    assert.ok(many.every((r) => r.ok));
    assert.equal(pdfBrowserStats.launches - before, 1);
  });

  it("launches a new browser after it was closed (idle, crashed or shut down)", async () => {
    const before = pdfBrowserStats.launches;
    await closePdfBrowser();
    const r = await renderPdf(doc(6));
    assert.ok(r.ok);
    assert.equal(pdfBrowserStats.launches - before, 1);
  });
});
