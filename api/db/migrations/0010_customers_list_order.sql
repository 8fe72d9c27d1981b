DROP INDEX "customers_account";--> statement-breakpoint
CREATE INDEX "customers_account_created" ON "customers" USING btree ("account_id","created_at","id");