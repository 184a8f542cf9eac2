ALTER TABLE "budget_lines" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "frozen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "frozen_by" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "deleted_at" timestamp with time zone;