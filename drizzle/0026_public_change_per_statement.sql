-- The public page cache's generation (0016) is raised once per committed transaction that writes a table the portal
-- reads. It was a deferred row trigger on each such table: a 10,000-row import queued ~40,000 trigger events, run
-- one by one at COMMIT (~0.1 s on PGlite). Now a statement trigger on each table marks the transaction once, by a row
-- in public_changes, and a deferred row trigger on that row raises the generation at commit and removes the row:
-- one event per transaction, the row lock on public_generation still taken as the very last step (docs/decisions/
-- 0026-import-commit-memory.md). A statement that writes no row now marks its transaction as well (the generation
-- rises for nothing then, which only empties the cache early); TRUNCATE now marks it too.
CREATE TABLE "public_changes" (
	"tx" bigint PRIMARY KEY DEFAULT txid_current() NOT NULL
);
--> statement-breakpoint
-- events queued by earlier migrations of this same run fire now, before their triggers are replaced
SET CONSTRAINTS kyodo_public_changed IMMEDIATE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kyodo_public_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- once per transaction, however many statements and rows it wrote
  IF coalesce(current_setting('kyodo.public_changed', true), '') = '' THEN
    PERFORM set_config('kyodo.public_changed', 'y', true);
    INSERT INTO public_changes DEFAULT VALUES ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kyodo_public_committed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM public_changes WHERE tx = NEW.tx;
  UPDATE public_generation SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER kyodo_public_committed AFTER INSERT ON public_changes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kyodo_public_committed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kyodo_watch_public(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS kyodo_public_changed ON %s', tbl);
  EXECUTE format('CREATE TRIGGER kyodo_public_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION kyodo_public_changed()', tbl);
END $$;
--> statement-breakpoint
DO $$
DECLARE t regclass;
BEGIN
  FOR t IN SELECT DISTINCT tgrelid::regclass FROM pg_trigger WHERE tgname = 'kyodo_public_changed' LOOP
    PERFORM kyodo_watch_public(t);
  END LOOP;
END $$;
