/**
 * JIS X 8341-3:2016 AA in a real browser: axe-core (WCAG 2.1 AA) on every public page and on every internal page
 * reachable from the demo administrator's navigation (crawled, so pages added later are scanned too), plus the
 * criteria axe does not cover that a browser can check: keyboard operation and order, no keyboard trap, visible
 * focus, unique titles, consistent navigation, error identification, reflow at 320 px and 200% zoom.
 * The results are written to DATA_DIR/accessibility-results.json, which /public/accessibility reads.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { AccessibilityResults, CheckId } from "../src/portal/accessibility.js";
import { writeAccessibilityResults } from "../src/portal/accessibility-results.js";
import { startTestServer, type TestServer } from "./support/app-server.js";
import { type AxeViolation, axeViolations, describeViolations } from "./support/axe.js";
import { launchBrowser } from "./support/browser.js";
import { screenshot } from "./support/screenshots.js";

const MAX_INTERNAL_PAGES = 45;
const MAX_DEPTH = 3;
/** At most this many pages of one shape (/admin/users/:id …): breadth over repetition. */
const PER_PATTERN = 2;
/** Links the crawl does not follow: downloads, data, sign-out, and pages that change state on GET (none should). */
const SKIP = /\.(csv|json|xlsx|atom|pdf|zip|svg|png)(\?|$)|^\/signout|^\/static\//;

let server: TestServer;
let browser: Browser;
let page: Page;
const results: AccessibilityResults = { runAt: new Date().toISOString(), pages: [], checks: {} };
const record = (id: CheckId, passed: boolean, detail: string) => {
  results.checks[id] = { passed, detail };
};

async function publicPages(base: string, p: Page): Promise<string[]> {
  await p.goto(`${base}/public`);
  const plans = await p.$$eval('main a[href^="/public/plans/"]', (as) => [
    ...new Set(as.map((a) => a.getAttribute("href")!)),
  ]);
  const pages = [
    "/public",
    "/public/search",
    "/public/search?q=協働",
    "/public/open-data",
    "/public/accessibility",
    "/public/groups",
    "/public/proposals",
    "/public/matching",
  ];
  for (const plan of plans) {
    pages.push(plan, `${plan}/data-definitions`);
    await p.goto(`${base}${plan}`);
    const items = await p.$$eval('main a[href*="/items/"]', (as) => as.map((a) => a.getAttribute("href")!));
    pages.push(...items.slice(0, 2), ...items.slice(-1));
  }
  return [...new Set(pages)];
}

async function signIn(p: Page, base: string) {
  await p.goto(`${base}/signin`);
  await p.fill("#signin-email", "admin@demo.kyodo.jp");
  await p.keyboard.press("Tab");
  await p.keyboard.type("kyodo-demo-2026");
  await Promise.all([p.waitForNavigation({ waitUntil: "load" }), p.keyboard.press("Enter")]);
}

/** Same-origin GET links from the signed-in home, breadth first, to a limited depth and count. */
async function internalPages(base: string, p: Page): Promise<string[]> {
  const seen = new Set<string>(["/"]);
  const perPattern = new Map<string, number>();
  const pattern = (key: string) => key.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ":id").replace(/\?.*$/, "?");
  let frontier = ["/"];
  for (let depth = 0; depth < MAX_DEPTH && seen.size < MAX_INTERNAL_PAGES; depth++) {
    const next: string[] = [];
    for (const url of frontier) {
      const res = await p.goto(`${base}${url}`);
      if (!res || !(res.headers()["content-type"] ?? "").includes("text/html")) continue;
      const links = await p.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of links) {
        const u = new URL(href);
        if (u.origin !== base) continue;
        const key = `${u.pathname}${u.search}`;
        if (SKIP.test(key) || key.startsWith("/public") || seen.has(key)) continue;
        if (seen.size >= MAX_INTERNAL_PAGES) break;
        const n = perPattern.get(pattern(key)) ?? 0;
        if (n >= PER_PATTERN) continue;
        perPattern.set(pattern(key), n + 1);
        seen.add(key);
        next.push(key);
      }
    }
    frontier = next;
  }
  return [...seen];
}

before(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: "ja-JP" });
});
after(async () => {
  // the conformance page reads this file (outside git)
  const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
  if (Object.keys(results.checks).length > 0) writeAccessibilityResults(dataDir, results);
  await browser?.close();
  await server?.close();
});

