import { Users } from 'lucide-react';
import { useState } from 'react';
import { Badge, RoleBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { InlineSelect } from '../../components/input';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { getFormError } from '../../lib/api-error';
import type { Member, WorkspaceRole } from '../../lib/api-types';
import { formatDate, initials } from '../../lib/format';
import { useMemberMutations } from './members-queries';

export function MembersTable({
  workspaceId,
  members,
  myRole,
  myUserId,
  timeZone,
}: {
  workspaceId: string;
  members: Member[];
  myRole: WorkspaceRole;
  myUserId: string;
  timeZone: string;
}) {
  const { changeRole, removeMember } = useMemberMutations(workspaceId);
  const [toRemove, setToRemove] = useState<Member | null>(null);
  const canManage = myRole === 'owner' || myRole === 'admin';
  // Admins manage everyone but owners; only an owner can hand out or take away ownership.
  const canEditRow = (member: Member) =>
    canManage && member.userId !== myUserId && (myRole === 'owner' || member.role !== 'owner');
  const roleOptions: WorkspaceRole[] =
    myRole === 'owner' ? ['owner', 'admin', 'member', 'viewer'] : ['admin', 'member', 'viewer'];

  if (members.length === 0) {
    return (
      <EmptyState icon={Users} title="No members yet" description="Invite your team to collaborate here." />
    );
  }

  return (
    <>
      <ErrorBanner className="mx-5 mt-4 sm:mx-6" message={getFormError(changeRole.error)} />
      <Table label="Members">
        <THead>
          <TH>Member</TH>
          <TH>Role</TH>
          <TH className="hidden sm:table-cell">Joined</TH>
          {canManage ? (
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          ) : null}
        </THead>
        <TBody>
          {members.map((member) => (
            <TR key={member.userId}>
              <TD>
                <div className="flex items-center gap-3">
                  <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-gray-100 text-xs font-semibold text-gray-600">
                    {initials(member.name, member.email.charAt(0).toUpperCase())}
                  </span>
                  <div className="min-w-0">
                    <p className="flex items-center gap-2 truncate font-medium text-gray-900">
                      {member.name || member.email}
                      {member.userId === myUserId ? <Badge>You</Badge> : null}
                    </p>
                    <p className="truncate text-xs text-gray-500">{member.email}</p>
                  </div>
                </div>
              </TD>
              <TD>
                {canEditRow(member) ? (
                  <InlineSelect
                    aria-label={`Access for ${member.name || member.email}`}
                    value={member.role}
                    disabled={changeRole.isPending && changeRole.variables?.userId === member.userId}
                    onChange={(event) =>
                      changeRole.mutate({ userId: member.userId, role: event.target.value as WorkspaceRole })
                    }
                  >
                    {roleOptions.map((role) => (
                      <option key={role} value={role}>
                        {role.charAt(0).toUpperCase() + role.slice(1)}
                      </option>
                    ))}
                  </InlineSelect>
                ) : (
                  <RoleBadge role={member.role} />
                )}
              </TD>
              <TD className="hidden whitespace-nowrap text-gray-500 sm:table-cell">
                {formatDate(member.joinedAt, timeZone)}
              </TD>
              {canManage ? (
                <TD className="text-right">
                  {canEditRow(member) ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="text-red-600 hover:bg-red-50 hover:text-red-700"
                      aria-label={`Remove ${member.name || member.email}`}
                      onClick={() => {
                        removeMember.reset();
                        setToRemove(member);
                      }}
                    >
                      Remove
                    </Button>
                  ) : null}
                </TD>
              ) : null}
            </TR>
          ))}
        </TBody>
      </Table>
      <ConfirmDialog
        open={toRemove !== null}
        onOpenChange={(open) => (open ? undefined : setToRemove(null))}
        title="Remove member?"
        description={
          toRemove
            ? `${toRemove.name || toRemove.email} will lose access to this workspace right away.`
            : undefined
        }
        confirmLabel="Remove member"
        isPending={removeMember.isPending}
        error={getFormError(removeMember.error)}
        onConfirm={() => {
          if (toRemove) removeMember.mutate(toRemove.userId, { onSuccess: () => setToRemove(null) });
        }}
      />
    </>
  );
}
