ALTER TABLE "movements" ADD COLUMN "plan_external_id" text;--> statement-breakpoint
-- Every account's movements get their plan at the next recompute: forgetting the computed day
-- makes the next read recompute every customer (api/derived/freshness.ts rollDay).
UPDATE "accounts" SET "computed_day" = NULL;
