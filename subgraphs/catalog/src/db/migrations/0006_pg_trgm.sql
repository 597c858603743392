-- Search forgives typos by trigram similarity (pg_trgm). It is a trusted extension (PostgreSQL 13+),
-- so the database owner may create it; PGlite loads its bundle at start (openPglite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
