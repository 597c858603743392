-- IF NOT EXISTS: the kit keeps the __migrations table in this schema, so the migrator has created it before this runs.
CREATE SCHEMA IF NOT EXISTS "catalog";
--> statement-breakpoint
CREATE TABLE "catalog"."authors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."book_authors" (
	"book_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "book_authors_book_id_author_id_pk" PRIMARY KEY("book_id","author_id")
);
--> statement-breakpoint
CREATE TABLE "catalog"."book_categories" (
	"book_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	CONSTRAINT "book_categories_book_id_category_id_pk" PRIMARY KEY("book_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "catalog"."books" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"isbn" text,
	"title" text NOT NULL,
	"description" text,
	"author_names" text DEFAULT '' NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"published_year" integer,
	"page_count" integer,
	"cover_url" text,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("author_names", '')), 'B') || setweight(to_tsvector('english', coalesce("description", '')), 'C')) STORED NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "books_stock_non_negative" CHECK ("catalog"."books"."stock" >= 0),
	CONSTRAINT "books_price_positive" CHECK ("catalog"."books"."price_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "catalog"."categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog"."book_authors" ADD CONSTRAINT "book_authors_book_id_books_id_fk" FOREIGN KEY ("book_id") REFERENCES "catalog"."books"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."book_authors" ADD CONSTRAINT "book_authors_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "catalog"."authors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."book_categories" ADD CONSTRAINT "book_categories_book_id_books_id_fk" FOREIGN KEY ("book_id") REFERENCES "catalog"."books"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."book_categories" ADD CONSTRAINT "book_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "catalog"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "authors_name_key" ON "catalog"."authors" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "authors_name_id_idx" ON "catalog"."authors" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "book_authors_author_id_idx" ON "catalog"."book_authors" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "book_categories_category_id_idx" ON "catalog"."book_categories" USING btree ("category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "books_isbn_key" ON "catalog"."books" USING btree ("isbn") WHERE "catalog"."books"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "books_search_idx" ON "catalog"."books" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "books_title_id_idx" ON "catalog"."books" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "books_price_id_idx" ON "catalog"."books" USING btree ("price_cents","id");--> statement-breakpoint
CREATE INDEX "books_created_at_id_idx" ON "catalog"."books" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_name_key" ON "catalog"."categories" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "categories_slug_key" ON "catalog"."categories" USING btree ("slug");