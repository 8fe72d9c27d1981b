ALTER TABLE "customer_metrics" ALTER COLUMN "mrr" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "customer_metrics" ALTER COLUMN "net_payments" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "customer_metrics" ALTER COLUMN "quantity" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "movements" ALTER COLUMN "amount" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "movements" ALTER COLUMN "customer_mrr_after" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "mrr" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "quantity" SET DATA TYPE numeric;