import { UserPlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { SelectField, TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import type { WorkspaceRole } from '../../lib/api-types';
import { useCompleteOnboardingStep } from '../account/account-queries';
import { useInvitationMutations } from './members-queries';

const ROLE_HINTS: Record<Exclude<WorkspaceRole, 'owner'>, string> = {
  admin: 'Admins manage members, keys, brand and settings.',
  member: 'Members create and edit content.',
  viewer: 'Viewers can look but not change anything.',
};

export function InviteDialog({
  workspaceId,
  canInviteAdmins,
}: {
  workspaceId: string;
  canInviteAdmins: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Exclude<WorkspaceRole, 'owner'>>('member');
  const { invite } = useInvitationMutations(workspaceId);
  const completeStep = useCompleteOnboardingStep();

  function handleOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setEmail('');
      setRole('member');
      invite.reset();
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: () => {
          completeStep('invite_member');
          handleOpenChange(false);
        },
      },
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={handleOpenChange}
      title="Invite member"
      description="We will email them a link to join. Invitations expire after a few days."
      trigger={<Button icon={<UserPlus className="size-4" aria-hidden />}>Invite member</Button>}
    >
      <form onSubmit={handleSubmit} className="space-y-4" noValidate>
        <ErrorBanner message={getFormError(invite.error, ['email', 'role'])} />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          placeholder="teammate@company.com"
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={getFieldError(invite.error, 'email')}
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(event) => setRole(event.target.value as typeof role)}
          hint={ROLE_HINTS[role]}
          error={getFieldError(invite.error, 'role')}
        >
          {canInviteAdmins ? <option value="admin">Admin</option> : null}
          <option value="member">Member</option>
          <option value="viewer">Viewer</option>
        </SelectField>
        <DialogActions>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" isLoading={invite.isPending} disabled={!email.trim()}>
            Send invitation
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
