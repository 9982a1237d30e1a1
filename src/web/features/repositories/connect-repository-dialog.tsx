import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Dialog, DialogActions, DialogClose } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import { BackfillFields, useBackfillChoice } from './backfill-fields';
import type { ConnectedRepository, RepositoryAuth } from './repositories-api';
import { useConnectRepository } from './repositories-queries';
import { backfillRequest } from './repository-forms';

const FULL_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Connects a repository with a token or an App installation; the caller shows the webhook setup. */
export function ConnectRepositoryDialog({
  workspaceId,
  onConnected,
}: {
  workspaceId: string;
  onConnected: (connected: ConnectedRepository) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Connect a GitHub repository"
      description="Merged pull requests become draft changelog entries."
      className="max-w-lg"
      trigger={<Button icon={<Plus className="size-4" aria-hidden />}>Connect repository</Button>}
    >
      {/* Radix unmounts the content when closed, so each opening starts from a clean form. */}
      <ConnectForm
        workspaceId={workspaceId}
        onConnected={(connected) => {
          setOpen(false);
          onConnected(connected);
        }}
      />
    </Dialog>
  );
}

function ConnectForm({
  workspaceId,
  onConnected,
}: {
  workspaceId: string;
  onConnected: (connected: ConnectedRepository) => void;
}) {
  const connect = useConnectRepository(workspaceId);
  const [fullName, setFullName] = useState('');
  const [authType, setAuthType] = useState<RepositoryAuth['type']>('token');
  const [token, setToken] = useState('');
  const [installationId, setInstallationId] = useState('');
  const [backfill, setBackfill] = useBackfillChoice('count');
  const request = backfillRequest(backfill);
  const nameOk = FULL_NAME.test(fullName.trim());
  const authOk = authType === 'token' ? token.trim() !== '' : /^\d+$/.test(installationId.trim());
  const fields = ['fullName', 'token', 'installationId', 'backfill'];

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (request === null) return;
        const auth: RepositoryAuth =
          authType === 'token'
            ? { type: 'token', token: token.trim() }
            : { type: 'app', installationId: installationId.trim() };
        connect.mutate(
          { fullName: fullName.trim(), auth, ...(request ? { backfill: request } : {}) },
          { onSuccess: onConnected },
        );
      }}
    >
      <ErrorBanner message={connect.isError ? getFormError(connect.error, fields) : null} />
      <TextField
        label="Repository"
        required
        placeholder="owner/name"
        autoComplete="off"
        spellCheck={false}
        value={fullName}
        onChange={(event) => setFullName(event.target.value)}
        error={getFieldError(connect.error, 'fullName')}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-gray-800">Access</legend>
        <div className="flex flex-wrap gap-4">
          {(['token', 'app'] as const).map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm text-gray-700">
              <input
                type="radio"
                name="auth-type"
                checked={authType === type}
                onChange={() => setAuthType(type)}
                className="size-4 border-gray-300 text-indigo-600"
              />
              {type === 'token' ? 'Personal access token' : 'GitHub App installation'}
            </label>
          ))}
        </div>
      </fieldset>
      {authType === 'token' ? (
        <TextField
          label="Token"
          type="password"
          required
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          hint="A fine-grained token with read access to pull requests and metadata. Stored encrypted."
          error={getFieldError(connect.error, 'token')}
        />
      ) : (
        <TextField
          label="Installation id"
          required
          inputMode="numeric"
          value={installationId}
          onChange={(event) => setInstallationId(event.target.value)}
          hint="The number at the end of the installation's settings URL on GitHub."
          error={getFieldError(connect.error, 'installationId')}
        />
      )}
      <BackfillFields
        choice={backfill}
        onChange={setBackfill}
        allowNone
        error={getFieldError(connect.error, 'backfill')}
      />
      <DialogActions>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" isLoading={connect.isPending} disabled={!nameOk || !authOk || request === null}>
          Connect
        </Button>
      </DialogActions>
    </form>
  );
}
