// Every table, for Drizzle's typed queries and drizzle-kit's migrations. Add new feature tables here.

export * from '../features/ai-providers/ai-providers.table.ts';
export * from '../features/api-keys/api-keys.table.ts';
export * from '../features/approvals/approvals.table.ts';
export * from '../features/audit/audit.table.ts';
export * from '../features/auth/auth.table.ts';
export * from '../features/billing/billing.table.ts';
export * from '../features/calendar/calendar.table.ts';
export * from '../features/changelog/changelog.table.ts';
export * from '../features/channels/channels.table.ts';
export * from '../features/conversations/conversations.table.ts';
export * from '../features/credits/credits.table.ts';
export * from '../features/generations/generations.table.ts';
export * from '../features/github/github.table.ts';
export * from '../features/mail/mail.table.ts';
export * from '../features/notifications/notifications.table.ts';
export * from '../features/performance/performance.table.ts';
export * from '../features/plans/plans.table.ts';
export * from '../features/posts/posts.table.ts';
export * from '../features/publishing/publishing.table.ts';
export * from '../features/staff/staff.table.ts';
export * from '../features/storage/storage.table.ts';
export * from '../features/usage/usage.table.ts';
export * from '../features/webhooks/webhooks.table.ts';
export * from '../features/widget/widget.table.ts';
export * from '../features/workspaces/workspaces.table.ts';
