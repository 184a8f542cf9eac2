import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { count, eq } from "drizzle-orm";
import { organisations } from "../accounts/accounts.table.js";
import type { Db } from "../db/client.js";
import { detectStructure } from "../imports/detect.js";
import { readTextTable } from "../imports/grid.js";
import { gridToPlanDocument } from "../imports/grid-to-plan.js";
import { parsePlanText } from "../imports/text/index.js";
import { importPlanDocument } from "../plans/import-plan-document.js";
import { plans } from "../plans/plan.table.js";
import type { PlanDocument } from "../plans/plan-document.js";
import { SYSTEM_ACTOR } from "../plans/plan-use-case.js";
import { publishPlan } from "../portal/publish-plan.js";
import type { Logger } from "../web/log.js";

/** The real public documents of ../shared/reference-docs, kept with the demo (src/demo/documents/). */
export const DEMO_DOCUMENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "documents");

export type DemoDocument = {
  file: string;
  /** 全国地方公共団体コード of the organisation the document belongs to */
  orgCode: string;
  /** Turns the file's text into a PlanDocument through the product's own importers, or explains why not. */
  parse(text: string): { ok: true; doc: PlanDocument } | { ok: false; reason: string };
};

/**
 * The city guideline's progress list: a tab table extracted from a PDF. Its status column reports on
 * 令和5年度 (its texts are dated 令和5年12月20日), which the list itself does not print as a heading.
 */
function parseCityGuideline(text: string): { ok: true; doc: PlanDocument } | { ok: false; reason: string } {
  const grid = readTextTable(text);
  if (!grid.ok) return { ok: false, reason: grid.reason };
  const detected = detectStructure(grid.value);
  if (!detected.ok) return { ok: false, reason: detected.reason };
  const { doc, problems } = gridToPlanDocument(grid.value, detected.value.mapping, {
    sourceName: "city-guideline-progress-list.txt",
    fiscalYear: 2023,
    levelNames: ["施策の分野", "施策の方向", "具体施策"],
  });
  if (problems.length > 0) return { ok: false, reason: problems.map((p) => p.message).join(" / ") };
  return { ok: true, doc };
}

/** A document whose text came out of a PDF (a basic plan, a policy overview): the prose importer. */
function parseProse(file: string) {
  return (text: string): { ok: true; doc: PlanDocument } | { ok: false; reason: string } => {
    const { doc, kind, warnings } = parsePlanText(text, { sourceName: file });
    if (kind === "unknown") return { ok: false, reason: "計画書の種類を判別できませんでした" };
    if (warnings.length > 0)
      return { ok: false, reason: warnings.map((w) => `${w.line}行目: ${w.message}`).join(" / ") };
    return { ok: true, doc };
  };
}

export const DEMO_DOCUMENTS: DemoDocument[] = [
  { file: "pref-basic-plan-2013.txt", orgCode: "350001", parse: parseProse("pref-basic-plan-2013.txt") },
  {
    file: "pref-policy-overview-fy2010.txt",
    orgCode: "240001",
    parse: parseProse("pref-policy-overview-fy2010.txt"),
  },
  { file: "city-guideline-progress-list.txt", orgCode: "479993", parse: parseCityGuideline },
];

/** The demo city whose guideline is the city reference document (its real name is not printed in it). */
export const DEMO_CITY = { code: "479993", name: "サンプル市", nameKana: "サンプルシ" };

/**
 * Imports the reference documents through the import path (parse → PlanDocument → importPlanDocument) on
 * first start. Skips an organisation that already has plans, so a restart changes nothing.
 */
export async function seedDemoPlans(db: Db, log: Logger): Promise<number> {
  let imported = 0;
  for (const d of DEMO_DOCUMENTS) {
    const [org] = await db.select().from(organisations).where(eq(organisations.code, d.orgCode));
    if (!org) {
      log.warn("demo document skipped: organisation missing", { file: d.file, orgCode: d.orgCode });
      continue;
    }
    const [existing] = await db.select({ n: count() }).from(plans).where(eq(plans.orgId, org.id));
    if ((existing?.n ?? 0) > 0) continue;
    const parsed = d.parse(readFileSync(path.join(DEMO_DOCUMENT_DIR, d.file), "utf8"));
    if (!parsed.ok) {
      log.error("demo document could not be parsed", { file: d.file, reason: parsed.reason });
      continue;
    }
    const outcome = await importPlanDocument({ db }, SYSTEM_ACTOR, org.id, parsed.doc);
    if (!outcome.ok) {
      log.error("demo document could not be imported", { file: d.file, errors: outcome.errors });
      continue;
    }
    // the demo shows the public portal on first start: its plans are published (and their imported rounds are)
    const published = await publishPlan({ db }, SYSTEM_ACTOR, {
      planId: outcome.planId,
      version: 0,
      publish: true,
    });
    if (!published.ok)
      log.error("demo plan could not be published", { file: d.file, errors: published.errors });
    imported++;
  }
  if (imported) log.info("demo plans imported", { count: imported });
  return imported;
}
