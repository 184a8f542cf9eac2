CREATE TABLE "registry_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"name_kana" text NOT NULL,
	"name_key" text NOT NULL,
	"kana_key" text NOT NULL,
	"kana_sort" text NOT NULL,
	"legal_form" text NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"area" text,
	"postal_code" text,
	"address" text,
	"representative" text,
	"phone" text,
	"email" text,
	"website" text,
	"corporate_number" text,
	"registered_on" date NOT NULL,
	"left_on" date,
	"is_public" boolean DEFAULT false NOT NULL,
	"public_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"disclosures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"department_id" uuid,
	"partner_group_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"form" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"budget" integer,
	"plan_node_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_review_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"participants" text,
	"coordinator" text,
	"findings" text,
	"improvements" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registry_groups" ADD CONSTRAINT "registry_groups_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_projects" ADD CONSTRAINT "registry_projects_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_projects" ADD CONSTRAINT "registry_projects_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_review_meetings" ADD CONSTRAINT "registry_review_meetings_project_id_registry_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."registry_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_review_meetings" ADD CONSTRAINT "registry_review_meetings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_groups_org_idx" ON "registry_groups" USING btree ("org_id","kana_sort");--> statement-breakpoint
CREATE INDEX "registry_groups_name_key_idx" ON "registry_groups" USING btree ("org_id","name_key");--> statement-breakpoint
CREATE INDEX "registry_groups_kana_key_idx" ON "registry_groups" USING btree ("org_id","kana_key");--> statement-breakpoint
CREATE INDEX "registry_projects_org_year_idx" ON "registry_projects" USING btree ("org_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "registry_review_meetings_project_idx" ON "registry_review_meetings" USING btree ("project_id");