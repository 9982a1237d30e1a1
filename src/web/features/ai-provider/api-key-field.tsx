import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TextField } from '../../components/input';
import { type AiProviderSettings, type AiProviderUpdate, engineLabels } from '../studio/studio-api-types';
import { toBody, toForm } from './ai-provider-form';
import { useSaveAiProvider } from './ai-provider-queries';

/** The write-only key: typed to set or replace it, shown only by its last characters, removable. */
export function ApiKeyField({
  workspaceId,
  saved,
  value,
  onChange,
  required,
  hint,
  error,
  canEdit,
}: {
  workspaceId: string;
  saved: AiProviderSettings;
  value: string;
  onChange: (value: string) => void;
  required: boolean;
  hint: string;
  error: string | undefined;
  canEdit: boolean;
}) {
  const removeKey = useSaveAiProvider(workspaceId);
  const [confirmRemove, setConfirmRemove] = useState(false);
  // Removing the key of a provider that cannot work without one means going back to the local engine.
  const removeSwitchesToLocal = saved.kind === 'openai' || saved.kind === 'anthropic';

  function handleRemoveKey() {
    const body: AiProviderUpdate = removeSwitchesToLocal
      ? { kind: 'local', apiKey: null }
      : { ...toBody(toForm(saved)), apiKey: null };
    removeKey.mutate(body, { onSuccess: () => setConfirmRemove(false) });
  }

  return (
    <div className="space-y-2 sm:col-span-2">
      <TextField
        label={required ? 'API key' : 'API key (optional)'}
        type="password"
        autoComplete="off"
        value={value}
        placeholder={saved.hasApiKey ? 'Leave blank to keep the current key' : 'Paste the key'}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        hint={hint}
      />
      {saved.hasApiKey ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg bg-gray-50 px-3 py-2 text-sm text-gray-700 ring-1 ring-gray-200">
          <KeyRound className="size-4 text-gray-500" aria-hidden />
          <span>Key ending in {saved.keyHint ?? '····'} is set</span>
          {canEdit ? (
            <Button
              variant="danger-outline"
              size="sm"
              className="ml-auto"
              onClick={() => setConfirmRemove(true)}
            >
              Remove key
            </Button>
          ) : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={confirmRemove}
        onOpenChange={setConfirmRemove}
        title="Remove the API key?"
        description={
          removeSwitchesToLocal
            ? `${engineLabels[saved.kind]} cannot work without a key, so this workspace goes back to the built-in local engine.`
            : 'Requests that used this key stop working until a new one is saved. The built-in engine keeps working.'
        }
        confirmLabel="Remove key"
        onConfirm={handleRemoveKey}
        isPending={removeKey.isPending}
        error={removeKey.error?.message}
      />
    </div>
  );
}
