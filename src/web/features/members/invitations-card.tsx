import { MailPlus } from 'lucide-react';
import { useState } from 'react';
import { Badge, type BadgeTone, RoleBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, CardHeader } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { getFormError } from '../../lib/api-error';
import type { Invitation, InvitationStatus } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { useInvitationMutations, useInvitations } from './members-queries';

const STATUS_TONES: Record<InvitationStatus, BadgeTone> = {
  pending: 'amber',
  accepted: 'green',
  revoked: 'gray',
  expired: 'red',
};

export function InvitationsCard({ workspaceId, timeZone }: { workspaceId: string; timeZone: string }) {
  const invitations = useInvitations(workspaceId);
  const { revoke } = useInvitationMutations(workspaceId);
  const [toRevoke, setToRevoke] = useState<Invitation | null>(null);

  // Open invitations first; the rest is history kept for reference.
  const items = [...(invitations.data?.items ?? [])].sort((a, b) => {
    if (a.status === 'pending' && b.status !== 'pending') return -1;
    if (b.status === 'pending' && a.status !== 'pending') return 1;
    return b.createdAt.localeCompare(a.createdAt);
  });

  return (
    <Card>
      <CardHeader title="Invitations" description="People who have been invited but have not joined yet." />
      {invitations.isPending ? (
        <LoadingBlock />
      ) : invitations.isError ? (
        <div className="p-5">
          <ErrorBanner message={invitations.error.message} />
        </div>
      ) : items.length === 0 ? (
        <EmptyState
          icon={MailPlus}
          title="No invitations"
          description="Invite teammates by email with the Invite member button."
        />
      ) : (
        <Table label="Invitations">
          <THead>
            <TH>Email</TH>
            <TH>Role</TH>
            <TH>Status</TH>
            <TH className="hidden sm:table-cell">Expires</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </THead>
          <TBody>
            {items.map((invitation) => (
              <TR key={invitation.id}>
                <TD className="max-w-56 truncate font-medium text-gray-900">{invitation.email}</TD>
                <TD>
                  <RoleBadge role={invitation.role} />
                </TD>
                <TD>
                  <Badge tone={STATUS_TONES[invitation.status]}>
                    {invitation.status.charAt(0).toUpperCase() + invitation.status.slice(1)}
                  </Badge>
                </TD>
                <TD className="hidden whitespace-nowrap text-gray-500 sm:table-cell">
                  {formatDate(invitation.expiresAt, timeZone)}
                </TD>
                <TD className="text-right">
                  {invitation.status === 'pending' ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Revoke invitation for ${invitation.email}`}
                      onClick={() => {
                        revoke.reset();
                        setToRevoke(invitation);
                      }}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <ConfirmDialog
        open={toRevoke !== null}
        onOpenChange={(open) => (open ? undefined : setToRevoke(null))}
        title="Revoke invitation?"
        description={toRevoke ? `The link sent to ${toRevoke.email} will stop working.` : undefined}
        confirmLabel="Revoke"
        isPending={revoke.isPending}
        error={getFormError(revoke.error)}
        onConfirm={() => {
          if (toRevoke) revoke.mutate(toRevoke.id, { onSuccess: () => setToRevoke(null) });
        }}
      />
    </Card>
  );
}
