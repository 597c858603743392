CREATE TABLE "orders"."books" (
	"id" uuid PRIMARY KEY NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL
);
