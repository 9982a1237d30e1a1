import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import type { Database } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { type Cursor, olderThan } from '../../platform/pagination.ts';
import { type NotificationPreferences, users } from '../auth/auth.table.ts';
import { queueEmail } from '../mail/mail.service.ts';
import { workspaceMembers } from '../workspaces/workspaces.table.ts';
import { type NotificationType, notifications } from './notifications.table.ts';

export interface NotificationInput {
  type: NotificationType;
  title: string;
  message: string;
  actionUrl?: string;
}

// Which preference lets a notification type also go out by email.
const emailPreferenceOf: Record<NotificationType, keyof NotificationPreferences | null> = {
  usage_warning: 'usageWarnings',
  billing: 'billing',
  feature: 'productUpdates',
  system: null,
};

/**
 * Notifies a workspace's owners and admins: one in-app row each, and an email to those whose
 * preferences ask for this type.
 */
export async function notifyWorkspaceAdmins(
  deps: Pick<AppDeps, 'queue' | 'config'>,
  db: Database,
  workspaceId: string,
  input: NotificationInput,
) {
  const recipients = await db
    .select({ id: users.id, email: users.email, preferences: users.notificationPreferences })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(
      and(eq(workspaceMembers.workspaceId, workspaceId), inArray(workspaceMembers.role, ['owner', 'admin'])),
    );
  if (recipients.length === 0) return;
  await db.insert(notifications).values(recipients.map((r) => ({ userId: r.id, workspaceId, ...input })));
  const preference = emailPreferenceOf[input.type];
  for (const recipient of recipients) {
    if (preference && recipient.preferences[preference]) {
      const link = input.actionUrl ? `\n\n${deps.config.publicUrl}${input.actionUrl}` : '';
      await queueEmail(
        { db, queue: deps.queue },
        {
          to: recipient.email,
          kind: `notification.${input.type}`,
          subject: input.title,
          text: `${input.message}${link}`,
        },
        db,
      );
    }
  }
}

export async function listNotifications(
  db: Database,
  userId: string,
  page: { cursor?: Cursor; limit: number; unreadOnly?: boolean },
) {
  const after = olderThan(page.cursor, notifications.createdAt, notifications.id);
  const [rows, [unread]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, userId),
          page.unreadOnly ? isNull(notifications.readAt) : undefined,
          after,
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(page.limit + 1),
    db
      .select({ value: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { rows, unreadCount: unread?.value ?? 0 };
}

export async function markNotificationRead(db: Database, userId: string, notificationId: string, now: Date) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  if (!row) throw notFound('Notification');
}

export async function markAllNotificationsRead(db: Database, userId: string, now: Date) {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
