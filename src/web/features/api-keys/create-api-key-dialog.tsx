import { KeyRound, TriangleAlert } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { SelectField, TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import type { ApiKeyScope } from '../../lib/api-types';
import { useCompleteOnboardingStep } from '../account/account-queries';
import { useApiKeyMutations } from './api-keys-queries';
import { CopyButton } from './copy-button';

export function CreateApiKeyDialog({ workspaceId }: { workspaceId: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('read');
  const { create } = useApiKeyMutations(workspaceId);
  const completeStep = useCompleteOnboardingStep();
  const secret = create.data?.secret;

  function handleOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      // Forget the secret as soon as the dialog closes: it is shown once, by design.
      setName('');
      setScope('read');
      create.reset();
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: name.trim(), scope }, { onSuccess: () => completeStep('create_api_key') });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={handleOpenChange}
      title={secret ? 'Save your API key' : 'Create API key'}
      description={
        secret ? undefined : 'Keys act on behalf of this workspace. Give each script or service its own.'
      }
      trigger={<Button icon={<KeyRound className="size-4" aria-hidden />}>Create API key</Button>}
    >
      {secret ? (
        <div className="space-y-4">
          <div
            className="flex gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900"
            role="alert"
          >
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <p>
              Copy this key now and store it somewhere safe. <strong>You won't see it again.</strong> If you
              lose it, revoke it and create a new one.
            </p>
          </div>
          <div>
            <label htmlFor="new-api-key-secret" className="mb-1.5 block text-sm font-medium text-gray-800">
              API key
            </label>
            <div className="flex items-center gap-2">
              <input
                id="new-api-key-secret"
                readOnly
                value={secret}
                onFocus={(event) => event.target.select()}
                className="block w-full min-w-0 rounded-lg border-0 bg-gray-50 px-3 py-2 font-mono text-xs text-gray-900 ring-1 ring-gray-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
              />
              <CopyButton value={secret} />
            </div>
          </div>
          <DialogActions>
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </DialogActions>
        </div>
      ) : (
        <form onSubmit={handleSubmit} className="space-y-4" noValidate>
          <ErrorBanner message={getFormError(create.error, ['name', 'scope'])} />
          <TextField
            label="Key name"
            placeholder="GitHub Actions"
            required
            autoFocus
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={getFieldError(create.error, 'name')}
          />
          <SelectField
            label="Scope"
            value={scope}
            onChange={(event) => setScope(event.target.value as ApiKeyScope)}
            hint={
              scope === 'read'
                ? 'Can read data, cannot change anything.'
                : 'Can read and change data in this workspace.'
            }
            error={getFieldError(create.error, 'scope')}
          >
            <option value="read">Read only</option>
            <option value="read_write">Read and write</option>
          </SelectField>
          <DialogActions>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" isLoading={create.isPending} disabled={!name.trim()}>
              Create key
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
