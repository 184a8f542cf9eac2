-- The public search covers only what the public can search: the nodes of published plans (decision 0022).
-- Its trigram index becomes partial on plan_nodes.searchable, which the database keeps for every write path:
-- publishing or withdrawing a plan sets or clears it on the plan's nodes, and nodes inserted into a published plan
-- get it at once (one statement-level trigger per INSERT statement, so a 10,000-node import of a plan not yet
-- published pays no index maintenance at all).
DROP INDEX IF EXISTS plan_nodes_search_trgm_idx;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS plan_nodes_search_trgm_idx ON plan_nodes
  USING gin (kyodo_search_norm(coalesce("label", '') || ' ' || "title" || ' ' || coalesce("content", '')) gin_trgm_ops)
  WHERE searchable AND deleted_at IS NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kyodo_publication_searchable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE plan_nodes SET searchable = (NEW.published_at IS NOT NULL)
    WHERE plan_id = NEW.plan_id AND searchable IS DISTINCT FROM (NEW.published_at IS NOT NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS kyodo_publication_searchable ON plan_publications;
--> statement-breakpoint
CREATE TRIGGER kyodo_publication_searchable AFTER INSERT OR UPDATE OF published_at ON plan_publications
  FOR EACH ROW EXECUTE FUNCTION kyodo_publication_searchable();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kyodo_new_nodes_searchable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_nodes nn JOIN plan_publications p ON p.plan_id = nn.plan_id
             WHERE p.published_at IS NOT NULL AND NOT nn.searchable) THEN
    UPDATE plan_nodes n SET searchable = true
      FROM new_nodes nn JOIN plan_publications p ON p.plan_id = nn.plan_id AND p.published_at IS NOT NULL
      WHERE n.id = nn.id AND NOT n.searchable;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS kyodo_new_nodes_searchable ON plan_nodes;
--> statement-breakpoint
CREATE TRIGGER kyodo_new_nodes_searchable AFTER INSERT ON plan_nodes
  REFERENCING NEW TABLE AS new_nodes FOR EACH STATEMENT EXECUTE FUNCTION kyodo_new_nodes_searchable();
--> statement-breakpoint
-- last: the UPDATE queues the deferred page-cache triggers of plan_nodes, and PostgreSQL refuses CREATE INDEX on a
-- table with pending trigger events in the same transaction
UPDATE plan_nodes n SET searchable = true
  FROM plan_publications p
  WHERE p.plan_id = n.plan_id AND p.published_at IS NOT NULL AND NOT n.searchable;
