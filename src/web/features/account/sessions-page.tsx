import { Monitor, MonitorSmartphone, Smartphone } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, CardHeader } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { getFormError } from '../../lib/api-error';
import { formatDateTime, formatRelative, formatRequestSource } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { useRevokeSession, useSessions } from './account-queries';
import { describeUserAgent } from './describe-user-agent';

export function SessionsPage() {
  useDocumentTitle('Sessions');
  const { user } = useMe();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const [isRevokingAll, setRevokingAll] = useState(false);

  // The current session first, then the most recent.
  const items = [...(sessions.data?.items ?? [])].sort(
    (a, b) => Number(b.isCurrent) - Number(a.isCurrent) || b.createdAt.localeCompare(a.createdAt),
  );
  const others = items.filter((session) => !session.isCurrent);

  async function revokeAllOthers() {
    setRevokingAll(true);
    try {
      for (const session of others) await revoke.mutateAsync(session.id);
    } catch {
      // The mutation's error is shown in the banner below.
    } finally {
      setRevokingAll(false);
    }
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Sessions"
        description="Devices where you are signed in. Revoke any you do not recognise."
      />
      <Card>
        <CardHeader
          title="Active sessions"
          actions={
            others.length > 1 ? (
              <Button
                variant="secondary"
                size="sm"
                isLoading={isRevokingAll}
                onClick={() => void revokeAllOthers()}
              >
                Sign out all other sessions
              </Button>
            ) : undefined
          }
        />
        <ErrorBanner className="mx-5 mt-4 sm:mx-6" message={getFormError(revoke.error)} />
        {sessions.isPending ? (
          <LoadingBlock />
        ) : sessions.isError ? (
          <div className="p-5">
            <ErrorBanner message={sessions.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState icon={MonitorSmartphone} title="No active sessions" />
        ) : (
          <ul className="divide-y divide-gray-100" aria-label="Sessions">
            {items.map((session) => {
              const device = describeUserAgent(session.userAgent);
              const Icon = device.isMobile ? Smartphone : Monitor;
              const isThisPending = revoke.isPending && revoke.variables === session.id;
              return (
                <li key={session.id} className="flex items-center gap-3 px-5 py-4 sm:gap-4 sm:px-6">
                  <span className="hidden size-10 shrink-0 items-center sm:flex justify-center rounded-lg bg-gray-100 text-gray-500">
                    <Icon className="size-5" aria-hidden />
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 font-medium text-gray-900">
                      {device.label}
                      {session.isCurrent ? <Badge tone="green">This device</Badge> : null}
                    </p>
                    <p className="mt-0.5 text-xs text-gray-500">
                      {formatRequestSource(session.ipAddress)} · Signed in {formatRelative(session.createdAt)}{' '}
                      · Expires {formatDateTime(session.expiresAt, user.timezone)}
                    </p>
                  </div>
                  {session.isCurrent ? null : (
                    <Button
                      variant="secondary"
                      size="sm"
                      isLoading={isThisPending}
                      disabled={isRevokingAll}
                      aria-label={`Revoke session: ${device.label}, ${formatRequestSource(session.ipAddress)}`}
                      onClick={() => revoke.mutate(session.id)}
                    >
                      Revoke
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
