import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/**
 * Finds a Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the binary that `npm ci` brings
 * with the @sparticuz/chromium dev dependency (unpacked into /tmp on first use), so browser tests pass on a
 * fresh machine without apt.
 */
export async function findChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (existsSync(p)) return p;
  const bundled = (await import("@sparticuz/chromium")).default;
  return bundled.executablePath();
}

/** Flags for a closed network: no background connections, no sandbox (root in CI), no GPU. */
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

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await findChromium(), headless: true, args: ARGS });
}
