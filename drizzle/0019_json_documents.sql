ALTER TABLE "import_jobs" ALTER COLUMN "parsed" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "plan_imports" ALTER COLUMN "document" SET DATA TYPE json;