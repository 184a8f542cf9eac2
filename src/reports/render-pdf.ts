/**
 * PDF = Chromium printing the report's HTML (stylesheet inlined): the same A4 landscape pages, repeating
 * headers and page numbers as the browser's print. When no Chromium is installed the caller gets a clear reason.
 * One browser per process, launched on the first PDF and shared (a page each), at most two PDFs at once, closed
 * after a minute without PDFs and when the server stops; a crashed browser is launched again on the next PDF.
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

/** PDFs rendered at once per process; more wait their turn. */
const MAX_CONCURRENT = 2;
/** A PDF that takes longer is abandoned (the page is closed, the person gets the HTML advice). */
const RENDER_TIMEOUT_MS = 60_000;
/** The browser is closed when no PDF was asked for this long, and launched again on the next one. */
const IDLE_MS = 60_000;

type Browser = import("playwright-core").Browser;
let browser: Promise<Browser> | null = null;
let idle: NodeJS.Timeout | null = null;
let active = 0;
const waiting: (() => void)[] = [];
/** How many browsers this process has launched (tests check that PDFs share one). */
export const pdfBrowserStats = { launches: 0 };

/** The process's one browser: launched on first use, launched again if it crashed or was closed. */
function sharedBrowser(executablePath: string): Promise<Browser> {
  if (!browser) {
    pdfBrowserStats.launches++;
    const launched = import("playwright-core").then(({ chromium }) =>
      chromium.launch({ executablePath, headless: true, args: ARGS }),
    );
    browser = launched;
    launched.then(
      (b) =>
        b.on("disconnected", () => {
          if (browser === launched) browser = null;
        }),
      () => {
        if (browser === launched) browser = null;
      },
    );
  }
  return browser;
}

/** Closes the shared browser (idle, or the server shutting down). */
export async function closePdfBrowser(): Promise<void> {
  if (idle) clearTimeout(idle);
  idle = null;
  const b = browser;
  browser = null;
  if (b) await b.then((x) => x.close()).catch(() => {});
}

async function slot(): Promise<void> {
  if (idle) clearTimeout(idle);
  idle = null;
  if (active < MAX_CONCURRENT) {
    active++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) {
    next(); // the slot passes on
    return;
  }
  active--;
  if (active === 0) {
    idle = setTimeout(() => void closePdfBrowser(), IDLE_MS);
    idle.unref();
  }
}

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
  await slot();
  let page: import("playwright-core").Page | null = null;
  let timer: NodeJS.Timeout | undefined;
  try {
    const b = await sharedBrowser(executablePath);
    page = await b.newPage();
    const p = page;
    const work = (async () => {
      // the document is self-contained: nothing to fetch, no script needed
      await p.route("**/*", (route) => route.abort());
      await p.setContent(html, { waitUntil: "load" });
      return p.pdf({ preferCSSPageSize: true, printBackground: true });
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("pdf timeout")), RENDER_TIMEOUT_MS);
    });
    const pdf = await Promise.race([work, timeout]);
    return { ok: true, body: new Uint8Array(pdf) };
  } catch {
    return { ok: false, message: "PDFを作成できませんでした。HTML版を印刷してPDFに保存してください。" };
  } finally {
    clearTimeout(timer);
    await page?.close().catch(() => {});
    release();
  }
}