describe("axe-core finds no WCAG 2.1 AA violation", () => {
  it("on every public page", async () => {
    const pages = await publicPages(server.baseUrl, page);
    assert.ok(pages.length >= 10, `${pages.length} public pages`);
    const failures: string[] = [];
    for (const url of [
      ...pages,
      "/public/plans/00000000-0000-4000-8000-000000000000",
      `/public/search?q=${"あ".repeat(200)}`,
    ]) {
      await page.goto(`${server.baseUrl}${url}`);
      const v: AxeViolation[] = await axeViolations(page);
      if (v.length) failures.push(`${url}\n${describeViolations(v)}`);
      results.pages.push(url);
    }
    record("axe", failures.length === 0, failures.join("\n") || `${pages.length} public pages`);
    assert.equal(failures.length, 0, failures.join("\n\n"));
  });

  it("on every internal page reachable from the administrator's navigation", async () => {
    const context = await browser.newContext({ locale: "ja-JP" });
    const p = await context.newPage();
    await signIn(p, server.baseUrl);
    const pages = await internalPages(server.baseUrl, p);
    assert.ok(pages.length >= 8, `crawled ${pages.length} pages: ${pages.join(" ")}`);
    const failures: string[] = [];
    for (const url of pages) {
      const res = await p.goto(`${server.baseUrl}${url}`);
      if (!(res?.headers()["content-type"] ?? "").includes("text/html")) continue;
      const v = await axeViolations(p);
      if (v.length) failures.push(`${url}\n${describeViolations(v)}`);
      results.pages.push(url);
    }
    await context.close();
    const previous = results.checks.axe;
    record(
      "axe",
      (previous?.passed ?? true) && failures.length === 0,
      [previous?.detail, failures.join("\n") || `${pages.length} internal pages`].filter(Boolean).join("\n"),
    );
    assert.equal(failures.length, 0, failures.join("\n\n"));
  });
});

/** Every element that should take focus by Tab, as a stable description. */
async function focusables(p: Page): Promise<string[]> {
  return p.$$eval(
    'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select, textarea, [tabindex="0"]',
    (els) =>
      els
        .filter((e) => {
          const r = (e as HTMLElement).getBoundingClientRect();
          const s = getComputedStyle(e);
          return (
            s.visibility !== "hidden" &&
            s.display !== "none" &&
            (r.width > 0 || e.classList.contains("skip-link"))
          );
        })
        .map(
          (e, i) =>
            `${i}:${e.tagName}:${(e.textContent ?? "").trim().slice(0, 30)}:${e.getAttribute("href") ?? e.id}`,
        ),
  );
}

describe("keyboard alone", () => {
  const samples = async () => {
    const pages = await publicPages(server.baseUrl, page);
    return [
      pages[0]!,
      pages.find((u) => /\/public\/plans\/[^/]+$/.test(u))!,
      pages.find((u) => u.includes("/items/"))!,
      "/public/search?q=協働",
    ];
  };

  it("reaches the skip link first, then the main content, then every link and control in document order, without a trap, with visible focus", async () => {
    const problems: { keyboard: string[]; noTrap: string[]; focusVisible: string[] } = {
      keyboard: [],
      noTrap: [],
      focusVisible: [],
    };
    for (const url of await samples()) {
      await page.goto(`${server.baseUrl}${url}`);
      const expected = await focusables(page);
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.className)) !== "skip-link")
        problems.keyboard.push(`${url}: first Tab is not the skip link`);
      const order: string[] = [];
      for (let i = 0; i < expected.length + 3; i++) {
        const info = await page.evaluate(() => {
          const e = document.activeElement as HTMLElement | null;
          if (!e || e === document.body) return null;
          const all = [
            ...document.querySelectorAll(
              'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select, textarea, [tabindex="0"]',
            ),
          ].filter((x) => {
            const r = (x as HTMLElement).getBoundingClientRect();
            const s = getComputedStyle(x);
            return (
              s.visibility !== "hidden" &&
              s.display !== "none" &&
              (r.width > 0 || x.classList.contains("skip-link"))
            );
          });
          const s = getComputedStyle(e);
          const visible =
            (s.outlineStyle !== "none" && Number.parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
          return {
            index: all.indexOf(e),
            visible,
            label: `${e.tagName} ${(e.textContent ?? "").trim().slice(0, 20)}`,
          };
        });
        if (!info) break; // past the last element: focus left the document (no trap)
        order.push(String(info.index));
        if (!info.visible) problems.focusVisible.push(`${url}: ${info.label} has no visible focus`);
        await page.keyboard.press("Tab");
      }
      const indexes = order.map(Number);
      const missing = expected.length - new Set(indexes).size;
      if (missing > 0)
        problems.keyboard.push(`${url}: ${missing} of ${expected.length} focusable elements never reached`);
      if (indexes.some((x, i) => i > 0 && x <= indexes[i - 1]!))
        problems.keyboard.push(`${url}: Tab order is not the document order (${indexes.join(",")})`);
      if (order.length >= expected.length + 3) problems.noTrap.push(`${url}: focus never left the page`);
      // the skip link moves focus to the main content
      await page.goto(`${server.baseUrl}${url}`);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      if ((await page.evaluate(() => document.activeElement?.id)) !== "main")
        problems.keyboard.push(`${url}: the skip link does not move focus to main`);
    }
    record("keyboard", problems.keyboard.length === 0, problems.keyboard.join("\n") || "4 public pages");
    record("noTrap", problems.noTrap.length === 0, problems.noTrap.join("\n") || "4 public pages");
    record(
      "focusVisible",
      problems.focusVisible.length === 0,
      problems.focusVisible.join("\n") || "4 public pages",
    );
    assert.deepEqual(problems, { keyboard: [], noTrap: [], focusVisible: [] });
  });

  it("operates the search by keyboard: type, Enter, then Tab to a result and open it", async () => {
    await page.goto(`${server.baseUrl}/public/search`);
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.id === "q")) break;
    }
    await page.keyboard.type("協働");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    assert.match(page.url(), /q=%E5%8D%94%E5%83%8D/);
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.closest(".search-results") !== null)) break;
    }
    const target = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    assert.equal(page.url(), target);
  });
});

