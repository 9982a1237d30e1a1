ALTER TABLE "usage_events" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "usage_events" ADD COLUMN "period_start" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "usage_events_idempotency_idx" ON "usage_events" USING btree ("workspace_id","idempotency_key");