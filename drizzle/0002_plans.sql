CREATE TABLE "plan_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"source_name" text NOT NULL,
	"digest" text NOT NULL,
	"document" jsonb NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor_id" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_node_departments" (
	"node_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"department_id" uuid,
	CONSTRAINT "plan_node_departments_node_id_position_pk" PRIMARY KEY("node_id","position")
);
--> statement-breakpoint
CREATE TABLE "plan_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"level" integer DEFAULT 0 NOT NULL,
	"label" text,
	"sort_key" text,
	"title" text NOT NULL,
	"content" text,
	"yearly_goal" text,
	"target_state" text,
	"tier_code" text,
	"implementing_body" text,
	"schedule" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cross_ref_of" uuid,
	"next_term" jsonb,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"predecessor_node_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"term_label" text,
	"subtitle" text,
	"issued_label" text,
	"first_year" integer,
	"last_year" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"predecessor_id" uuid,
	"level_names" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status_vocabulary" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"grade_vocabulary" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"revisions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"departments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_imports" ADD CONSTRAINT "plan_imports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_node_departments" ADD CONSTRAINT "plan_node_departments_node_id_plan_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."plan_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_node_departments" ADD CONSTRAINT "plan_node_departments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_nodes" ADD CONSTRAINT "plan_nodes_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_imports_plan_idx" ON "plan_imports" USING btree ("plan_id","imported_at");--> statement-breakpoint
CREATE INDEX "plan_node_departments_dept_idx" ON "plan_node_departments" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "plan_nodes_plan_idx" ON "plan_nodes" USING btree ("plan_id","parent_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_nodes_plan_key_idx" ON "plan_nodes" USING btree ("plan_id","key") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "plans_org_idx" ON "plans" USING btree ("org_id");