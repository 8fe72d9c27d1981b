ALTER TABLE "contacts" ADD COLUMN "custom" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "website_url" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "owner" text;