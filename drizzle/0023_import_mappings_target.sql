DROP INDEX "import_mappings_org_name_idx";--> statement-breakpoint
ALTER TABLE "import_mappings" ADD COLUMN "target" text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_org_target_name_idx" ON "import_mappings" USING btree ("org_id","target","name");