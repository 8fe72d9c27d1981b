CREATE TABLE "activity_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text NOT NULL,
	"params" jsonb NOT NULL,
	"csv" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"into_customer_id" uuid NOT NULL,
	"from_customer_id" uuid NOT NULL,
	"from_data_source_id" uuid NOT NULL,
	"from_external_id" text NOT NULL,
	"from_customer" jsonb NOT NULL,
	"moved" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "json_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"status" text NOT NULL,
	"payload" jsonb,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_rate_updates" (
	"source" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"latest_date" date,
	"rows" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_rates" (
	"currency" text NOT NULL,
	"date" date NOT NULL,
	"per_eur" text NOT NULL,
	CONSTRAINT "reference_rates_currency_date_pk" PRIMARY KEY("currency","date")
);
--> statement-breakpoint
CREATE TABLE "subscription_connections" (
	"account_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"data_source_id" uuid NOT NULL,
	"subscription_external_id" text NOT NULL,
	"connected_to_data_source_id" uuid NOT NULL,
	"connected_to_external_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_connections_account_id_data_source_id_subscription_external_id_pk" PRIMARY KEY("account_id","data_source_id","subscription_external_id")
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "collection_method" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "disabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "disabled_by" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "user_created" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "edit_history" jsonb;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "disabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "disabled_by" text;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "user_created" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "line_items" ADD COLUMN "edit_history" jsonb;--> statement-breakpoint
ALTER TABLE "subscription_events" ADD COLUMN "event_order" integer;--> statement-breakpoint
ALTER TABLE "subscription_events" ADD COLUMN "disabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subscription_events" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscription_events" ADD COLUMN "disabled_by" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "disabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "disabled_by" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "user_created" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "edit_history" jsonb;--> statement-breakpoint
ALTER TABLE "activity_exports" ADD CONSTRAINT "activity_exports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_into_customer_id_customers_id_fk" FOREIGN KEY ("into_customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "json_imports" ADD CONSTRAINT "json_imports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "json_imports" ADD CONSTRAINT "json_imports_data_source_id_data_sources_id_fk" FOREIGN KEY ("data_source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_connections" ADD CONSTRAINT "subscription_connections_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_connections" ADD CONSTRAINT "subscription_connections_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_exports_account" ON "activity_exports" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "customer_merges_into" ON "customer_merges" USING btree ("into_customer_id");--> statement-breakpoint
CREATE INDEX "json_imports_account" ON "json_imports" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "subscription_connections_customer" ON "subscription_connections" USING btree ("customer_id");