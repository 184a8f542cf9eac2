CREATE TABLE "registry_matching_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"title" text NOT NULL,
	"background" text,
	"desired_partner" text,
	"deadline" date,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_matching_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"message" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"department_id" uuid,
	"theme" text,
	"description" text,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"criteria" jsonb NOT NULL,
	"scale_max" integer DEFAULT 5 NOT NULL,
	"results_published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_proposal_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"reviewer_name" text NOT NULL,
	"scores" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"budget" integer,
	"plan_node_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_on" date NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decision_reason" text,
	"project_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "registry_group_id" uuid;--> statement-breakpoint
ALTER TABLE "registry_matching_issues" ADD CONSTRAINT "registry_matching_issues_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_matching_issues" ADD CONSTRAINT "registry_matching_issues_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_matching_offers" ADD CONSTRAINT "registry_matching_offers_issue_id_registry_matching_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."registry_matching_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_matching_offers" ADD CONSTRAINT "registry_matching_offers_group_id_registry_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."registry_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_matching_offers" ADD CONSTRAINT "registry_matching_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_calls" ADD CONSTRAINT "registry_calls_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_calls" ADD CONSTRAINT "registry_calls_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_proposal_scores" ADD CONSTRAINT "registry_proposal_scores_proposal_id_registry_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."registry_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_proposal_scores" ADD CONSTRAINT "registry_proposal_scores_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_proposals" ADD CONSTRAINT "registry_proposals_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_proposals" ADD CONSTRAINT "registry_proposals_call_id_registry_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."registry_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_proposals" ADD CONSTRAINT "registry_proposals_group_id_registry_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."registry_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_proposals" ADD CONSTRAINT "registry_proposals_project_id_registry_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."registry_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_matching_issues_org_idx" ON "registry_matching_issues" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "registry_matching_offers_issue_idx" ON "registry_matching_offers" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "registry_calls_org_idx" ON "registry_calls" USING btree ("org_id","fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_proposal_scores_one_idx" ON "registry_proposal_scores" USING btree ("proposal_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "registry_proposals_call_idx" ON "registry_proposals" USING btree ("call_id");