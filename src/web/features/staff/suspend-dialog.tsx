import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { TextAreaField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import type { StaffUser } from '../../lib/api-types';
import { useStaffUserMutations } from './staff-queries';

export function SuspendDialog({ user, onClose }: { user: StaffUser | null; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { suspend } = useStaffUserMutations();

  function handleOpenChange(open: boolean) {
    if (open) return;
    setReason('');
    suspend.reset();
    onClose();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!user) return;
    suspend.mutate({ userId: user.id, reason: reason.trim() }, { onSuccess: () => handleOpenChange(false) });
  }

  return (
    <Dialog
      open={user !== null}
      onOpenChange={handleOpenChange}
      title="Suspend user"
      description={
        user
          ? `${user.name || user.email} will be signed out and unable to sign in until reactivated. The reason is recorded in the staff audit log.`
          : undefined
      }
    >
      <form onSubmit={handleSubmit} className="space-y-4" noValidate>
        <ErrorBanner message={getFormError(suspend.error, ['reason'])} />
        <TextAreaField
          label="Reason"
          required
          autoFocus
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={getFieldError(suspend.error, 'reason')}
          placeholder="Repeated spam reported by three workspaces"
        />
        <DialogActions>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="danger" isLoading={suspend.isPending} disabled={!reason.trim()}>
            Suspend user
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
