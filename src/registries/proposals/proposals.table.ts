import {
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
import { departments, organisations, users } from "../../accounts/accounts.table.js";
import { registryGroups, registryProjects } from "../registries.table.js";
import type { CallKind, Criterion, CriterionScore, ProposalStatus } from "./proposal.js";

/** A call for proposals (協働事業提案制度の募集): テーマ設定型 from a department, or 自由提案型. */
export const registryCalls = pgTable(
  "registry_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind").$type<CallKind>().notNull(),
    title: text("title").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    departmentId: uuid("department_id").references(() => departments.id),
    theme: text("theme"),
    description: text("description"),
    opensOn: date("opens_on").notNull(),
    closesOn: date("closes_on").notNull(),
    /** The published review criteria (審査基準) with their weights, in order. */
    criteria: jsonb("criteria").$type<Criterion[]>().notNull(),
    /** Each criterion is scored 0..scaleMax. */
    scaleMax: integer("scale_max").notNull().default(5),
    resultsPublishedAt: timestamp("results_published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("registry_calls_org_idx").on(t.orgId, t.fiscalYear)],
);

/** A group's proposal to a call. An adopted proposal points at the collaboration project it became. */
export const registryProposals = pgTable(
  "registry_proposals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    callId: uuid("call_id")
      .notNull()
      .references(() => registryCalls.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => registryGroups.id),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    budget: integer("budget"),
    planNodeIds: jsonb("plan_node_ids").$type<string[]>().notNull().default([]),
    submittedOn: date("submitted_on").notNull(),
    status: text("status").$type<ProposalStatus>().notNull().default("submitted"),
    decisionReason: text("decision_reason"),
    projectId: uuid("project_id").references(() => registryProjects.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("registry_proposals_call_idx").on(t.callId)],
);

/** One review-panel member's scores of one proposal: a score and a reason per criterion. */
export const registryProposalScores = pgTable(
  "registry_proposal_scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    proposalId: uuid("proposal_id")
      .notNull()
      .references(() => registryProposals.id),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => users.id),
    reviewerName: text("reviewer_name").notNull(),
    scores: jsonb("scores").$type<CriterionScore[]>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("registry_proposal_scores_one_idx").on(t.proposalId, t.reviewerId)],
);
