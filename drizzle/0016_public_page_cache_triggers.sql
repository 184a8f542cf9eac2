-- The public page cache (src/portal/page-cache.repository.ts) is valid for one generation of public content.
-- Every committed transaction that writes a table the portal may read raises the generation once, at commit
-- (a deferred constraint trigger: the row lock on public_generation is taken as the very last step of the
-- transaction, so writers never wait on it while holding other locks). Tables that never reach the portal
-- (sessions, audit trail, import jobs, notices, ...) are left out so that signing in or parsing an import does
-- not empty the cache. A new table is watched with: SELECT kyodo_watch_public('the_table');
-- src/portal/page-cache.db.test.ts fails when a table is neither watched nor listed as internal.
INSERT INTO public_generation (id, n) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kyodo_public_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- once per transaction, however many rows it wrote
  IF coalesce(current_setting('kyodo.public_changed', true), '') = '' THEN
    PERFORM set_config('kyodo.public_changed', 'y', true);
    UPDATE public_generation SET n = n + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kyodo_watch_public(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DROP TRIGGER IF EXISTS kyodo_public_changed ON %s', tbl);
  EXECUTE format('CREATE CONSTRAINT TRIGGER kyodo_public_changed AFTER INSERT OR UPDATE OR DELETE ON %s '
    'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kyodo_public_changed()', tbl);
END $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN (
    'public_generation', 'public_page_cache', 'audit_events', 'sessions', 'sign_in_attempts', 'invitations',
    'users', 'user_departments', 'import_jobs', 'import_mappings', 'notices', 'progress_reminders'
  ) LOOP
    PERFORM kyodo_watch_public(t::regclass);
  END LOOP;
END $$;
