-- IF NOT EXISTS: the kit keeps the __migrations table in this schema, so the migrator has created it before this runs.
CREATE SCHEMA IF NOT EXISTS "loans";
--> statement-breakpoint
CREATE TABLE "loans"."books" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"changed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans"."inbox" (
	"event_id" uuid NOT NULL,
	"consumer" text NOT NULL,
	"handled_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_event_id_consumer_pk" PRIMARY KEY("event_id","consumer")
);
--> statement-breakpoint
CREATE TABLE "loans"."lending_copies" (
	"book_id" uuid PRIMARY KEY NOT NULL,
	"total_copies" integer NOT NULL,
	"on_loan" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lending_copies_on_loan_within_total" CHECK ("loans"."lending_copies"."on_loan" >= 0 and "loans"."lending_copies"."on_loan" <= "loans"."lending_copies"."total_copies")
);
--> statement-breakpoint
CREATE TABLE "loans"."loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"book_id" uuid NOT NULL,
	"borrower_id" uuid NOT NULL,
	"status" text NOT NULL,
	"borrowed_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"returned_at" timestamp (3) with time zone,
	"renewals" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loans_status_known" CHECK ("loans"."loans"."status" in ('ACTIVE', 'OVERDUE', 'RETURNED')),
	CONSTRAINT "loans_returned_at_iff_returned" CHECK (("loans"."loans"."status" = 'RETURNED') = ("loans"."loans"."returned_at" is not null)),
	CONSTRAINT "loans_due_after_borrowed" CHECK ("loans"."loans"."due_at" > "loans"."loans"."borrowed_at"),
	CONSTRAINT "loans_renewals_non_negative" CHECK ("loans"."loans"."renewals" >= 0)
);
--> statement-breakpoint
CREATE TABLE "loans"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deliver_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "loans"."lending_copies" ADD CONSTRAINT "lending_copies_book_id_books_id_fk" FOREIGN KEY ("book_id") REFERENCES "loans"."books"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans"."loans" ADD CONSTRAINT "loans_book_id_books_id_fk" FOREIGN KEY ("book_id") REFERENCES "loans"."books"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loans_one_open_loan_per_borrower_and_book" ON "loans"."loans" USING btree ("borrower_id","book_id") WHERE status <> 'RETURNED';--> statement-breakpoint
CREATE INDEX "loans_open_by_book_idx" ON "loans"."loans" USING btree ("book_id","due_at") WHERE status <> 'RETURNED';--> statement-breakpoint
CREATE INDEX "loans_borrower_borrowed_at_id_idx" ON "loans"."loans" USING btree ("borrower_id","borrowed_at","id");--> statement-breakpoint
CREATE INDEX "loans_status_borrowed_at_id_idx" ON "loans"."loans" USING btree ("status","borrowed_at","id");--> statement-breakpoint
CREATE INDEX "loans_borrowed_at_id_idx" ON "loans"."loans" USING btree ("borrowed_at","id");--> statement-breakpoint
CREATE INDEX "loans_outbox_pending_idx" ON "loans"."outbox" USING btree ("deliver_at","occurred_at") WHERE published_at is null;