describe("titles, navigation, errors and reflow", () => {
  it("gives every public page a unique, descriptive title and the same navigation", async () => {
    const pages = await publicPages(server.baseUrl, page);
    const titles = new Map<string, string>();
    const navs = new Set<string>();
    const problems: string[] = [];
    for (const url of pages) {
      await page.goto(`${server.baseUrl}${url}`);
      const title = await page.title();
      if (!/協働推進計画 公開ページ$/.test(title) || title.length < 15)
        problems.push(`${url}: title «${title}»`);
      if (titles.has(title)) problems.push(`${url} and ${titles.get(title)} share the title «${title}»`);
      titles.set(title, url);
      navs.add(
        await page.$$eval('nav[aria-label="公開ページのメニュー"] a', (as) =>
          as.map((a) => `${a.textContent}→${a.getAttribute("href")}`).join("|"),
        ),
      );
    }
    record("titles", problems.length === 0, problems.join("\n") || `${pages.length} unique titles`);
    record("consistentNav", navs.size === 1, `${navs.size} distinct menus on ${pages.length} pages`);
    assert.deepEqual(problems, []);
    assert.equal(navs.size, 1, [...navs].join("\n"));
  });

  it("identifies a search input error in text, tied to the field, with how to fix it", async () => {
    await page.goto(`${server.baseUrl}/public/search?q=${"あ".repeat(150)}`);
    const alert = await page.getByRole("alert").textContent();
    const input = page.locator("#q");
    const describedBy = (await input.getAttribute("aria-describedby")) ?? "";
    const errorText = await page.locator("#q-error").textContent();
    const ok =
      /100文字以内で入力してください/.test(alert ?? "") &&
      (await input.getAttribute("aria-invalid")) === "true" &&
      describedBy.split(" ").includes("q-error") &&
      /100文字以内/.test(errorText ?? "");
    record(
      "errorIdentification",
      ok,
      ok ? "/public/search" : `alert «${alert}», describedby «${describedBy}»`,
    );
    await screenshot(page, "portal-search-error");
    assert.ok(ok);
    assert.deepEqual(await axeViolations(page), []);
  });

  it("reflows at 320 px and at 200% zoom without horizontal scrolling", async () => {
    const pages = await publicPages(server.baseUrl, page);
    const sample = [
      pages[0]!,
      pages.find((u) => /\/public\/plans\/[^/]+$/.test(u))!,
      pages.find((u) => u.includes("/items/"))!,
      "/public/accessibility",
    ];
    const problems: string[] = [];
    // 320 CSS px is 1280 px at 400%; 640 CSS px is 1280 px at 200%
    for (const [width, name] of [
      [320, "320px"],
      [640, "zoom200"],
    ] as const) {
      const context = await browser.newContext({ locale: "ja-JP", viewport: { width, height: 800 } });
      const p = await context.newPage();
      for (const [i, url] of sample.entries()) {
        await p.goto(`${server.baseUrl}${url}`);
        const overflow = await p.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        if (overflow > 0) problems.push(`${url} at ${width}px scrolls sideways by ${overflow}px`);
        await screenshot(p, `portal-${name}-${i}`);
      }
      await context.close();
    }
    record(
      "reflow",
      problems.length === 0,
      problems.join("\n") || `${sample.length} pages at 320 px and 640 px`,
    );
    assert.deepEqual(problems, []);
  });
});
