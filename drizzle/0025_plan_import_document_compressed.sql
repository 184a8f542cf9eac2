-- plan_imports keeps the imported document gzip-compressed (decision 0025) and its source apart, for the export.
-- The rows written before keep their document as UTF-8 JSON text (readable as such: src/db/gzip-json.ts). The
-- page-cache trigger is off while the rows are filled in: PostgreSQL refuses ALTER TABLE on a table with pending
-- trigger events, and nothing public changes here.
ALTER TABLE "plan_imports" DISABLE TRIGGER "kyodo_public_changed";
--> statement-breakpoint
ALTER TABLE "plan_imports" ADD COLUMN "source" jsonb;
--> statement-breakpoint
UPDATE "plan_imports" SET "source" = ("document" -> 'source')::jsonb;
--> statement-breakpoint
ALTER TABLE "plan_imports" ALTER COLUMN "source" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "plan_imports" ALTER COLUMN "document" SET DATA TYPE bytea USING convert_to("document"::text, 'UTF8');
--> statement-breakpoint
ALTER TABLE "plan_imports" ENABLE TRIGGER "kyodo_public_changed";
