import { Link } from '@tanstack/react-router';
import { CalendarClock } from 'lucide-react';
import { useState } from 'react';
import { platformLabels } from '../../../shared/studio/studio-types';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { SelectField, TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { useChannels } from '../channels/channels-queries';
import { channelFits, channelKindLabels, type Post } from './posts-api';
import { useSchedulePosts } from './posts-queries';
import { defaultScheduleTime, toWallClock } from './wall-clock';

/** Schedule (or reschedule) one post or a selection at one time on one channel. */
export function ScheduleDialog({
  workspaceId,
  timeZone,
  posts,
  open,
  onOpenChange,
  onScheduled,
}: {
  workspaceId: string;
  timeZone: string;
  posts: Post[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onScheduled?: (posts: Post[]) => void;
}) {
  const platforms = [...new Set(posts.map((post) => platformLabels[post.platform]))].join(', ');
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={posts.length === 1 ? 'Schedule post' : `Schedule ${posts.length} posts`}
      description={`${platforms} · times are in ${timeZone}`}
    >
      {/* Radix unmounts the content when closed, so each opening starts from fresh state. */}
      <ScheduleForm
        workspaceId={workspaceId}
        timeZone={timeZone}
        posts={posts}
        platforms={platforms}
        onDone={(scheduled) => {
          onScheduled?.(scheduled);
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}

function ScheduleForm({
  workspaceId,
  timeZone,
  posts,
  platforms,
  onDone,
}: {
  workspaceId: string;
  timeZone: string;
  posts: Post[];
  platforms: string;
  onDone: (posts: Post[]) => void;
}) {
  const channels = useChannels(workspaceId);
  const schedule = useSchedulePosts(workspaceId);
  const first = posts[0];
  // A single post starts from its own time and channel; a selection from a near whole hour.
  const [when, setWhen] = useState(() =>
    first?.scheduledAt && posts.length === 1
      ? toWallClock(new Date(first.scheduledAt), timeZone)
      : defaultScheduleTime(timeZone),
  );
  const [channelId, setChannelId] = useState(first?.channelId ?? '');
  const usable = (channels.data ?? []).filter(
    (channel) => channel.status === 'active' && posts.every((post) => channelFits(channel, post.platform)),
  );

  const chosen = usable.some((channel) => channel.id === channelId) ? channelId : (usable[0]?.id ?? '');
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        schedule.mutate(
          posts.map((post) => ({
            id: post.id,
            scheduledAt: when,
            channelId: chosen,
            expectedVersion: post.version,
          })),
          {
            onSuccess: onDone,
          },
        );
      }}
    >
      <ErrorBanner
        message={schedule.isError ? getFormError(schedule.error, ['scheduledAt', 'channelId']) : null}
      />
      <TextField
        label={`Date and time (${timeZone})`}
        type="datetime-local"
        required
        value={when}
        onChange={(event) => setWhen(event.target.value)}
        error={schedule.isError ? getFieldError(schedule.error, 'scheduledAt') : undefined}
      />
      {channels.isSuccess && usable.length === 0 ? (
        <Notice tone="warning" title="No channel can take these posts">
          Connect {platforms} or add a webhook on the{' '}
          <Link to="/w/$workspaceId/channels" params={{ workspaceId }} className="font-medium underline">
            Channels page
          </Link>
          .
        </Notice>
      ) : (
        <SelectField
          label="Channel"
          value={chosen}
          onChange={(event) => setChannelId(event.target.value)}
          error={schedule.isError ? getFieldError(schedule.error, 'channelId') : undefined}
        >
          {usable.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name} ({channelKindLabels[channel.kind]})
            </option>
          ))}
        </SelectField>
      )}
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button
          type="submit"
          isLoading={schedule.isPending}
          disabled={!when || !chosen}
          icon={<CalendarClock className="size-4" aria-hidden />}
        >
          Schedule
        </Button>
      </DialogActions>
    </form>
  );
}
