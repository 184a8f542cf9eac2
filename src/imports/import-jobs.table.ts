import { customType, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "../accounts/accounts.table.js";
import { gzipJson } from "../db/gzip-json.js";
import type { ColumnMapping } from "./detect.js";
import type {
  ImportJobOptions,
  ImportParse,
  ImportProgress,
  ImportResult,
  ProgressImportResult,
  ValuesImportResult,
} from "./import-job.js";

/** bytea as Uint8Array on every driver (pg gives a Buffer, PGlite a Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * One upload or paste on its way from preview to commit. The source itself is kept (bytes of a file, or the
 * pasted text) so that the preview can be re-run with a corrected mapping from any app process; the parse
 * outcome (document, problems, preview rows) is kept so that a reload shows the same preview without parsing
 * again. Jobs older than a day are purged (purgeOldImportJobs).
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    actorId: uuid("actor_id").references(() => users.id),
    /** file name as uploaded, or 貼り付け */
    sourceName: text("source_name").notNull(),
    /** xlsx | csv | text | paste */
    sourceKind: text("source_kind").notNull(),
    bytes: bytea("bytes"),
    text: text("text"),
    options: jsonb("options").$type<ImportJobOptions>().notNull(),
    /** the mapping in use (detected, corrected or adapted from a saved one); null for PDF prose */
    mapping: jsonb("mapping").$type<ColumnMapping | null>(),
    /** null while the source is being parsed (state `parsing`); stored and read whole, compressed (decision 0025) */
    parsed: gzipJson<ImportParse>("parsed"),
    /** parsing | parsed | committed | failed */
    state: text("state").notNull().default("parsed"),
    /** plan (a whole plan) | progress (entries of a reporting round) | indicators | budgets (yearly values of a plan) */
    target: text("target").notNull().default("plan"),
    /** how far the parse has got (rows read, percent), for the job page while state is `parsing` */
    progress: jsonb("progress").$type<ImportProgress | null>(),
    /** why the parse failed (Japanese, for the clerk), when state is `failed` */
    failure: text("failure"),
    result: jsonb("result").$type<ImportResult | ProgressImportResult | ValuesImportResult | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("import_jobs_org_idx").on(t.orgId), index("import_jobs_created_idx").on(t.createdAt)],
);

/**
 * A column mapping an organisation saved under a name for one import target, to reuse on next year's file of that
 * target. Every target keeps the ColumnMapping its preview corrects (import_jobs.mapping).
 */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    /** the import target the mapping reads (import_jobs.target): plan | progress | indicators | budgets */
    target: text("target").notNull().default("plan"),
    name: text("name").notNull(),
    mapping: jsonb("mapping").$type<ColumnMapping>().notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("import_mappings_org_target_name_idx").on(t.orgId, t.target, t.name)],
);
