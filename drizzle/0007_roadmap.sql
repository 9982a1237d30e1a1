CREATE TABLE "roadmap_items" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"repository_id" text NOT NULL,
	"issue_number" integer NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"issue_state" text DEFAULT 'open' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"tracked" boolean DEFAULT true NOT NULL,
	"entry_id" text,
	"closed_by_pr" integer,
	"completed_at" timestamp with time zone,
	"echoes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"item_id" text NOT NULL,
	"email" text NOT NULL,
	"entry_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_repositories" (
	"repository_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"mapping" jsonb NOT NULL,
	"import_status" text DEFAULT 'idle' NOT NULL,
	"imported_count" integer DEFAULT 0 NOT NULL,
	"import_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "upvotes" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"entry_id" text,
	"item_id" text,
	"voter_key" text NOT NULL,
	"user_id" text,
	"visitor_day" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "upvotes_one_target" CHECK (("upvotes"."entry_id" is null) <> ("upvotes"."item_id" is null))
);
--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_repository_id_github_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."github_repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_entry_id_changelog_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."changelog_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_notifications" ADD CONSTRAINT "roadmap_notifications_item_id_roadmap_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."roadmap_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_notifications" ADD CONSTRAINT "roadmap_notifications_entry_id_changelog_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."changelog_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_repositories" ADD CONSTRAINT "roadmap_repositories_repository_id_github_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."github_repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_repositories" ADD CONSTRAINT "roadmap_repositories_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upvotes" ADD CONSTRAINT "upvotes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upvotes" ADD CONSTRAINT "upvotes_entry_id_changelog_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."changelog_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upvotes" ADD CONSTRAINT "upvotes_item_id_roadmap_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."roadmap_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upvotes" ADD CONSTRAINT "upvotes_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_items_repository_issue_idx" ON "roadmap_items" USING btree ("repository_id","issue_number");--> statement-breakpoint
CREATE INDEX "roadmap_items_workspace_idx" ON "roadmap_items" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "roadmap_items_entry_idx" ON "roadmap_items" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_notifications_item_email_idx" ON "roadmap_notifications" USING btree ("item_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "upvotes_entry_voter_idx" ON "upvotes" USING btree ("entry_id","voter_key") WHERE "upvotes"."entry_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "upvotes_item_voter_idx" ON "upvotes" USING btree ("item_id","voter_key") WHERE "upvotes"."item_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "upvotes_entry_visitor_idx" ON "upvotes" USING btree ("entry_id","visitor_day") WHERE "upvotes"."entry_id" is not null and "upvotes"."visitor_day" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "upvotes_item_visitor_idx" ON "upvotes" USING btree ("item_id","visitor_day") WHERE "upvotes"."item_id" is not null and "upvotes"."visitor_day" is not null;--> statement-breakpoint
CREATE INDEX "upvotes_workspace_idx" ON "upvotes" USING btree ("workspace_id");