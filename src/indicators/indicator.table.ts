import { index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "../accounts/accounts.table.js";
import { planNodes, plans } from "../plans/plan.table.js";

/**
 * An indicator of a plan (数値目標: 主指標 / 副指標) or a statistic (現状: counts without targets), on an item of the
 * plan tree or on the plan as a whole (node_id null). Achievement is never stored: it is computed from the values.
 */
export const indicators = pgTable(
  "indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    nodeId: uuid("node_id").references(() => planNodes.id),
    /** main (主指標) | sub (副指標) | statistic (統計) */
    role: text("role").notNull(),
    name: text("name").notNull(),
    /** 団体, 事業, 人, %, 千円 … as printed */
    unit: text("unit"),
    definition: text("definition"),
    /** up (higher is better) | down (lower is better) | null (statistics) */
    direction: text("direction"),
    baselineYear: integer("baseline_year"),
    /** e.g. (県民生活課資料) (年度末) */
    sourceNote: text("source_note"),
    /**
     * The registry count the actual is computed from on read (live-source.ts: `groups`, `groups:NPO法人`,
     * `projects`, `projects-reviewed`, `coordinators`); null: actuals are typed.
     */
    liveSource: text("live_source"),
    /** soft delete: the indicator is gone from every page, its row and values kept for the audit trail */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("indicators_plan_idx").on(t.planId, t.position), index("indicators_node_idx").on(t.nodeId)],
);

/** Target and actual of one fiscal year (Western integer). Null is absent (`-`), never zero. */
export const indicatorValues = pgTable(
  "indicator_values",
  {
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    fiscalYear: integer("fiscal_year").notNull(),
    target: numeric("target", { mode: "number" }),
    actual: numeric("actual", { mode: "number" }),
    note: text("note"),
    /** when a live indicator's computed actual was stored as this year's actual (frozen); null: not frozen */
    frozenAt: timestamp("frozen_at", { withTimezone: true }),
    /** who froze it (display name; 「システム」 when a round's publication froze it) */
    frozenBy: text("frozen_by"),
  },
  // one row per indicator and year: the primary key is the uniqueness rule
  (t) => [primaryKey({ columns: [t.indicatorId, t.fiscalYear] })],
);

/** A project (主な事業) with the basic project it serves, and its budget per fiscal year. */
export const budgetLines = pgTable(
  "budget_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    nodeId: uuid("node_id").references(() => planNodes.id),
    name: text("name").notNull(),
    /** 基本事業名 as printed: 52101 NPOと行政との協働の推進 */
    servesLabel: text("serves_label"),
    summary: text("summary"),
    position: integer("position").notNull().default(0),
    /** soft delete, as for indicators */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("budget_lines_plan_idx").on(t.planId, t.position)],
);

/** Budget of a line in one fiscal year, in thousand yen (千円); null = printed as `-`. */
export const budgetAmounts = pgTable(
  "budget_amounts",
  {
    lineId: uuid("line_id")
      .notNull()
      .references(() => budgetLines.id, { onDelete: "cascade" }),
    fiscalYear: integer("fiscal_year").notNull(),
    amount: numeric("amount", { mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.lineId, t.fiscalYear] })],
);
