import { date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { departments, organisations, users } from "../../accounts/accounts.table.js";
import { registryGroups } from "../registries.table.js";
import type { IssueStatus } from "./matching.js";

/** An administrative issue a department posts on the matching sheet (マッチングシート). */
export const registryMatchingIssues = pgTable(
  "registry_matching_issues",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    title: text("title").notNull(),
    background: text("background"),
    desiredPartner: text("desired_partner"),
    deadline: date("deadline"),
    status: text("status").$type<IssueStatus>().notNull().default("open"),
    outcome: text("outcome"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("registry_matching_issues_org_idx").on(t.orgId, t.status)],
);

/** A group's offer to work on an issue. */
export const registryMatchingOffers = pgTable(
  "registry_matching_offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    issueId: uuid("issue_id")
      .notNull()
      .references(() => registryMatchingIssues.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => registryGroups.id),
    message: text("message").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("registry_matching_offers_issue_idx").on(t.issueId)],
);
