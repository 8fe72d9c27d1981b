ALTER TABLE "customer_metrics" DROP CONSTRAINT "customer_metrics_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "customer_metrics" DROP CONSTRAINT "customer_metrics_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "movements" DROP CONSTRAINT "movements_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "movements" DROP CONSTRAINT "movements_data_source_id_data_sources_id_fk";
--> statement-breakpoint
ALTER TABLE "movements" DROP CONSTRAINT "movements_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "subscriptions" DROP CONSTRAINT "subscriptions_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "subscriptions" DROP CONSTRAINT "subscriptions_data_source_id_data_sources_id_fk";
--> statement-breakpoint
ALTER TABLE "subscriptions" DROP CONSTRAINT "subscriptions_customer_id_customers_id_fk";
