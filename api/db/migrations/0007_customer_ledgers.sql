CREATE TABLE "customer_ledgers" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"revenue" jsonb NOT NULL,
	"revenue_count" integer NOT NULL,
	"transactions" jsonb NOT NULL,
	"transaction_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_ledgers" ADD CONSTRAINT "customer_ledgers_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_ledgers_account" ON "customer_ledgers" USING btree ("account_id");--> statement-breakpoint
-- Every account's ledgers are filled by its next recompute: forgetting the computed day makes the
-- next read recompute every customer (api/derived/freshness.ts rollDay).
UPDATE "accounts" SET "computed_day" = NULL;
