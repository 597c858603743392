-- pg_trgm declares its C functions with PostgreSQL's default COST 1, as cheap as an integer
-- comparison, but `<%` computes the trigrams of both strings on every call. With that estimate the
-- planner reads a search matching a tenth of 50,000 books by sequential scan, running `<%` on
-- every row (1.6 s on the benchmark machine under load), instead of combining the full-text and
-- trigram indexes (0.4 s). COST 100 makes it weigh the per-row work. Only the extension's owner
-- may change it; when another role created pg_trgm the plans stay as they are, the results the same.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm' AND extowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) THEN
    ALTER FUNCTION word_similarity_op(text, text) COST 100;
    ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
  END IF;
END
$$;
