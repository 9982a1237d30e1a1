import { CalendarClock, CalendarX, ExternalLink } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { getFormError } from '../../lib/api-error';
import { formatDateTime } from '../../lib/format';
import { useChannels } from '../channels/channels-queries';
import { ApprovalBadge, PostStatusBadge } from './post-badges';
import { channelKindLabels, type Post } from './posts-api';
import { useCancelPosts } from './posts-queries';
import { ScheduleDialog } from './schedule-dialog';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-start justify-between gap-3 py-1.5">
      <dt className="text-gray-500">{label}</dt>
      <dd className="text-right text-gray-900">{children}</dd>
    </div>
  );
}

/** Where and when the post goes out, and what happened when it did. */
export function PublishingCard({
  workspaceId,
  timeZone,
  post,
  canWrite,
  dirty,
}: {
  workspaceId: string;
  timeZone: string;
  post: Post;
  canWrite: boolean;
  dirty: boolean;
}) {
  const channels = useChannels(workspaceId);
  const cancel = useCancelPosts(workspaceId);
  const [scheduling, setScheduling] = useState(false);
  const channel = channels.data?.find((c) => c.id === post.channelId);
  const isScheduled = post.status === 'scheduled';

  return (
    <Card>
      <CardHeader title="Publishing" actions={<PostStatusBadge status={post.status} />} />
      <CardBody className="space-y-4 text-sm">
        <dl className="divide-y divide-gray-100">
          <Row label="Channel">
            {channel
              ? `${channel.name} (${channelKindLabels[channel.kind]})`
              : post.channelId
                ? 'Disconnected'
                : '—'}
          </Row>
          <Row label={post.status === 'published' ? 'Published' : 'Scheduled for'}>
            {formatDateTime(post.status === 'published' ? post.publishedAt : post.scheduledAt, timeZone)}
          </Row>
          <Row label="Approval">
            <ApprovalBadge state={post.approvalState} needsApproval={post.needsApproval} />
          </Row>
          <Row label="Attempts">{post.attemptCount}</Row>
        </dl>
        {post.status === 'published' && post.externalUrl ? (
          <a
            href={post.externalUrl}
            target="_blank"
            rel="noreferrer"
            className="inline-flex items-center gap-1.5 font-medium text-indigo-700 hover:underline"
          >
            View on the platform <ExternalLink className="size-3.5" aria-hidden />
          </a>
        ) : null}
        {post.status === 'failed' && post.lastError ? (
          <Notice tone="error" title="Publishing failed">
            {post.lastError}
          </Notice>
        ) : null}
        {post.needsApproval && post.approvalState !== 'approved' && post.status !== 'published' ? (
          <Notice tone="warning">This post is not published until it is approved.</Notice>
        ) : null}
        <ErrorBanner message={cancel.isError ? getFormError(cancel.error) : null} />
        {canWrite && post.status !== 'published' ? (
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              onClick={() => setScheduling(true)}
              disabled={dirty}
              title={dirty ? 'Save your changes first' : undefined}
              icon={<CalendarClock className="size-3.5" aria-hidden />}
            >
              {isScheduled ? 'Reschedule' : 'Schedule'}
            </Button>
            {isScheduled ? (
              <Button
                size="sm"
                variant="secondary"
                isLoading={cancel.isPending}
                onClick={() => cancel.mutate([post.id])}
                icon={<CalendarX className="size-3.5" aria-hidden />}
              >
                Unschedule
              </Button>
            ) : null}
          </div>
        ) : null}
        {dirty && post.status !== 'published' ? (
          <p className="text-xs text-gray-500">Save your changes before scheduling.</p>
        ) : null}
      </CardBody>
      <ScheduleDialog
        workspaceId={workspaceId}
        timeZone={timeZone}
        posts={[post]}
        open={scheduling}
        onOpenChange={setScheduling}
      />
    </Card>
  );
}
