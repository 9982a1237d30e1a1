import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { useCreateWorkspace } from '../workspaces/workspace-queries';

export function CreateWorkspaceDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [name, setName] = useState('');
  const createWorkspace = useCreateWorkspace();
  const navigate = useNavigate();

  function handleOpenChange(next: boolean) {
    if (!next) {
      setName('');
      createWorkspace.reset();
    }
    onOpenChange(next);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    createWorkspace.mutate(
      { name: name.trim() },
      {
        onSuccess: (workspace) => {
          handleOpenChange(false);
          void navigate({ to: '/w/$workspaceId', params: { workspaceId: workspace.id } });
        },
      },
    );
  }

  const error = createWorkspace.error;
  return (
    <Dialog
      open={open}
      onOpenChange={handleOpenChange}
      title="Create workspace"
      description="A workspace holds its own members, brand, API keys and content."
    >
      <form onSubmit={handleSubmit} className="space-y-4" noValidate>
        <ErrorBanner message={getFormError(error, ['name'])} />
        <TextField
          label="Workspace name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Acme Marketing"
          autoComplete="off"
          required
          maxLength={100}
          autoFocus
          error={getFieldError(error, 'name')}
        />
        <DialogActions>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" isLoading={createWorkspace.isPending} disabled={name.trim().length === 0}>
            Create workspace
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
