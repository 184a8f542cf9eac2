/**
 * PDF = Chromium printing the report's HTML (stylesheet inlined): the same A4 landscape pages, repeating
 * headers and page numbers as the browser's print. When no Chromium is installed the caller gets a clear reason.
 */
import { existsSync } from "node:fs";

/** A Chromium on this machine: CHROMIUM_PATH, else Debian's, else the @sparticuz/chromium binary when installed. */
export async function findChromium(): Promise<string | null> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"])
    if (existsSync(p)) return p;
  try {
    const bundled = (await import("@sparticuz/chromium")).default;
    return await bundled.executablePath();
  } catch {
    return null;
  }
}

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function renderPdf(
  html: string,
): Promise<{ ok: true; body: Uint8Array } | { ok: false; message: string }> {
  const executablePath = await findChromium();
  if (!executablePath)
    return {
      ok: false,
      message:
        "このサーバーにはPDFを作るためのChromiumがありません。HTML版をブラウザーで開き「印刷」からPDFに保存してください。",
    };
  // loaded on the first PDF only: the browser driver is large and most processes never print
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  try {
    const page = await browser.newPage();
    // the document is self-contained: nothing to fetch, no script needed
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    return { ok: true, body: new Uint8Array(pdf) };
  } catch {
    return { ok: false, message: "PDFを作成できませんでした。HTML版を印刷してPDFに保存してください。" };
  } finally {
    await browser.close();
  }
}
