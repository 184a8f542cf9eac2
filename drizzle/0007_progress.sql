CREATE TABLE "progress_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"department_id" uuid,
	"department_name" text,
	"state" text DEFAULT 'not_started' NOT NULL,
	"status_label" text,
	"grade" text,
	"result" text,
	"do_text" text,
	"check_text" text,
	"issues_text" text,
	"act_text" text,
	"next_term_label" text,
	"next_term_reason" text,
	"narrative" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_entry_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"role" text NOT NULL,
	"body" text NOT NULL,
	"kind" text DEFAULT 'comment' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_entry_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"state" text NOT NULL,
	"fields" jsonb NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"origin" text DEFAULT 'app' NOT NULL,
	"fiscal_year" integer NOT NULL,
	"as_of_date" date,
	"as_of_label" text,
	"deadline" date,
	"fields_asked" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"instructions" text,
	"entry_mode" text DEFAULT 'per-department' NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_stated_tallies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"group_by" text NOT NULL,
	"group" text,
	"text" text NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_round_id_progress_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."progress_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_node_id_plan_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."plan_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entry_comments" ADD CONSTRAINT "progress_entry_comments_entry_id_progress_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."progress_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entry_versions" ADD CONSTRAINT "progress_entry_versions_entry_id_progress_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."progress_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_rounds" ADD CONSTRAINT "progress_rounds_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_rounds" ADD CONSTRAINT "progress_rounds_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_stated_tallies" ADD CONSTRAINT "progress_stated_tallies_round_id_progress_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."progress_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_entries_round_node_dept_idx" ON "progress_entries" USING btree ("round_id","node_id",coalesce("department_name", ''));--> statement-breakpoint
CREATE INDEX "progress_entries_dept_idx" ON "progress_entries" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "progress_entry_comments_entry_idx" ON "progress_entry_comments" USING btree ("entry_id","created_at");--> statement-breakpoint
CREATE INDEX "progress_entry_versions_entry_idx" ON "progress_entry_versions" USING btree ("entry_id","version");--> statement-breakpoint
CREATE INDEX "progress_rounds_plan_idx" ON "progress_rounds" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "progress_rounds_org_idx" ON "progress_rounds" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "progress_stated_tallies_round_idx" ON "progress_stated_tallies" USING btree ("round_id","position");