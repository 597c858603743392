CREATE TABLE "users"."token_revocations" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_version" integer NOT NULL,
	"revoked_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users"."users" ADD COLUMN "token_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "token_revocations_revoked_at_idx" ON "users"."token_revocations" USING btree ("revoked_at");