import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { MailOpen } from 'lucide-react';
import { RoleBadge } from '../../components/badge';
import { Button, buttonClasses } from '../../components/button';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { api } from '../../lib/api-client';
import { getFormError, isApiError } from '../../lib/api-error';
import type { PublicInvitation } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { meQueryKey, sessionQueryOptions } from '../../lib/me-queries';
import { useDocumentTitle } from '../../lib/use-document-title';
import { AuthCard, textLinkClass } from '../auth/auth-layout';
import { useSignOut } from '../auth/use-sign-out';

const routeApi = getRouteApi('/_auth/invitations/$token');

const STATUS_MESSAGES = {
  accepted: 'This invitation has already been accepted.',
  revoked: 'This invitation was withdrawn by the workspace. Ask them to send a new one.',
  expired: 'This invitation has expired. Ask the workspace to send a new one.',
} as const;

export function InvitationPage() {
  const { token } = routeApi.useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const here = `/invitations/${encodeURIComponent(token)}`;
  const signOut = useSignOut({ redirect: here });

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<PublicInvitation>(`/api/v1/invitations/${encodeURIComponent(token)}`),
  });
  const session = useQuery(sessionQueryOptions);

  const accept = useMutation({
    mutationFn: () =>
      api.post<{ workspaceId: string }>(`/api/v1/invitations/${encodeURIComponent(token)}/accept`),
    onSuccess: async ({ workspaceId }) => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await navigate({ to: '/w/$workspaceId', params: { workspaceId } });
    },
  });

  useDocumentTitle(invitation.data ? `Join ${invitation.data.workspaceName}` : 'Invitation');

  if (invitation.isPending || session.isPending) return <LoadingBlock />;

  if (invitation.isError) {
    const isMissing = isApiError(invitation.error) && invitation.error.status === 404;
    return (
      <AuthCard
        title={isMissing ? 'Invitation not found' : 'Could not load the invitation'}
        description={
          isMissing ? 'The link may be mistyped, or the invitation was removed.' : invitation.error.message
        }
      >
        <Link to="/" className={buttonClasses('secondary', 'md', 'w-full')}>
          Go to Herald
        </Link>
      </AuthCard>
    );
  }

  const data = invitation.data;
  const user = session.data?.user;
  const isOtherAccount = Boolean(user && user.email.toLowerCase() !== data.email.toLowerCase());

  return (
    <AuthCard
      title={`Join ${data.workspaceName}`}
      description={
        <>
          You have been invited to the{' '}
          <strong className="font-medium text-gray-800">{data.workspaceName}</strong> workspace on Herald.
        </>
      }
    >
      <dl className="mb-6 divide-y divide-gray-100 rounded-xl border border-gray-200 text-sm">
        <div className="flex items-center justify-between gap-4 px-4 py-3">
          <dt className="text-gray-500">Workspace</dt>
          <dd className="truncate font-medium text-gray-900">{data.workspaceName}</dd>
        </div>
        <div className="flex items-center justify-between gap-4 px-4 py-3">
          <dt className="text-gray-500">Role</dt>
          <dd>
            <RoleBadge role={data.role} />
          </dd>
        </div>
        <div className="flex items-center justify-between gap-4 px-4 py-3">
          <dt className="text-gray-500">Invited email</dt>
          <dd className="truncate text-gray-900">{data.email}</dd>
        </div>
        <div className="flex items-center justify-between gap-4 px-4 py-3">
          <dt className="text-gray-500">Expires</dt>
          <dd className="text-gray-900">{formatDate(data.expiresAt)}</dd>
        </div>
      </dl>

      {data.status !== 'pending' ? (
        <Notice tone={data.status === 'accepted' ? 'info' : 'warning'}>{STATUS_MESSAGES[data.status]}</Notice>
      ) : user ? (
        <div className="space-y-4">
          {isOtherAccount ? (
            <Notice tone="warning" title="This invitation is for another email">
              You are signed in as {user.email}.{' '}
              <button
                type="button"
                className={textLinkClass}
                onClick={() => signOut.mutate()}
                disabled={signOut.isPending}
              >
                Switch account
              </button>
            </Notice>
          ) : null}
          <ErrorBanner message={getFormError(accept.error)} />
          <Button className="w-full" isLoading={accept.isPending} onClick={() => accept.mutate()}>
            Accept invitation
          </Button>
        </div>
      ) : (
        <div className="space-y-3">
          <div className="flex items-center gap-3 rounded-xl bg-gray-50 px-4 py-3 text-gray-600">
            <MailOpen className="size-5 shrink-0 text-gray-400" aria-hidden />
            <p className="text-sm">Sign in or create an account with {data.email} to accept.</p>
          </div>
          <Link
            to="/sign-in"
            search={{ redirect: here, email: data.email }}
            className={buttonClasses('primary', 'md', 'w-full')}
          >
            Sign in to accept
          </Link>
          <Link
            to="/sign-up"
            search={{ redirect: here }}
            className={buttonClasses('secondary', 'md', 'w-full')}
          >
            Create an account
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
