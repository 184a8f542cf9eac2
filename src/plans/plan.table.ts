import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { departments, organisations } from "../accounts/accounts.table.js";
import { gzipJson } from "../db/gzip-json.js";
import type { NodeDef, PlanDocument, ScheduleMark } from "./plan-document.js";

/**
 * A plan (計画 / 指針) with its per-plan vocabularies. Level names, tiers, status and grade vocabularies,
 * revisions and narrative chapters are small ordered lists always read with the plan: kept as jsonb columns,
 * validated by zod on every write (plan-document.schema.ts, plan-forms.ts).
 */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    title: text("title").notNull(),
    kind: text("kind").notNull(),
    termLabel: text("term_label"),
    subtitle: text("subtitle"),
    issuedLabel: text("issued_label"),
    /** the issuing body as printed on the cover (山口県) */
    issuer: text("issuer"),
    firstYear: integer("first_year"),
    lastYear: integer("last_year"),
    /** draft | active | closed */
    status: text("status").notNull().default("draft"),
    predecessorId: uuid("predecessor_id"),
    levelNames: jsonb("level_names").$type<string[]>().notNull().default([]),
    tiers: jsonb("tiers").$type<PlanDocument["tiers"]>().notNull().default([]),
    statusVocabulary: jsonb("status_vocabulary")
      .$type<PlanDocument["statusVocabulary"]>()
      .notNull()
      .default([]),
    gradeVocabulary: jsonb("grade_vocabulary").$type<PlanDocument["gradeVocabulary"]>().notNull().default([]),
    revisions: jsonb("revisions").$type<PlanDocument["revisions"]>().notNull().default([]),
    sections: jsonb("sections").$type<PlanDocument["sections"]>().notNull().default([]),
    /** departments the plan names, as printed */
    departments: jsonb("departments").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("plans_org_idx").on(t.orgId)],
);

/** A node of the plan tree: a category row (分野, 施策の方向) or an item (具体的な取組). */
export const planNodes = pgTable(
  "plan_nodes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    parentId: uuid("parent_id"),
    position: integer("position").notNull().default(0),
    /** the node's key in the document it came from; stable across re-imports, exports and next terms */
    key: text("key").notNull(),
    /** item | category */
    kind: text("kind").notNull(),
    level: integer("level").notNull().default(0),
    label: text("label"),
    sortKey: text("sort_key"),
    title: text("title").notNull(),
    content: text("content"),
    yearlyGoal: text("yearly_goal"),
    targetState: text("target_state"),
    tierCode: text("tier_code"),
    implementingBody: text("implementing_body"),
    schedule: jsonb("schedule").$type<Record<string, ScheduleMark>>().notNull().default({}),
    /** 再掲: the original node this row lists again */
    crossRefOf: uuid("cross_ref_of"),
    nextTerm: jsonb("next_term").$type<NodeDef["nextTerm"]>(),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    predecessorNodeId: uuid("predecessor_node_id"),
    /**
     * The node's plan is published, so the public search covers it (its trigram index is partial on this). Kept
     * by the database, never by the app: triggers on plan_publications and on inserts into plan_nodes
     * (drizzle/0021_search_published_only.sql, decision 0022).
     */
    searchable: boolean("searchable").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("plan_nodes_plan_idx").on(t.planId, t.parentId, t.position),
    uniqueIndex("plan_nodes_plan_key_idx").on(t.planId, t.key).where(sql`deleted_at is null`),
  ],
);

/** Responsible departments of a node, in printed order: the printed name always, the department row when matched. */
export const planNodeDepartments = pgTable(
  "plan_node_departments",
  {
    nodeId: uuid("node_id")
      .notNull()
      .references(() => planNodes.id),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    departmentId: uuid("department_id").references(() => departments.id),
  },
  (t) => [
    primaryKey({ columns: [t.nodeId, t.position] }),
    index("plan_node_departments_dept_idx").on(t.departmentId),
  ],
);

/**
 * Every imported document, kept whole (lossless): the source of a plan's indicators, budgets and progress rounds
 * until the indicators and progress capabilities give them their own tables, and the evidence of what was imported.
 */
export const planImports = pgTable(
  "plan_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    orgId: uuid("org_id").notNull(),
    sourceName: text("source_name").notNull(),
    /** SHA-256 of the document's JSON text as stored (of its canonical JSON before session 5) */
    digest: text("digest").notNull(),
    /** written once per import, never queried inside: gzip-compressed JSON (decisions 0021, 0025) */
    document: gzipJson<PlanDocument>("document").notNull(),
    /** the document's source (file name, notes), read on its own by the plan's export */
    source: jsonb("source").$type<PlanDocument["source"]>().notNull(),
    notes: jsonb("notes").$type<string[]>().notNull().default([]),
    actorId: uuid("actor_id"),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plan_imports_plan_idx").on(t.planId, t.importedAt)],
);
