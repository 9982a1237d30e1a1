CREATE TABLE "analytics_daily" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"page_views" integer DEFAULT 0 NOT NULL,
	"widget_impressions" integer DEFAULT 0 NOT NULL,
	"widget_clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_daily_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
CREATE TABLE "analytics_entry_daily" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"entry_id" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"widget_impressions" integer DEFAULT 0 NOT NULL,
	"widget_clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_entry_daily_workspace_id_day_entry_id_pk" PRIMARY KEY("workspace_id","day","entry_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_referrers" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"host" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_referrers_workspace_id_day_host_pk" PRIMARY KEY("workspace_id","day","host")
);
--> statement-breakpoint
CREATE TABLE "analytics_salts" (
	"day" date PRIMARY KEY NOT NULL,
	"salt" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_visitors" (
	"workspace_id" text NOT NULL,
	"day" date NOT NULL,
	"visitor_id" text NOT NULL,
	CONSTRAINT "analytics_visitors_workspace_id_day_visitor_id_pk" PRIMARY KEY("workspace_id","day","visitor_id")
);
--> statement-breakpoint
CREATE TABLE "subscriber_confirmation_sends" (
	"id" text PRIMARY KEY NOT NULL,
	"email_key" text NOT NULL,
	"ip_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriber_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"subscriber_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"claim_token" text,
	"claimed_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "subscribers" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"preference" text DEFAULT 'all' NOT NULL,
	"source" text NOT NULL,
	"confirm_token_hash" text,
	"confirm_token_expires_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_via" text,
	"unsubscribed_at" timestamp with time zone,
	"last_digest_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_entry_daily" ADD CONSTRAINT "analytics_entry_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_entry_daily" ADD CONSTRAINT "analytics_entry_daily_entry_id_changelog_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."changelog_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_referrers" ADD CONSTRAINT "analytics_referrers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_visitors" ADD CONSTRAINT "analytics_visitors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriber_deliveries" ADD CONSTRAINT "subscriber_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriber_deliveries" ADD CONSTRAINT "subscriber_deliveries_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriber_deliveries" ADD CONSTRAINT "subscriber_deliveries_entry_id_changelog_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."changelog_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribers" ADD CONSTRAINT "subscribers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_entry_daily_entry_idx" ON "analytics_entry_daily" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "subscriber_confirmation_sends_email_idx" ON "subscriber_confirmation_sends" USING btree ("email_key","created_at");--> statement-breakpoint
CREATE INDEX "subscriber_confirmation_sends_ip_idx" ON "subscriber_confirmation_sends" USING btree ("ip_key","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriber_deliveries_unique_idx" ON "subscriber_deliveries" USING btree ("subscriber_id","entry_id","kind");--> statement-breakpoint
CREATE INDEX "subscriber_deliveries_queued_idx" ON "subscriber_deliveries" USING btree ("kind","id") WHERE "subscriber_deliveries"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "subscriber_deliveries_entry_idx" ON "subscriber_deliveries" USING btree ("entry_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "subscribers_workspace_email_idx" ON "subscribers" USING btree ("workspace_id","email");--> statement-breakpoint
CREATE INDEX "subscribers_workspace_created_idx" ON "subscribers" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "subscribers_confirm_token_idx" ON "subscribers" USING btree ("confirm_token_hash") WHERE "subscribers"."confirm_token_hash" is not null;