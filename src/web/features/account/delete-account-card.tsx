import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardHeader } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TextField } from '../../components/input';
import { getFormError } from '../../lib/api-error';
import { signOut } from '../../lib/auth-client';
import { useMe } from '../../lib/use-me';
import { useDeleteAccount } from './account-queries';

export function DeleteAccountCard() {
  const { user } = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const deleteAccount = useDeleteAccount();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const matches = typed.trim().toLowerCase() === user.email.toLowerCase();

  function handleConfirm() {
    deleteAccount.mutate(undefined, {
      onSuccess: async () => {
        // The server may already have ended the session; signing out just makes sure.
        await signOut().catch(() => undefined);
        queryClient.clear();
        await navigate({ to: '/sign-in', search: { notice: 'deleted' } });
      },
    });
  }

  return (
    <Card className="border-red-200">
      <CardHeader title="Danger zone" description="Irreversible actions for your account." />
      <CardBody className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="max-w-lg text-sm text-gray-600">
          <p className="font-medium text-gray-900">Delete account</p>
          <p className="mt-0.5">
            Your account is deactivated now and permanently deleted after a grace period. Signing in again
            before then restores it.
          </p>
        </div>
        <Button
          variant="danger-outline"
          onClick={() => {
            setTyped('');
            deleteAccount.reset();
            setOpen(true);
          }}
        >
          Delete account
        </Button>
      </CardBody>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Delete your account?"
        description="You will be signed out everywhere. Sign in again within the grace period to cancel."
        confirmLabel="Delete my account"
        isPending={deleteAccount.isPending}
        disabled={!matches}
        error={getFormError(deleteAccount.error)}
        onConfirm={handleConfirm}
      >
        <TextField
          label={`Type ${user.email} to confirm`}
          autoComplete="off"
          autoFocus
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
      </ConfirmDialog>
    </Card>
  );
}
