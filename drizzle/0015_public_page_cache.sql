CREATE TABLE "public_generation" (
	"id" integer PRIMARY KEY NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_page_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"generation" bigint NOT NULL,
	"etag" text NOT NULL,
	"content_type" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
