/** The accessibility test run's results file, outside git (DATA_DIR/accessibility-results.json). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AccessibilityResults } from "./accessibility.js";

export const RESULTS_FILE = "accessibility-results.json";

/** The last run's results, or null when none was recorded (or the file is unreadable). */
export function readAccessibilityResults(dataDir: string): AccessibilityResults | null {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dataDir, RESULTS_FILE), "utf8")) as AccessibilityResults;
    return typeof parsed.runAt === "string" && parsed.checks && Array.isArray(parsed.pages) ? parsed : null;
  } catch {
    return null;
  }
}

export function writeAccessibilityResults(dataDir: string, results: AccessibilityResults): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, RESULTS_FILE), `${JSON.stringify(results, null, 2)}\n`);
}
