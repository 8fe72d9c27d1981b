DROP INDEX "movements_account_at";--> statement-breakpoint
ALTER TABLE "movements" ADD COLUMN "customer_external_id" text;--> statement-breakpoint
UPDATE "movements" SET "customer_external_id" = "customers"."external_id" FROM "customers" WHERE "customers"."id" = "movements"."customer_id";--> statement-breakpoint
DELETE FROM "movements" WHERE "customer_external_id" IS NULL;--> statement-breakpoint
ALTER TABLE "movements" ALTER COLUMN "customer_external_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "movements_account_order" ON "movements" USING btree ("account_id","at","customer_external_id","position","id");
