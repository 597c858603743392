-- Reviews, loans and summaries keep their own view of books, fed by book.changed events.
-- Catalogues created before those events existed announce every book once, through the outbox.
INSERT INTO "catalog"."outbox" ("id", "name", "payload")
SELECT gen_random_uuid(), 'book.changed',
       jsonb_build_object('bookId', "id", 'title', "title", 'description', "description", 'deleted', "deleted_at" IS NOT NULL)
FROM "catalog"."books";
