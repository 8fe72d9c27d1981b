ALTER TABLE "cancellations" DROP CONSTRAINT "cancellations_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "cancellations" DROP CONSTRAINT "cancellations_data_source_id_data_sources_id_fk";
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_data_source_id_data_sources_id_fk";
--> statement-breakpoint
ALTER TABLE "line_items" DROP CONSTRAINT "line_items_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "line_items" DROP CONSTRAINT "line_items_data_source_id_data_sources_id_fk";
--> statement-breakpoint
ALTER TABLE "manual_subscriptions" DROP CONSTRAINT "manual_subscriptions_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "manual_subscriptions" DROP CONSTRAINT "manual_subscriptions_data_source_id_data_sources_id_fk";
--> statement-breakpoint
ALTER TABLE "subscription_events" DROP CONSTRAINT "subscription_events_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "subscription_events" DROP CONSTRAINT "subscription_events_data_source_id_data_sources_id_fk";
--> statement-breakpoint
ALTER TABLE "transactions" DROP CONSTRAINT "transactions_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "transactions" DROP CONSTRAINT "transactions_data_source_id_data_sources_id_fk";
--> statement-breakpoint
DROP INDEX "invoices_account";--> statement-breakpoint
DROP INDEX "line_items_account";--> statement-breakpoint
DROP INDEX "subscription_events_account";--> statement-breakpoint
DROP INDEX "transactions_account";