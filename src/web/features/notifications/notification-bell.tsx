import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useNavigate } from '@tanstack/react-router';
import { Bell, BellOff, CheckCheck } from 'lucide-react';
import { Spinner } from '../../components/spinner';
import type { AppNotification } from '../../lib/api-types';
import { cn } from '../../lib/cn';
import { formatRelative } from '../../lib/format';
import {
  useNotificationMutations,
  useNotifications,
  useRefreshWorkspaceBilling,
} from './notifications-queries';

const itemClass =
  'flex cursor-pointer gap-3 rounded-lg px-2.5 py-2.5 text-left outline-none data-[highlighted]:bg-gray-100';

function isInternal(url: string) {
  return url.startsWith('/') && !url.startsWith('//');
}

export function NotificationBell() {
  const notifications = useNotifications();
  const { markRead, markAllRead } = useNotificationMutations();
  const refreshBilling = useRefreshWorkspaceBilling();
  const navigate = useNavigate();
  const unread = notifications.data?.unreadCount ?? 0;
  const items = notifications.data?.items ?? [];

  function open(notification: AppNotification) {
    if (!notification.readAt) markRead.mutate(notification.id);
    if (notification.type === 'billing' || notification.type === 'usage_warning') {
      refreshBilling(notification.workspaceId);
    }
    const url = notification.actionUrl;
    if (!url) return;
    if (isInternal(url)) void navigate({ href: url });
    else if (/^https?:\/\//.test(url)) window.location.assign(url);
  }

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={unread > 0 ? `Notifications (${unread} unread)` : 'Notifications'}
        className="relative rounded-full p-2 text-gray-500 hover:bg-gray-100 hover:text-gray-700 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=open]:bg-gray-100"
      >
        <Bell className="size-5" aria-hidden />
        {unread > 0 ? (
          <span
            aria-hidden
            className="absolute top-0.5 right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-red-500 px-1 text-[10px] leading-none font-semibold text-white ring-2 ring-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 w-[min(22rem,calc(100vw-1rem))] rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-gray-900/10"
        >
          <div className="flex items-center justify-between gap-2 px-2.5 py-1.5">
            <DropdownMenu.Label className="text-sm font-semibold text-gray-900">
              Notifications
            </DropdownMenu.Label>
            {unread > 0 ? (
              <DropdownMenu.Item
                onSelect={(event) => {
                  event.preventDefault();
                  markAllRead.mutate();
                }}
                className="flex cursor-pointer items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-indigo-600 outline-none data-[highlighted]:bg-indigo-50"
              >
                <CheckCheck className="size-3.5" aria-hidden />
                Mark all read
              </DropdownMenu.Item>
            ) : null}
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-gray-100" />
          {notifications.isPending ? (
            <div className="flex justify-center py-6 text-gray-400">
              <Spinner label="Loading notifications" />
            </div>
          ) : notifications.isError ? (
            <p role="alert" className="px-2.5 py-4 text-sm text-red-700">
              {notifications.error.message}
            </p>
          ) : items.length === 0 ? (
            <div className="flex flex-col items-center px-4 py-8 text-center">
              <BellOff className="size-5 text-gray-300" aria-hidden />
              <p className="mt-2 text-sm font-medium text-gray-900">You're all caught up</p>
              <p className="mt-0.5 text-xs text-gray-500">Usage warnings and billing news show up here.</p>
            </div>
          ) : (
            <div className="max-h-[min(28rem,70vh)] overflow-y-auto">
              {items.map((notification) => (
                <DropdownMenu.Item
                  key={notification.id}
                  className={itemClass}
                  onSelect={() => open(notification)}
                >
                  <span
                    className={cn(
                      'mt-1.5 size-2 shrink-0 rounded-full',
                      notification.readAt ? 'bg-transparent' : 'bg-indigo-500',
                    )}
                    aria-hidden
                  />
                  <span className="min-w-0 flex-1">
                    <span
                      className={cn(
                        'block text-sm',
                        notification.readAt ? 'text-gray-700' : 'font-semibold text-gray-900',
                      )}
                    >
                      {notification.readAt ? null : <span className="sr-only">Unread: </span>}
                      {notification.title}
                    </span>
                    <span className="mt-0.5 block text-xs leading-relaxed text-gray-500">
                      {notification.message}
                    </span>
                    <span className="mt-1 block text-[11px] text-gray-400">
                      {formatRelative(notification.createdAt)}
                    </span>
                  </span>
                </DropdownMenu.Item>
              ))}
            </div>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
