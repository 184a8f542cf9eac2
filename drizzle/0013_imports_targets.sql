ALTER TABLE "import_jobs" ALTER COLUMN "parsed" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "target" text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "progress" jsonb;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "failure" text;