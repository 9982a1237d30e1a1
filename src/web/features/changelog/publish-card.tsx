import { CalendarClock, ExternalLink, Rocket, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardHeader } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { getFormError } from '../../lib/api-error';
import { formatDateTime } from '../../lib/format';
import type { Entry } from './changelog-api';
import { usePublishEntry, useUnpublishEntry } from './changelog-queries';
import { EntryStatusBadge } from './entry-badges';
import { ScheduleEntryDialog } from './schedule-entry-dialog';

/**
 * Publish now, schedule, unpublish. `beforePublish` saves pending edits first, so what goes live is
 * what the editor shows; it rejects (and the error is shown by the editor) when saving fails.
 */
export function PublishCard({
  workspaceId,
  entry,
  timeZone,
  canWrite,
  beforePublish,
  onChanged,
}: {
  workspaceId: string;
  entry: Entry;
  timeZone: string;
  canWrite: boolean;
  beforePublish: () => Promise<void>;
  onChanged: (entry: Entry) => void;
}) {
  const publish = usePublishEntry(workspaceId, entry.id);
  const unpublish = useUnpublishEntry(workspaceId, entry.id);
  const [scheduling, setScheduling] = useState(false);
  const run = (at?: string) =>
    beforePublish()
      .then(() => publish.mutateAsync(at))
      .then(({ entry: fresh }) => {
        setScheduling(false);
        onChanged(fresh);
      })
      .catch(() => {
        // Shown from the mutation's error (or the save's, in the editor).
      });
  const error = publish.isError
    ? getFormError(publish.error)
    : unpublish.isError
      ? getFormError(unpublish.error)
      : null;

  return (
    <Card>
      <CardHeader title="Publishing" actions={<EntryStatusBadge status={entry.status} />} />
      <CardBody className="space-y-4">
        {scheduling ? null : <ErrorBanner message={error} />}
        {entry.status === 'published' ? (
          <div className="space-y-2 text-sm text-gray-700">
            <p>Published {formatDateTime(entry.publishedAt, timeZone)}.</p>
            {entry.publicUrl ? (
              <a
                href={entry.publicUrl}
                target="_blank"
                rel="noreferrer"
                className="inline-flex items-center gap-1 font-medium break-all text-indigo-700 hover:underline"
              >
                View on the public changelog <ExternalLink className="size-3.5 shrink-0" aria-hidden />
              </a>
            ) : null}
          </div>
        ) : entry.status === 'scheduled' ? (
          <p className="text-sm text-gray-700">
            Goes live {formatDateTime(entry.scheduledAt, timeZone)} ({timeZone}).
          </p>
        ) : (
          <p className="text-sm text-gray-500">A draft: only your workspace sees it.</p>
        )}
        {canWrite ? (
          <div className="flex flex-wrap gap-2">
            {entry.status !== 'published' ? (
              <>
                <Button
                  onClick={() => void run()}
                  isLoading={publish.isPending && publish.variables === undefined}
                  icon={<Rocket className="size-4" aria-hidden />}
                >
                  Publish now
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => {
                    publish.reset();
                    setScheduling(true);
                  }}
                  icon={<CalendarClock className="size-4" aria-hidden />}
                >
                  {entry.status === 'scheduled' ? 'Reschedule' : 'Schedule'}
                </Button>
              </>
            ) : null}
            {entry.status !== 'draft' ? (
              <Button
                variant="secondary"
                isLoading={unpublish.isPending}
                onClick={() =>
                  unpublish.mutate(undefined, { onSuccess: ({ entry: fresh }) => onChanged(fresh) })
                }
                icon={<Undo2 className="size-4" aria-hidden />}
              >
                {entry.status === 'scheduled' ? 'Cancel schedule' : 'Unpublish'}
              </Button>
            ) : null}
          </div>
        ) : null}
      </CardBody>
      <ScheduleEntryDialog
        timeZone={timeZone}
        scheduledAt={entry.scheduledAt}
        open={scheduling}
        onOpenChange={setScheduling}
        onSchedule={(at) => void run(at)}
        isPending={publish.isPending}
        error={publish.isError ? getFormError(publish.error) : undefined}
      />
    </Card>
  );
}
