CREATE TABLE "dirty_customers" (
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"customer_external_id" text,
	CONSTRAINT "dirty_customers_unique" UNIQUE NULLS NOT DISTINCT("account_id","data_source_id","customer_external_id")
);
--> statement-breakpoint
ALTER TABLE "dirty_customers" ADD CONSTRAINT "dirty_customers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dirty_customers" ADD CONSTRAINT "dirty_customers_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;