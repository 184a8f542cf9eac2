import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "../accounts/accounts.table.js";
import { plans } from "../plans/plan.table.js";

/**
 * A report layout saved for a plan (the designer's output): the layout as jsonb, validated by zod
 * (report-layout.ts) on every write and again on every read, since a plan may lose a field a layout names.
 */
export const reportLayouts = pgTable(
  "report_layouts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    name: text("name").notNull(),
    definition: jsonb("definition").$type<unknown>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** deleted by the plan owner (kept for the audit trail); no page, report or public URL shows it again */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("report_layouts_plan_idx").on(t.planId, t.name)],
);
