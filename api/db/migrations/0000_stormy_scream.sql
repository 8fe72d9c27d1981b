CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"data_version" bigint DEFAULT 0 NOT NULL,
	"computed_day" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"key_hash" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "cancellations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"key" text NOT NULL,
	"customer_external_id" text,
	"subscription_external_id" text NOT NULL,
	"cancelled_at" timestamp with time zone NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"key" text NOT NULL,
	"customer_external_id" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"title" text,
	"email" text,
	"phone" text,
	"linked_in" text,
	"twitter" text,
	"note" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_metrics" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text NOT NULL,
	"mrr" bigint NOT NULL,
	"subscriber_since" timestamp with time zone,
	"net_payments" bigint NOT NULL,
	"subscriptions" integer NOT NULL,
	"quantity" integer NOT NULL,
	"inputs" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"company" text,
	"country" text,
	"state" text,
	"city" text,
	"zip" text,
	"lead_created_at" timestamp with time zone,
	"free_trial_started_at" timestamp with time zone,
	"attributes" jsonb DEFAULT '{"tags":[],"custom":{}}'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"system" text DEFAULT 'Import API' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"account_id" uuid NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"rate" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "exchange_rates_account_id_currency_date_pk" PRIMARY KEY("account_id","currency","date")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"customer_external_id" text NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"due_date" timestamp with time zone,
	"currency" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "line_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"key" text NOT NULL,
	"invoice_external_id" text NOT NULL,
	"external_id" text,
	"subscription_external_id" text,
	"subscription_set_external_id" text,
	"type" text NOT NULL,
	"amount_in_cents" bigint NOT NULL,
	"plan_external_id" text,
	"service_period_start" timestamp with time zone,
	"service_period_end" timestamp with time zone,
	"quantity" integer NOT NULL,
	"prorated" boolean NOT NULL,
	"proration_type" text NOT NULL,
	"discount_code" text,
	"discount_amount_in_cents" bigint,
	"tax_amount_in_cents" bigint,
	"description" text,
	"discount_description" text,
	"transaction_fees_in_cents" bigint,
	"transaction_fees_currency" text,
	"account_code" text,
	"event_order" integer,
	"balance_transfer" boolean NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manual_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"key" text NOT NULL,
	"external_id" text,
	"subscription_external_id" text NOT NULL,
	"customer_external_id" text NOT NULL,
	"plan_external_id" text,
	"date" timestamp with time zone NOT NULL,
	"effective_date" timestamp with time zone NOT NULL,
	"event_type" text NOT NULL,
	"currency" text,
	"amount_in_cents" bigint,
	"quantity" integer NOT NULL,
	"report_cash_flow" boolean NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"subscription_external_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"amount" bigint NOT NULL,
	"customer_mrr_after" bigint NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"interval_count" integer NOT NULL,
	"interval_unit" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscription_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"key" text NOT NULL,
	"customer_external_id" text NOT NULL,
	"subscription_external_id" text,
	"external_id" text,
	"event_type" text NOT NULL,
	"retracted_event_id" text,
	"date" timestamp with time zone NOT NULL,
	"effective_date" timestamp with time zone NOT NULL,
	"plan_external_id" text,
	"currency" text,
	"amount_in_cents" bigint,
	"quantity" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"set_external_id" text,
	"plan_external_id" text,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"mrr" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"paid_through" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"manual" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"key" text NOT NULL,
	"invoice_external_id" text NOT NULL,
	"external_id" text,
	"type" text NOT NULL,
	"result" text NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"amount_in_cents" bigint,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cancellations" ADD CONSTRAINT "cancellations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cancellations" ADD CONSTRAINT "cancellations_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_metrics" ADD CONSTRAINT "customer_metrics_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_metrics" ADD CONSTRAINT "customer_metrics_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_items" ADD CONSTRAINT "line_items_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_subscriptions" ADD CONSTRAINT "manual_subscriptions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_subscriptions" ADD CONSTRAINT "manual_subscriptions_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_events" ADD CONSTRAINT "subscription_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_events" ADD CONSTRAINT "subscription_events_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cancellations_source_key" ON "cancellations" USING btree ("data_source_id","key");--> statement-breakpoint
CREATE INDEX "cancellations_subscription" ON "cancellations" USING btree ("data_source_id","subscription_external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_source_key" ON "contacts" USING btree ("data_source_id","key");--> statement-breakpoint
CREATE INDEX "contacts_account" ON "contacts" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "customer_metrics_account" ON "customer_metrics" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_source_external" ON "customers" USING btree ("data_source_id","external_id");--> statement-breakpoint
CREATE INDEX "customers_account" ON "customers" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "data_sources_account_name" ON "data_sources" USING btree ("account_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_source_external" ON "invoices" USING btree ("data_source_id","external_id");--> statement-breakpoint
CREATE INDEX "invoices_customer" ON "invoices" USING btree ("data_source_id","customer_external_id");--> statement-breakpoint
CREATE INDEX "invoices_account" ON "invoices" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "line_items_source_key" ON "line_items" USING btree ("data_source_id","key");--> statement-breakpoint
CREATE INDEX "line_items_invoice" ON "line_items" USING btree ("data_source_id","invoice_external_id");--> statement-breakpoint
CREATE INDEX "line_items_subscription" ON "line_items" USING btree ("data_source_id","subscription_external_id");--> statement-breakpoint
CREATE INDEX "line_items_account" ON "line_items" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "manual_subscriptions_source_key" ON "manual_subscriptions" USING btree ("data_source_id","key");--> statement-breakpoint
CREATE INDEX "manual_subscriptions_customer" ON "manual_subscriptions" USING btree ("data_source_id","customer_external_id");--> statement-breakpoint
CREATE INDEX "movements_account_at" ON "movements" USING btree ("account_id","at");--> statement-breakpoint
CREATE INDEX "movements_customer" ON "movements" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_source_external" ON "plans" USING btree ("data_source_id","external_id");--> statement-breakpoint
CREATE INDEX "plans_account" ON "plans" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_events_source_key" ON "subscription_events" USING btree ("data_source_id","key");--> statement-breakpoint
CREATE INDEX "subscription_events_customer" ON "subscription_events" USING btree ("data_source_id","customer_external_id");--> statement-breakpoint
CREATE INDEX "subscription_events_account" ON "subscription_events" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_source_external" ON "subscriptions" USING btree ("data_source_id","external_id");--> statement-breakpoint
CREATE INDEX "subscriptions_customer" ON "subscriptions" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "subscriptions_account" ON "subscriptions" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transactions_source_key" ON "transactions" USING btree ("data_source_id","key");--> statement-breakpoint
CREATE INDEX "transactions_invoice" ON "transactions" USING btree ("data_source_id","invoice_external_id");--> statement-breakpoint
CREATE INDEX "transactions_account" ON "transactions" USING btree ("account_id");