import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { departments, organisations } from "../accounts/accounts.table.js";
import type { DisclosureDocument, PublicField } from "./group.js";

/**
 * A civic group (市民活動団体・NPO) registered with the organisation. Name and kana keep what was typed;
 * `name_key` / `kana_key` (matchKey) find duplicates and searches, `kana_sort` (kanaOrderKey) sorts in 五十音 order.
 */
export const registryGroups = pgTable(
  "registry_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    nameKana: text("name_kana").notNull(),
    nameKey: text("name_key").notNull(),
    kanaKey: text("kana_key").notNull(),
    kanaSort: text("kana_sort").notNull(),
    legalForm: text("legal_form").notNull(),
    /** 別表 numbers 1–20 */
    fields: jsonb("fields").$type<number[]>().notNull().default([]),
    area: text("area"),
    postalCode: text("postal_code"),
    address: text("address"),
    representative: text("representative"),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    corporateNumber: text("corporate_number"),
    registeredOn: date("registered_on").notNull(),
    leftOn: date("left_on"),
    isPublic: boolean("is_public").notNull().default(false),
    publicFields: jsonb("public_fields").$type<PublicField[]>().notNull().default([]),
    disclosures: jsonb("disclosures").$type<DisclosureDocument[]>().notNull().default([]),
    note: text("note"),
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("registry_groups_org_idx").on(t.orgId, t.kanaSort),
    index("registry_groups_name_key_idx").on(t.orgId, t.nameKey),
    index("registry_groups_kana_key_idx").on(t.orgId, t.kanaKey),
  ],
);

/** A collaboration project (協働事業) of one fiscal year; partners and related plan items are id lists. */
export const registryProjects = pgTable(
  "registry_projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    title: text("title").notNull(),
    departmentId: uuid("department_id").references(() => departments.id),
    partnerGroupIds: jsonb("partner_group_ids").$type<string[]>().notNull().default([]),
    form: text("form").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    /** thousand yen */
    budget: integer("budget"),
    planNodeIds: jsonb("plan_node_ids").$type<string[]>().notNull().default([]),
    summary: text("summary"),
    outcome: text("outcome"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("registry_projects_org_year_idx").on(t.orgId, t.fiscalYear)],
);

/** A review meeting (ふりかえり（検証）会議) of a project. */
export const registryReviewMeetings = pgTable(
  "registry_review_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => registryProjects.id),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    heldOn: date("held_on").notNull(),
    participants: text("participants"),
    coordinator: text("coordinator"),
    findings: text("findings"),
    improvements: text("improvements"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("registry_review_meetings_project_idx").on(t.projectId)],
);
