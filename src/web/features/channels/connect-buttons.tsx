import { Building2, UserRound } from 'lucide-react';
import { Button } from '../../components/button';
import { Card, CardBody } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { isApiError } from '../../lib/api-error';
import { type ConnectTarget, useConnectChannel } from './channels-queries';

function targetName(target: ConnectTarget | undefined): string {
  if (!target) return 'This platform';
  return target.kind === 'x' ? 'X' : 'LinkedIn';
}

/** Each button asks Herald for the platform's consent page and sends the browser there. */
export function ConnectButtons({ workspaceId }: { workspaceId: string }) {
  const connect = useConnectChannel(workspaceId);
  const go = (target: ConnectTarget) =>
    connect.mutate(target, { onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl) });
  const pending = (kind: string, as?: string) =>
    connect.isPending &&
    connect.variables?.kind === kind &&
    (as === undefined || (connect.variables.kind === 'linkedin' && connect.variables.as === as));
  const notConfigured =
    connect.isError &&
    isApiError(connect.error) &&
    (connect.error.code === 'not_configured' || connect.error.status === 503);

  return (
    <Card>
      <CardBody className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <span className="mr-1 text-sm font-medium text-gray-800">Connect</span>
          <Button variant="secondary" isLoading={pending('x')} onClick={() => go({ kind: 'x' })}>
            Connect X
          </Button>
          <Button
            variant="secondary"
            isLoading={pending('linkedin', 'member')}
            onClick={() => go({ kind: 'linkedin', as: 'member' })}
            icon={<UserRound className="size-4" aria-hidden />}
          >
            Connect LinkedIn (me)
          </Button>
          <Button
            variant="secondary"
            isLoading={pending('linkedin', 'organization')}
            onClick={() => go({ kind: 'linkedin', as: 'organization' })}
            icon={<Building2 className="size-4" aria-hidden />}
          >
            Connect LinkedIn pages
          </Button>
        </div>
        {notConfigured ? (
          <ErrorBanner
            message={`${targetName(connect.variables)} is not configured on this server. An operator sets its client id and secret (see the README's settings).`}
          />
        ) : (
          <ErrorBanner message={connect.isError ? connect.error.message : null} />
        )}
      </CardBody>
    </Card>
  );
}
