ALTER TABLE "customer_ledgers" ALTER COLUMN "revenue" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "customer_ledgers" ALTER COLUMN "transactions" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "customer_metrics" ALTER COLUMN "inputs" SET DATA TYPE json;