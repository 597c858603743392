-- IF NOT EXISTS: the kit keeps the __migrations table in this schema, so the migrator has created it before this runs.
CREATE SCHEMA IF NOT EXISTS "summaries";
--> statement-breakpoint
CREATE TABLE "summaries"."books" (
	"book_id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"deleted" boolean DEFAULT false NOT NULL,
	"changed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summaries"."inbox" (
	"event_id" uuid NOT NULL,
	"consumer" text NOT NULL,
	"handled_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_event_id_consumer_pk" PRIMARY KEY("event_id","consumer")
);
--> statement-breakpoint
CREATE TABLE "summaries"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deliver_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "summaries"."summaries" (
	"book_id" uuid PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"text" text,
	"provider" text NOT NULL,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"generated_at" timestamp (3) with time zone,
	CONSTRAINT "summaries_status_known" CHECK ("summaries"."summaries"."status" in ('PENDING', 'READY', 'FAILED')),
	CONSTRAINT "summaries_source_known" CHECK ("summaries"."summaries"."source" in ('CONTENT', 'DESCRIPTION')),
	CONSTRAINT "summaries_ready_complete" CHECK (("summaries"."summaries"."status" = 'READY') = ("summaries"."summaries"."text" is not null and "summaries"."summaries"."generated_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "summaries"."summaries" ADD CONSTRAINT "summaries_book_id_books_book_id_fk" FOREIGN KEY ("book_id") REFERENCES "summaries"."books"("book_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "summaries_outbox_pending_idx" ON "summaries"."outbox" USING btree ("deliver_at","occurred_at") WHERE published_at is null;