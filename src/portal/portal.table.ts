import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { plans } from "../plans/plan.table.js";

/**
 * Whether a plan is on the public portal. One row per plan that was ever published; `published_at` null means
 * publication was stopped. Who changed it and when is kept here and, in full, in the audit trail.
 */
export const planPublications = pgTable("plan_publications", {
  planId: uuid("plan_id")
    .primaryKey()
    .references(() => plans.id),
  /** when the plan was (last) made public; null = not public */
  publishedAt: timestamp("published_at", { withTimezone: true }),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  changedBy: uuid("changed_by"),
  changedByName: text("changed_by_name").notNull(),
  /** the open-data licence: a code of LICENCES (src/portal/portal.ts) or "custom" with its name and URL */
  licenceCode: text("licence_code").notNull().default("cc-by-4.0"),
  licenceName: text("licence_name"),
  licenceUrl: text("licence_url"),
  version: integer("version").notNull().default(1),
});
