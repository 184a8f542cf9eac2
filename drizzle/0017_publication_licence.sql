ALTER TABLE "plan_publications" ADD COLUMN "licence_code" text DEFAULT 'cc-by-4.0' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_publications" ADD COLUMN "licence_name" text;--> statement-breakpoint
ALTER TABLE "plan_publications" ADD COLUMN "licence_url" text;