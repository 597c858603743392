-- Orders now keeps its own view of book ids (placeOrder refuses unknown and deleted books), fed by
-- book.changed. Catalogues created before announce every book once more, through the outbox; the
-- other subgraphs' views take the same, current, data again and stay as they are.
INSERT INTO "catalog"."outbox" ("id", "name", "payload")
SELECT gen_random_uuid(), 'book.changed',
       jsonb_build_object('bookId', "id", 'title', "title", 'description', "description", 'deleted', "deleted_at" IS NOT NULL)
FROM "catalog"."books";
