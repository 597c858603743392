-- IF NOT EXISTS: the kit keeps the __migrations table in this schema, so the migrator has created it before this runs.
CREATE SCHEMA IF NOT EXISTS "reviews";
--> statement-breakpoint
CREATE TABLE "reviews"."book_ratings" (
	"book_id" uuid PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"sum" integer DEFAULT 0 NOT NULL,
	"stars_1" integer DEFAULT 0 NOT NULL,
	"stars_2" integer DEFAULT 0 NOT NULL,
	"stars_3" integer DEFAULT 0 NOT NULL,
	"stars_4" integer DEFAULT 0 NOT NULL,
	"stars_5" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "book_ratings_stars_non_negative" CHECK (least("reviews"."book_ratings"."stars_1", "reviews"."book_ratings"."stars_2", "reviews"."book_ratings"."stars_3", "reviews"."book_ratings"."stars_4", "reviews"."book_ratings"."stars_5") >= 0),
	CONSTRAINT "book_ratings_count_matches_stars" CHECK ("reviews"."book_ratings"."count" = "reviews"."book_ratings"."stars_1" + "reviews"."book_ratings"."stars_2" + "reviews"."book_ratings"."stars_3" + "reviews"."book_ratings"."stars_4" + "reviews"."book_ratings"."stars_5"),
	CONSTRAINT "book_ratings_sum_matches_stars" CHECK ("reviews"."book_ratings"."sum" = "reviews"."book_ratings"."stars_1" + 2 * "reviews"."book_ratings"."stars_2" + 3 * "reviews"."book_ratings"."stars_3" + 4 * "reviews"."book_ratings"."stars_4" + 5 * "reviews"."book_ratings"."stars_5")
);
--> statement-breakpoint
CREATE TABLE "reviews"."books" (
	"book_id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviews"."inbox" (
	"event_id" uuid NOT NULL,
	"consumer" text NOT NULL,
	"handled_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_event_id_consumer_pk" PRIMARY KEY("event_id","consumer")
);
--> statement-breakpoint
CREATE TABLE "reviews"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deliver_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviews"."purchases" (
	"customer_id" uuid NOT NULL,
	"book_id" uuid NOT NULL,
	CONSTRAINT "purchases_customer_id_book_id_pk" PRIMARY KEY("customer_id","book_id")
);
--> statement-breakpoint
CREATE TABLE "reviews"."reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"book_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"title" text,
	"body" text,
	"verified_purchase" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_rating_range" CHECK ("reviews"."reviews"."rating" between 1 and 5),
	CONSTRAINT "reviews_title_length" CHECK (char_length("reviews"."reviews"."title") between 1 and 200),
	CONSTRAINT "reviews_body_length" CHECK (char_length("reviews"."reviews"."body") between 1 and 5000)
);
--> statement-breakpoint
ALTER TABLE "reviews"."book_ratings" ADD CONSTRAINT "book_ratings_book_id_books_book_id_fk" FOREIGN KEY ("book_id") REFERENCES "reviews"."books"("book_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews"."reviews" ADD CONSTRAINT "reviews_book_id_books_book_id_fk" FOREIGN KEY ("book_id") REFERENCES "reviews"."books"("book_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reviews_outbox_pending_idx" ON "reviews"."outbox" USING btree ("deliver_at","occurred_at") WHERE published_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_author_book_unique" ON "reviews"."reviews" USING btree ("author_id","book_id");--> statement-breakpoint
CREATE INDEX "reviews_book_created_at_id_idx" ON "reviews"."reviews" USING btree ("book_id","created_at","id");--> statement-breakpoint
CREATE INDEX "reviews_author_created_at_id_idx" ON "reviews"."reviews" USING btree ("author_id","created_at","id");