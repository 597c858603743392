CREATE TABLE "loans"."holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"book_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"status" text NOT NULL,
	"placed_at" timestamp (3) with time zone NOT NULL,
	"ready_at" timestamp (3) with time zone,
	"pickup_by" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holds_status_known" CHECK ("loans"."holds"."status" in ('WAITING', 'READY', 'FULFILLED', 'CANCELLED', 'EXPIRED')),
	CONSTRAINT "holds_ready_has_pickup" CHECK ("loans"."holds"."status" <> 'READY' or ("loans"."holds"."ready_at" is not null and "loans"."holds"."pickup_by" is not null))
);
--> statement-breakpoint
ALTER TABLE "loans"."lending_copies" ADD COLUMN "set_aside" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "loans"."holds" ADD CONSTRAINT "holds_book_id_books_id_fk" FOREIGN KEY ("book_id") REFERENCES "loans"."books"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "holds_one_active_hold_per_member_and_book" ON "loans"."holds" USING btree ("member_id","book_id") WHERE status in ('WAITING', 'READY');--> statement-breakpoint
CREATE INDEX "holds_waiting_queue_idx" ON "loans"."holds" USING btree ("book_id","placed_at","id") WHERE status = 'WAITING';--> statement-breakpoint
CREATE INDEX "holds_member_placed_at_id_idx" ON "loans"."holds" USING btree ("member_id","placed_at","id");--> statement-breakpoint
CREATE INDEX "holds_book_placed_at_id_idx" ON "loans"."holds" USING btree ("book_id","placed_at","id");--> statement-breakpoint
CREATE INDEX "holds_status_placed_at_id_idx" ON "loans"."holds" USING btree ("status","placed_at","id");--> statement-breakpoint
CREATE INDEX "holds_placed_at_id_idx" ON "loans"."holds" USING btree ("placed_at","id");--> statement-breakpoint
ALTER TABLE "loans"."lending_copies" ADD CONSTRAINT "lending_copies_lent_and_set_aside_within_total" CHECK ("loans"."lending_copies"."set_aside" >= 0 and "loans"."lending_copies"."on_loan" + "loans"."lending_copies"."set_aside" <= "loans"."lending_copies"."total_copies");