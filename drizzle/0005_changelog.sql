CREATE TABLE "changelog_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"repository_id" text,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"slug" text NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"edited_by_user" boolean DEFAULT false NOT NULL,
	"ai_rewritten_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "changelog_entry_prs" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"repository_id" text NOT NULL,
	"entry_id" text,
	"number" integer NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"author_login" text,
	"author_url" text,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"category" text NOT NULL,
	"breaking" boolean DEFAULT false NOT NULL,
	"skipped" boolean DEFAULT false NOT NULL,
	"merged_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "github_repositories" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"full_name" text NOT NULL,
	"github_id" text,
	"slug" text NOT NULL,
	"auth_type" text NOT NULL,
	"token_encrypted" text,
	"installation_id" text,
	"webhook_secret_encrypted" text NOT NULL,
	"category_mapping" jsonb NOT NULL,
	"last_delivery_at" timestamp with time zone,
	"last_delivery_event" text,
	"last_delivery_error" text,
	"backfill_status" text DEFAULT 'idle' NOT NULL,
	"backfill_request" jsonb,
	"backfill_imported" integer DEFAULT 0 NOT NULL,
	"backfill_error" text,
	"backfill_finished_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "changelog_widget_entry_counters" (
	"widget_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"impressions" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "changelog_widget_entry_counters_widget_id_entry_id_pk" PRIMARY KEY("widget_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "changelog_widgets" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"config" jsonb NOT NULL,
	"impressions" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "changelog_widgets_workspace_id_unique" UNIQUE("workspace_id")
);
--> statement-breakpoint
ALTER TABLE "changelog_entries" ADD CONSTRAINT "changelog_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_entries" ADD CONSTRAINT "changelog_entries_repository_id_github_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."github_repositories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_entries" ADD CONSTRAINT "changelog_entries_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_entry_prs" ADD CONSTRAINT "changelog_entry_prs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_entry_prs" ADD CONSTRAINT "changelog_entry_prs_repository_id_github_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."github_repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_entry_prs" ADD CONSTRAINT "changelog_entry_prs_entry_id_changelog_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."changelog_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "github_repositories" ADD CONSTRAINT "github_repositories_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "github_repositories" ADD CONSTRAINT "github_repositories_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_widget_entry_counters" ADD CONSTRAINT "changelog_widget_entry_counters_widget_id_changelog_widgets_id_fk" FOREIGN KEY ("widget_id") REFERENCES "public"."changelog_widgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_widget_entry_counters" ADD CONSTRAINT "changelog_widget_entry_counters_entry_id_changelog_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."changelog_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changelog_widgets" ADD CONSTRAINT "changelog_widgets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "changelog_entries_workspace_slug_idx" ON "changelog_entries" USING btree ("workspace_id","slug");--> statement-breakpoint
CREATE INDEX "changelog_entries_workspace_created_idx" ON "changelog_entries" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "changelog_entries_public_idx" ON "changelog_entries" USING btree ("workspace_id","published_at") WHERE "changelog_entries"."status" = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "changelog_entry_prs_repository_number_idx" ON "changelog_entry_prs" USING btree ("repository_id","number");--> statement-breakpoint
CREATE INDEX "changelog_entry_prs_entry_idx" ON "changelog_entry_prs" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "github_repositories_workspace_name_idx" ON "github_repositories" USING btree ("workspace_id",lower("full_name"));--> statement-breakpoint
CREATE UNIQUE INDEX "github_repositories_workspace_slug_idx" ON "github_repositories" USING btree ("workspace_id","slug");--> statement-breakpoint
CREATE INDEX "github_repositories_workspace_created_idx" ON "github_repositories" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "changelog_widget_entry_counters_entry_idx" ON "changelog_widget_entry_counters" USING btree ("entry_id");