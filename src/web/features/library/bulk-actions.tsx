import { CalendarClock, CalendarX, Download, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { getFormError } from '../../lib/api-error';
import { downloadText, postsToCsv, postsToJson } from './export-selection';
import type { Post } from './posts-api';
import { useCancelPosts, useDeletePosts } from './posts-queries';
import { ScheduleDialog } from './schedule-dialog';

/** What can be done to the selected rows; each action says which rows it skipped and why. */
export function BulkActions({
  workspaceId,
  timeZone,
  selected,
  onDone,
}: {
  workspaceId: string;
  timeZone: string;
  selected: Post[];
  onDone: () => void;
}) {
  const [scheduling, setScheduling] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const cancel = useCancelPosts(workspaceId);
  const remove = useDeletePosts(workspaceId);

  const schedulable = selected.filter((post) => post.status !== 'published');
  const cancellable = selected.filter((post) => post.status === 'scheduled');
  const count = selected.length;

  return (
    <div
      className="flex flex-wrap items-center gap-2 border-b border-indigo-100 bg-indigo-50/60 px-5 py-2.5 sm:px-6"
      role="toolbar"
      aria-label="Selected posts"
    >
      <span className="mr-2 text-sm font-medium text-indigo-900">{count} selected</span>
      <Button
        size="sm"
        variant="secondary"
        disabled={schedulable.length === 0}
        onClick={() => setScheduling(true)}
        icon={<CalendarClock className="size-3.5" aria-hidden />}
      >
        Schedule
      </Button>
      <Button
        size="sm"
        variant="secondary"
        disabled={cancellable.length === 0}
        isLoading={cancel.isPending}
        onClick={() =>
          cancel.mutate(
            cancellable.map((post) => post.id),
            { onSuccess: onDone },
          )
        }
        icon={<CalendarX className="size-3.5" aria-hidden />}
      >
        Unschedule
      </Button>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => downloadText('posts-selection.csv', postsToCsv(selected), 'text/csv')}
        icon={<Download className="size-3.5" aria-hidden />}
      >
        CSV
      </Button>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => downloadText('posts-selection.json', postsToJson(selected), 'application/json')}
        icon={<Download className="size-3.5" aria-hidden />}
      >
        JSON
      </Button>
      <Button
        size="sm"
        variant="ghost"
        className="text-red-600 hover:bg-red-50 hover:text-red-700"
        onClick={() => {
          remove.reset();
          setDeleting(true);
        }}
        icon={<Trash2 className="size-3.5" aria-hidden />}
      >
        Delete
      </Button>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onDone}>
        Clear selection
      </Button>
      {cancel.isError ? <ErrorBanner className="w-full" message={getFormError(cancel.error)} /> : null}
      <ScheduleDialog
        workspaceId={workspaceId}
        timeZone={timeZone}
        posts={schedulable}
        open={scheduling}
        onOpenChange={setScheduling}
        onScheduled={onDone}
      />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={count === 1 ? 'Delete this post?' : `Delete ${count} posts?`}
        description="A scheduled post will not be published. Published posts stay on their platform. This cannot be undone."
        confirmLabel="Delete"
        isPending={remove.isPending}
        error={getFormError(remove.error)}
        onConfirm={() =>
          remove.mutate(
            selected.map((post) => post.id),
            {
              onSuccess: () => {
                setDeleting(false);
                onDone();
              },
            },
          )
        }
      />
    </div>
  );
}
