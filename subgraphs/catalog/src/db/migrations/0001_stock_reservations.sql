CREATE TABLE "catalog"."inbox" (
	"event_id" uuid NOT NULL,
	"consumer" text NOT NULL,
	"handled_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_event_id_consumer_pk" PRIMARY KEY("event_id","consumer")
);
--> statement-breakpoint
CREATE TABLE "catalog"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deliver_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."stock_reservation_items" (
	"order_id" uuid NOT NULL,
	"book_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "stock_reservation_items_order_id_book_id_pk" PRIMARY KEY("order_id","book_id"),
	CONSTRAINT "stock_reservation_items_quantity_positive" CHECK ("catalog"."stock_reservation_items"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "catalog"."stock_reservations" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog"."stock_reservation_items" ADD CONSTRAINT "stock_reservation_items_order_id_stock_reservations_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "catalog"."stock_reservations"("order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_outbox_pending_idx" ON "catalog"."outbox" USING btree ("deliver_at","occurred_at") WHERE published_at is null;