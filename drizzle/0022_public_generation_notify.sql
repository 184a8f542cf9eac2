-- On PGlite the app keeps its public pages in memory as well, in front of public_page_cache, and drops them the
-- moment the generation changes (docs/decisions/0019-public-page-cache.md, src/portal/page-cache.memory.ts).
-- It learns of the change from NOTIFY kyodo_public '<new generation>', sent by the commit that changed it: PGlite
-- has one session, the app's own, and hands the notification to the app with the answer to the COMMIT itself,
-- before the writer sees its commit return. The notification is sent only when the writing session listens, so on
-- PostgreSQL (whose pooled app sessions never LISTEN: several processes share the database and keep nothing in
-- memory between requests) nothing is sent and nothing changes.
CREATE OR REPLACE FUNCTION kyodo_public_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_listening_channels() AS c WHERE c = 'kyodo_public') THEN
    PERFORM pg_notify('kyodo_public', NEW.n::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- whatever raises the generation (the deferred kyodo_public_changed triggers, a restore, a hand-written UPDATE)
CREATE TRIGGER kyodo_public_notify AFTER INSERT OR UPDATE OF n ON public_generation
  FOR EACH ROW EXECUTE FUNCTION kyodo_public_notify();
