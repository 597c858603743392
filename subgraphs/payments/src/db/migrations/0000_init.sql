-- IF NOT EXISTS: the kit keeps the __migrations table in this schema, so the migrator has created it before this runs.
CREATE SCHEMA IF NOT EXISTS "payments";
--> statement-breakpoint
CREATE TABLE "payments"."idempotency_keys" (
	"customer_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"payment_id" uuid,
	"error_code" text,
	"error_message" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_customer_id_key_pk" PRIMARY KEY("customer_id","key"),
	CONSTRAINT "idempotency_keys_error_code_known" CHECK ("payments"."idempotency_keys"."error_code" in ('PAYMENT_DECLINED')),
	CONSTRAINT "idempotency_keys_error_complete" CHECK (("payments"."idempotency_keys"."error_code" is null) = ("payments"."idempotency_keys"."error_message" is null))
);
--> statement-breakpoint
CREATE TABLE "payments"."inbox" (
	"event_id" uuid NOT NULL,
	"consumer" text NOT NULL,
	"handled_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_event_id_consumer_pk" PRIMARY KEY("event_id","consumer")
);
--> statement-breakpoint
CREATE TABLE "payments"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deliver_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments"."payable_orders" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"amount_cents" integer,
	"currency" text,
	"state" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payable_orders_state_known" CHECK ("payments"."payable_orders"."state" in ('AWAITING', 'PAID', 'CANCELLED')),
	CONSTRAINT "payable_orders_amount_known" CHECK ("payments"."payable_orders"."state" = 'CANCELLED' or ("payments"."payable_orders"."amount_cents" is not null and "payments"."payable_orders"."amount_cents" >= 0 and "payments"."payable_orders"."currency" is not null))
);
--> statement-breakpoint
CREATE TABLE "payments"."payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"card_last4" text,
	"refunded_cents" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_method_known" CHECK ("payments"."payments"."method" in ('CREDIT_CARD', 'DEBIT_CARD', 'PAYPAL', 'BANK_TRANSFER')),
	CONSTRAINT "payments_status_known" CHECK ("payments"."payments"."status" in ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
	CONSTRAINT "payments_card_last4_digits" CHECK ("payments"."payments"."card_last4" ~ '^[0-9]{4}$'),
	CONSTRAINT "payments_refunds_within_amount" CHECK ("payments"."payments"."refunded_cents" >= 0 and "payments"."payments"."refunded_cents" <= "payments"."payments"."amount_cents")
);
--> statement-breakpoint
CREATE TABLE "payments"."refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount_positive" CHECK ("payments"."refunds"."amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "payments"."idempotency_keys" ADD CONSTRAINT "idempotency_keys_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payments"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "payments"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payments_outbox_pending_idx" ON "payments"."outbox" USING btree ("deliver_at","occurred_at") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "payments_order_id_idx" ON "payments"."payments" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_customer_created_at_id_idx" ON "payments"."payments" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "refunds_payment_id_idx" ON "payments"."refunds" USING btree ("payment_id","created_at");