import { ArrowLeft, Inbox, Mail } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import type { MailboxMessage } from '../../lib/api-types';
import { cn } from '../../lib/cn';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { htmlToText, LinkifiedText } from './linkified-text';
import { useMailbox } from './staff-queries';

function MessageView({
  message,
  timeZone,
  onBack,
}: {
  message: MailboxMessage;
  timeZone: string;
  onBack: () => void;
}) {
  const body = message.text ?? (message.html ? htmlToText(message.html) : '');
  return (
    <article aria-label="Message" className="min-w-0">
      <div className="border-b border-gray-100 px-5 py-4 sm:px-6">
        <Button
          variant="ghost"
          size="sm"
          className="-ml-2 mb-2 lg:hidden"
          onClick={onBack}
          icon={<ArrowLeft className="size-4" aria-hidden />}
        >
          All messages
        </Button>
        <h2 className="text-base font-semibold break-words text-gray-900">{message.subject}</h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs text-gray-500">
          <dt>To</dt>
          <dd className="break-all text-gray-800">{message.to}</dd>
          <dt>Date</dt>
          <dd className="text-gray-800">{formatDateTime(message.sentAt ?? message.createdAt, timeZone)}</dd>
          <dt>Status</dt>
          <dd>
            <Badge tone={message.status === 'failed' ? 'red' : message.status === 'sent' ? 'green' : 'gray'}>
              {message.status}
            </Badge>
          </dd>
        </dl>
      </div>
      <div className="px-5 py-5 text-sm leading-relaxed whitespace-pre-wrap text-gray-800 sm:px-6">
        {body ? (
          <LinkifiedText text={body} />
        ) : (
          <span className="text-gray-400">This message has no body.</span>
        )}
      </div>
    </article>
  );
}

export function MailboxPage() {
  useDocumentTitle('Mailbox');
  const { user } = useMe();
  const mailbox = useMailbox();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const messages = mailbox.data?.pages.flatMap((page) => page.items) ?? [];
  const selected = messages.find((message) => message.id === selectedId) ?? null;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Mailbox"
        description="Email Herald sent while no SMTP server is configured. Links work as they would in a real inbox."
        actions={
          <Button variant="secondary" isLoading={mailbox.isRefetching} onClick={() => void mailbox.refetch()}>
            Refresh
          </Button>
        }
      />
      {mailbox.isPending ? (
        <Card>
          <LoadingBlock />
        </Card>
      ) : mailbox.isError ? (
        <ErrorBanner message={mailbox.error.message} />
      ) : messages.length === 0 ? (
        <Card>
          <EmptyState
            icon={Inbox}
            title="No email yet"
            description="Sign-ups, invitations and password resets will show up here."
          />
        </Card>
      ) : (
        <Card className="overflow-hidden lg:grid lg:grid-cols-[20rem_1fr]">
          <div className={cn('border-gray-100 lg:border-r', selected ? 'hidden lg:block' : 'block')}>
            <ul aria-label="Messages" className="divide-y divide-gray-100 lg:max-h-[70vh] lg:overflow-y-auto">
              {messages.map((message) => (
                <li key={message.id}>
                  <button
                    type="button"
                    onClick={() => setSelectedId(message.id)}
                    aria-current={message.id === selectedId ? 'true' : undefined}
                    className={cn(
                      'block w-full px-5 py-3 text-left hover:bg-gray-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
                      message.id === selectedId && 'bg-indigo-50/70 hover:bg-indigo-50',
                    )}
                  >
                    <span className="flex items-baseline justify-between gap-3">
                      <span className="truncate text-xs text-gray-500">{message.to}</span>
                      <span className="shrink-0 text-[11px] text-gray-400">
                        {formatRelative(message.createdAt)}
                      </span>
                    </span>
                    <span className="mt-0.5 block truncate text-sm font-medium text-gray-900">
                      {message.subject}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {mailbox.hasNextPage ? (
              <div className="border-t border-gray-100 p-3 text-center">
                <Button
                  variant="ghost"
                  size="sm"
                  isLoading={mailbox.isFetchingNextPage}
                  onClick={() => void mailbox.fetchNextPage()}
                >
                  Load more
                </Button>
              </div>
            ) : null}
          </div>
          <div className={cn(selected ? 'block' : 'hidden lg:block')}>
            {selected ? (
              <MessageView message={selected} timeZone={user.timezone} onBack={() => setSelectedId(null)} />
            ) : (
              <EmptyState
                icon={Mail}
                title="Select a message"
                description="Pick an email on the left to read it."
              />
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
