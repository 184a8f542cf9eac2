-- Public full-text search (src/portal): NFKC + lower case + hiragana folded to katakana, as an IMMUTABLE
-- function so that a pg_trgm GIN index can be built on the same expression the query uses. Works on PGlite and
-- PostgreSQL 15+ (normalize() needs a UTF-8 database; trigrams of Japanese need a C.UTF-8 locale, see DESIGN.md).
CREATE OR REPLACE FUNCTION kyodo_search_norm(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(translate(normalize(coalesce(t, ''), NFKC),
    'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ',
    'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ')) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "plan_nodes_search_trgm_idx" ON "plan_nodes"
  USING gin (kyodo_search_norm(coalesce("label", '') || ' ' || "title" || ' ' || coalesce("content", '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "plans_search_trgm_idx" ON "plans"
  USING gin (kyodo_search_norm("title" || ' ' || coalesce("subtitle", '')) gin_trgm_ops);
