import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The acceptance material beside the repository (../shared/reference-docs), where a checkout has it. */
const SHARED = path.resolve(HERE, "../../../shared/reference-docs");
/** The same public documents kept with the demo data, for a clone that has no ../shared. */
const BUNDLED = path.resolve(HERE, "documents");

/** The folder of the reference documents: ../shared/reference-docs when present, else the bundled copies. */
export function referenceDocumentsDir(): string {
  return existsSync(SHARED) ? SHARED : BUNDLED;
}

/** The text of one reference document, e.g. `readReferenceDocument("city-guideline-progress-list.txt")`. */
export function readReferenceDocument(name: string): string {
  return readFileSync(path.join(referenceDocumentsDir(), name), "utf8");
}
