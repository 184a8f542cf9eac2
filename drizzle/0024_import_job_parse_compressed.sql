-- the parse kept on an import job becomes gzip-compressed JSON (decision 0025); a job not yet committed loses its
-- parse, and says so: its page asks for the file again
UPDATE "import_jobs" SET "state" = 'failed', "failure" = 'システムの更新のため、この取り込みはもう一度読み込む必要があります。ファイルを取り込み直してください。' WHERE "state" IN ('parsing', 'parsed');
--> statement-breakpoint
ALTER TABLE "import_jobs" ALTER COLUMN "parsed" SET DATA TYPE bytea USING NULL;
