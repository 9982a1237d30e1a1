import { Check, MessageSquare, PencilLine } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardHeader } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { TextAreaField } from '../../components/input';
import { getFieldError, getFormError, isApiError } from '../../lib/api-error';
import { formatDateTime, formatRelative } from '../../lib/format';
import { ApprovalBadge, PlatformMark, platformName } from '../calendar/post-display';
import { useReviewAction } from './approvals-queries';
import type { ApprovalEvent, ReviewAction, ReviewPost } from './approvals-types';
import { PostPreview } from './post-preview';

const EVENT_TEXT: Record<ApprovalEvent['kind'], { verb: string; icon: typeof Check; className: string }> = {
  approved: { verb: 'approved', icon: Check, className: 'bg-emerald-100 text-emerald-700' },
  changes_requested: { verb: 'requested changes', icon: PencilLine, className: 'bg-red-100 text-red-700' },
  comment: { verb: 'commented', icon: MessageSquare, className: 'bg-gray-100 text-gray-600' },
};

function EventList({ events }: { events: ApprovalEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-gray-500">No answers yet.</p>;
  return (
    <ol className="space-y-3" aria-label="History">
      {events.map((event) => {
        const text = EVENT_TEXT[event.kind] ?? EVENT_TEXT.comment;
        const Icon = text.icon;
        return (
          <li key={event.id} className="flex gap-2.5 text-sm">
            <span
              className={`flex size-6 shrink-0 items-center justify-center rounded-full ${text.className}`}
            >
              <Icon className="size-3.5" aria-hidden />
            </span>
            <div className="min-w-0">
              <p className="text-gray-800">
                <span className="font-medium">{event.reviewerName}</span> {text.verb}{' '}
                <time
                  className="text-gray-500"
                  dateTime={event.createdAt}
                  title={formatDateTime(event.createdAt)}
                >
                  {formatRelative(event.createdAt)}
                </time>
              </p>
              {event.message ? (
                <p className="mt-0.5 break-words whitespace-pre-wrap text-gray-600">{event.message}</p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function ReviewPostCard({
  token,
  post,
  author,
  reviewerName,
  onNameMissing,
  onGone,
}: {
  token: string;
  post: ReviewPost;
  author: string;
  reviewerName: string;
  /** Asks the page to point at the name field. */
  onNameMissing: () => void;
  /** The link stopped working while the page was open. */
  onGone: () => void;
}) {
  const [message, setMessage] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useReviewAction(token, post.id);
  const pending = action.isPending ? action.variables?.action : undefined;
  const events = [...post.events].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  function send(kind: ReviewAction) {
    setLocalError(null);
    const name = reviewerName.trim();
    if (!name) {
      onNameMissing();
      return;
    }
    const text = message.trim();
    if (kind !== 'approve' && !text) {
      setLocalError(
        kind === 'comment' ? 'Write your comment first.' : 'Say what should change, so the author knows.',
      );
      return;
    }
    action.mutate(
      { action: kind, reviewerName: name, message: text || undefined, version: post.version },
      {
        onSuccess: () => setMessage(''),
        onError: (error) => {
          if (isApiError(error) && error.status === 404) onGone();
        },
      },
    );
  }

  return (
    <Card>
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            <PlatformMark platform={post.platform} className="size-5 text-[10px]" />
            {platformName(post.platform)}
          </span>
        }
        actions={<ApprovalBadge state={post.approvalState} />}
      />
      <CardBody className="grid items-start gap-6 md:grid-cols-2">
        <div className="rounded-xl bg-white p-4 ring-1 ring-gray-200">
          <PostPreview platform={post.platform} parts={post.parts} author={author} />
        </div>
        <div className="space-y-4">
          <ErrorBanner message={localError ?? getFormError(action.error, ['message'])} />
          <TextAreaField
            label="Message"
            rows={3}
            maxLength={2000}
            value={message}
            placeholder="Required for a change request or a comment"
            onChange={(event) => setMessage(event.target.value)}
            error={getFieldError(action.error, 'message')}
          />
          <div className="flex flex-wrap gap-2">
            <Button
              onClick={() => send('approve')}
              isLoading={pending === 'approve'}
              disabled={action.isPending}
              icon={<Check className="size-4" aria-hidden />}
            >
              Approve
            </Button>
            <Button
              variant="secondary"
              onClick={() => send('request_changes')}
              isLoading={pending === 'request_changes'}
              disabled={action.isPending}
              icon={<PencilLine className="size-4" aria-hidden />}
            >
              Request changes
            </Button>
            <Button
              variant="ghost"
              onClick={() => send('comment')}
              isLoading={pending === 'comment'}
              disabled={action.isPending}
              icon={<MessageSquare className="size-4" aria-hidden />}
            >
              Comment
            </Button>
          </div>
          <div className="border-t border-gray-100 pt-4">
            <h3 className="mb-2 text-xs font-medium tracking-wide text-gray-500 uppercase">History</h3>
            <EventList events={events} />
          </div>
        </div>
      </CardBody>
    </Card>
  );
}
