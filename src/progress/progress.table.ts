import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { departments, organisations } from "../accounts/accounts.table.js";
import { planNodes, plans } from "../plans/plan.table.js";
import type { EntryDef, StatedTally } from "../plans/plan-document.js";
import type { AskedField } from "./progress.js";
import type { ReviewStep } from "./review-chain.js";

/**
 * A reporting round (進捗調査): one plan, one fiscal year, an as-of date, a deadline and the fields asked.
 * `origin` tells rounds opened in the app from rounds that came with an imported document (whose entries a
 * re-import of the document replaces); `position` keeps the document's order of rounds for lossless export.
 */
export const progressRounds = pgTable(
  "progress_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    position: integer("position").notNull().default(0),
    /** import | app */
    origin: text("origin").notNull().default("app"),
    fiscalYear: integer("fiscal_year").notNull(),
    asOfDate: date("as_of_date", { mode: "string" }),
    asOfLabel: text("as_of_label"),
    /** last day on which departments may save or submit (Japan time, inclusive) */
    deadline: date("deadline", { mode: "string" }),
    fieldsAsked: jsonb("fields_asked").$type<AskedField[]>().notNull().default([]),
    instructions: text("instructions"),
    /** per-department | shared */
    entryMode: text("entry_mode").notNull().default("per-department"),
    /** open | closed | published */
    state: text("state").notNull().default("open"),
    locked: boolean("locked").notNull().default(false),
    /** the plan owner lets departments save and submit after the deadline */
    allowLate: boolean("allow_late").notNull().default(false),
    /** days before the deadline on which departments with unfinished entries are reminded (e.g. [7, 1]) */
    reminderDays: jsonb("reminder_days").$type<number[]>().notNull().default([]),
    /** the plan's review chain when the round was opened (empty: the default chain, the plan owner approves) */
    reviewSteps: jsonb("review_steps").$type<ReviewStep[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("progress_rounds_plan_idx").on(t.planId, t.position),
    index("progress_rounds_org_idx").on(t.orgId),
  ],
);

/**
 * One entry of a round: an item × a responsible department (department null = one shared entry for the item).
 * The printed department name is kept beside the matched department row, as plan_node_departments does.
 */
export const progressEntries = pgTable(
  "progress_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => progressRounds.id, { onDelete: "cascade" }),
    nodeId: uuid("node_id")
      .notNull()
      .references(() => planNodes.id),
    position: integer("position").notNull().default(0),
    departmentId: uuid("department_id").references(() => departments.id),
    departmentName: text("department_name"),
    /** not_started | draft | submitted | returned | approved */
    state: text("state").notNull().default("not_started"),
    /** while submitted: the index of the review step the entry waits at */
    reviewStep: integer("review_step").notNull().default(0),
    statusLabel: text("status_label"),
    grade: text("grade"),
    result: text("result"),
    doText: text("do_text"),
    checkText: text("check_text"),
    issuesText: text("issues_text"),
    actText: text("act_text"),
    nextTermLabel: text("next_term_label"),
    nextTermReason: text("next_term_reason"),
    narrative: jsonb("narrative").$type<EntryDef["narrative"]>().notNull().default([]),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: uuid("approved_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // one entry per item and department; coalesce makes the shared entry (no department) unique too (PG15-safe)
    uniqueIndex("progress_entries_round_node_dept_idx").on(
      t.roundId,
      t.nodeId,
      sql`coalesce(${t.departmentName}, '')`,
    ),
    index("progress_entries_dept_idx").on(t.departmentId),
  ],
);

/** Every saved version of an entry (the history page): who, when, which action, and all the fields. */
export const progressEntryVersions = pgTable(
  "progress_entry_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => progressEntries.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    action: text("action").notNull(),
    state: text("state").notNull(),
    fields: jsonb("fields").$type<Record<string, unknown>>().notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("progress_entry_versions_entry_idx").on(t.entryId, t.version)],
);

/** Comments on an entry; a return (差し戻し) is a comment of kind "return". */
export const progressEntryComments = pgTable(
  "progress_entry_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => progressEntries.id, { onDelete: "cascade" }),
    authorId: uuid("author_id"),
    authorName: text("author_name").notNull(),
    /** the author's role when writing (admin, committee …) */
    role: text("role").notNull(),
    body: text("body").notNull(),
    /** comment | return */
    kind: text("kind").notNull().default("comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("progress_entry_comments_entry_idx").on(t.entryId, t.createdAt)],
);

/** A tally printed in an imported document (【Ⅰ】 5/6：済 1/6：未), kept to compare with the computed one. */
export const progressStatedTallies = pgTable(
  "progress_stated_tallies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => progressRounds.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** tier | department | plan */
    groupBy: text("group_by").notNull(),
    group: text("group"),
    text: text("text").notNull(),
    counts: jsonb("counts").$type<StatedTally["counts"]>().notNull(),
  },
  (t) => [index("progress_stated_tallies_round_idx").on(t.roundId, t.position)],
);

/** A plan's review chain (the steps after a department submits), used by rounds opened afterwards. */
export const progressReviewChains = pgTable("progress_review_chains", {
  planId: uuid("plan_id")
    .primaryKey()
    .references(() => plans.id),
  orgId: uuid("org_id")
    .notNull()
    .references(() => organisations.id),
  steps: jsonb("steps").$type<ReviewStep[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  version: integer("version").notNull().default(1),
});

/**
 * A related department's (関係課) text for an entry its lead department (主管課) consolidates: the lead sees it
 * beside its own form. One row per entry and department, versioned like entries.
 */
export const progressContributions = pgTable(
  "progress_contributions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => progressEntries.id, { onDelete: "cascade" }),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    departmentName: text("department_name").notNull(),
    body: text("body"),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("progress_contributions_entry_dept_idx").on(t.entryId, t.departmentId)],
);

/**
 * Reminders sent: the unique key (round, department, days before the deadline, or a manual reminder's day) makes
 * two app processes running the reminder job at once send each reminder once.
 */
export const progressReminders = pgTable(
  "progress_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => progressRounds.id, { onDelete: "cascade" }),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    /** days before the deadline; null for a manual reminder from the board */
    daysBefore: integer("days_before"),
    recipients: integer("recipients").notNull().default(0),
    mailed: integer("mailed").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("progress_reminders_key_idx").on(t.key),
    index("progress_reminders_round_idx").on(t.roundId),
  ],
);
