import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import {
  BadgeCheck,
  CalendarClock,
  Clock,
  EllipsisVertical,
  ExternalLink,
  PencilLine,
  Share2,
} from 'lucide-react';
import { type DragEvent, useState } from 'react';
import { cn } from '../../lib/cn';
import { ApprovalLinkDialog } from '../approvals/approval-link-dialog';
import { timeOfInstant } from './calendar-dates';
import type { PostSummary } from './calendar-types';
import { MoveDialog } from './move-dialog';
import { PlatformMark, platformName, statusStyles } from './post-display';
import { PostLink, postHref } from './post-link';

/** The drag payload's type: only Herald post chips can be dropped on a day. */
export const postDragType = 'application/x-herald-post';

const itemClass =
  'flex cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm text-gray-700 outline-none data-[highlighted]:bg-gray-100 data-[highlighted]:text-gray-900 data-[disabled]:cursor-not-allowed data-[disabled]:opacity-50';

const APPROVAL_MARK = {
  pending: { icon: Clock, label: 'Awaiting approval', className: 'text-amber-600' },
  approved: { icon: BadgeCheck, label: 'Approved', className: 'text-emerald-600' },
  changes_requested: { icon: PencilLine, label: 'Changes requested', className: 'text-red-600' },
} as const;

/** A post can move while it has a time and a channel and has not gone out yet. */
export function canMove(post: PostSummary): boolean {
  if (post.status === 'published' || !post.scheduledAt) return false;
  return post.status === 'scheduled' || Boolean(post.channelId);
}

export function postInstant(post: PostSummary): string | null {
  return post.status === 'published' ? (post.publishedAt ?? post.scheduledAt) : post.scheduledAt;
}

export function PostChip({
  post,
  workspaceId,
  timeZone,
  day,
  canWrite,
  roomy,
  onMove,
}: {
  post: PostSummary;
  workspaceId: string;
  timeZone: string;
  day: string;
  canWrite: boolean;
  /** Week view: room for a longer preview. */
  roomy: boolean;
  onMove: (post: PostSummary, day: string) => void;
}) {
  const [moving, setMoving] = useState(false);
  const [sharing, setSharing] = useState(false);
  const movable = canWrite && canMove(post);
  const instant = postInstant(post);
  const time = instant ? timeOfInstant(instant, timeZone) : '';
  const text = post.title || post.preview || '(empty post)';
  const style = statusStyles[post.status] ?? statusStyles.draft;
  const approval = post.approvalState === 'not_required' ? null : APPROVAL_MARK[post.approvalState];
  const ApprovalIcon = approval?.icon;

  function handleDragStart(event: DragEvent<HTMLDivElement>) {
    event.dataTransfer.setData(postDragType, post.id);
    event.dataTransfer.setData('text/uri-list', new URL(postHref(workspaceId, post.id), location.href).href);
    event.dataTransfer.effectAllowed = 'move';
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dragging is the mouse shortcut; the menu's "Move to…" does the same from the keyboard
    <div
      draggable={movable}
      onDragStart={movable ? handleDragStart : undefined}
      data-testid="calendar-post"
      data-post-id={post.id}
      className={cn(
        'group/chip flex items-start gap-1 rounded-md border py-1 pr-0.5 pl-1.5 text-xs shadow-2xs',
        style.chip,
        movable && 'cursor-grab active:cursor-grabbing',
      )}
    >
      <PostLink
        workspaceId={workspaceId}
        postId={post.id}
        label={[platformName(post.platform), style.label, approval?.label, time, text]
          .filter(Boolean)
          .join(' · ')}
        className="flex min-w-0 flex-1 items-start gap-1.5 rounded focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <PlatformMark platform={post.platform} className="mt-px" />
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-1">
            <time className="font-semibold tabular-nums" dateTime={instant ?? undefined}>
              {time}
            </time>
            {ApprovalIcon && approval ? (
              <span title={approval.label} className={cn('shrink-0', approval.className)}>
                <ApprovalIcon className="size-3" aria-hidden />
              </span>
            ) : null}
          </span>
          <span
            className={cn(
              // line-clamp sets its own display: no `block` here, or the clamp is lost.
              'break-words',
              post.title && 'font-medium',
              roomy ? 'line-clamp-3' : 'line-clamp-2',
            )}
          >
            {text}
          </span>
          {roomy && post.title && post.preview && !post.preview.startsWith(post.title) ? (
            <span className="mt-0.5 line-clamp-3 break-words opacity-75">{post.preview}</span>
          ) : null}
        </span>
      </PostLink>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          aria-label={`Actions for ${text.slice(0, 40)}`}
          className="shrink-0 rounded p-0.5 opacity-60 hover:bg-black/5 hover:opacity-100 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=open]:opacity-100"
        >
          <EllipsisVertical className="size-3.5" aria-hidden />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="end"
            sideOffset={4}
            className="z-50 w-52 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-gray-900/10"
          >
            <DropdownMenu.Item asChild className={itemClass}>
              <a href={postHref(workspaceId, post.id)}>
                <ExternalLink className="size-4 text-gray-400" aria-hidden />
                Open post
              </a>
            </DropdownMenu.Item>
            <DropdownMenu.Item className={itemClass} disabled={!movable} onSelect={() => setMoving(true)}>
              <CalendarClock className="size-4 text-gray-400" aria-hidden />
              Move to…
            </DropdownMenu.Item>
            <DropdownMenu.Item
              className={itemClass}
              disabled={!canWrite || post.status === 'published'}
              onSelect={() => setSharing(true)}
            >
              <Share2 className="size-4 text-gray-400" aria-hidden />
              Share for review…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {moving ? (
        <MoveDialog
          post={post}
          day={day}
          time={time}
          timeZone={timeZone}
          onOpenChange={setMoving}
          onMove={(target) => {
            setMoving(false);
            onMove(post, target);
          }}
        />
      ) : null}
      {sharing ? (
        <ApprovalLinkDialog
          workspaceId={workspaceId}
          postIds={[post.id]}
          open={sharing}
          onOpenChange={setSharing}
        />
      ) : null}
    </div>
  );
}
