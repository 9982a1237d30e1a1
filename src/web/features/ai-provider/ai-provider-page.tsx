import { type FormEvent, useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { SelectField, TextField } from '../../components/input';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { getFieldError, getFormError } from '../../lib/api-error';
import { canManageWorkspace, formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe, useWorkspaceId } from '../../lib/use-me';
import { useCan } from '../entitlements/entitlements-queries';
import { UpgradeNotice } from '../entitlements/feature-gate';
import { engineLabels } from '../studio/studio-api-types';
import { useWorkspace } from '../workspaces/workspace-queries';
import { type Form, KINDS, MODEL_PLACEHOLDER, toBody, toForm } from './ai-provider-form';
import { useAiProvider, useSaveAiProvider } from './ai-provider-queries';
import { ApiKeyField } from './api-key-field';

const FIELDS = ['kind', 'model', 'baseUrl', 'apiKey', 'transcriptionModel', 'visionModel'];

export function AiProviderPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const { user } = useMe();
  const settings = useAiProvider(workspaceId);
  const save = useSaveAiProvider(workspaceId);
  const [form, setForm] = useState<Form | null>(null);
  const llmAllowed = useCan(workspaceId, 'llm_providers');
  useDocumentTitle(workspace ? `AI provider · ${workspace.name}` : 'AI provider');

  useEffect(() => {
    if (settings.data) setForm(toForm(settings.data));
  }, [settings.data]);

  const header = (
    <PageHeader
      title="AI provider"
      description="Herald writes with its built-in engine, offline and free. Connect a model provider for richer drafts, voice-note transcription and photo descriptions."
    />
  );
  if (!workspace || settings.isPending || (settings.isSuccess && !form)) {
    return (
      <>
        {header}
        <LoadingBlock />
      </>
    );
  }
  if (settings.isError || !form) {
    return (
      <>
        {header}
        <ErrorBanner message={settings.error?.message ?? 'Could not load the AI provider settings.'} />
      </>
    );
  }

  const saved = settings.data;
  const canEdit = canManageWorkspace(workspace.role);
  const set = (field: keyof Form) => (value: string) =>
    setForm((previous) => (previous ? { ...previous, [field]: value } : previous));
  const isLocal = form.kind === 'local';
  const needsBaseUrl = form.kind === 'openai-compatible';
  const keyRequired = form.kind === 'openai' || form.kind === 'anthropic';
  const canTranscribe = form.kind !== 'anthropic';
  // A stored key is only ever sent where it was entered for: a new provider or URL needs it again.
  const keyMustBeReentered =
    saved.hasApiKey &&
    !form.apiKey.trim() &&
    (form.kind !== saved.kind || form.baseUrl.trim().replace(/\/+$/, '') !== (saved.baseUrl ?? ''));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form) return;
    const body = toBody(form);
    if (keyMustBeReentered && !keyRequired) body.apiKey = null;
    save.mutate(body, { onSuccess: () => set('apiKey')('') });
  }

  const keyHint = keyMustBeReentered
    ? keyRequired
      ? 'Enter the key again: a stored key is only sent to the provider and URL it was entered for.'
      : 'Saving removes the stored key (it was entered for another provider or URL) unless you enter it again.'
    : isLocal
      ? 'Optional: an OpenAI key (or a key for the base URL) for transcription and photo descriptions. Stored encrypted.'
      : 'Stored encrypted. It is never shown again, only its last four characters.';

  return (
    <>
      {header}
      {!canEdit ? (
        <Notice tone="info" className="mb-6">
          You can see which provider this workspace uses. Only owners and admins can change it.
        </Notice>
      ) : null}
      {!llmAllowed ? (
        <UpgradeNotice workspaceId={workspaceId} className="mb-6">
          OpenAI, Anthropic and OpenAI-compatible servers need the LLM providers feature; the built-in engine
          stays available.
          {saved.kind !== 'local' ? ' Until then, generations use the built-in engine.' : null}
        </UpgradeNotice>
      ) : null}
      <form onSubmit={handleSubmit} noValidate>
        <Card>
          <CardHeader
            title="Provider"
            description={`In use now: ${engineLabels[saved.kind]}${saved.model ? ` · ${saved.model}` : ''}`}
          />
          <fieldset disabled={!canEdit}>
            <CardBody className="grid gap-5 sm:grid-cols-2">
              <SelectField
                className="sm:col-span-2"
                label="Engine"
                value={form.kind}
                onChange={(event) => set('kind')(event.target.value)}
                error={getFieldError(save.error, 'kind')}
                hint={
                  isLocal
                    ? 'Extractive and rule-based: no network, no key, the same answer every time.'
                    : 'Requests go to this provider with the workspace key; tokens and cost are recorded per generation.'
                }
              >
                {KINDS.map((kind) => {
                  // The plan lacks LLM providers: only the built-in engine (or the saved kind) is offered.
                  const locked = kind !== 'local' && !llmAllowed && kind !== saved.kind;
                  return (
                    <option key={kind} value={kind} disabled={locked}>
                      {engineLabels[kind]}
                      {locked ? ' (upgrade)' : ''}
                    </option>
                  );
                })}
              </SelectField>
              {isLocal ? (
                <p className="text-sm text-gray-600 sm:col-span-2">
                  Voice notes and photos can still use a model: set a transcription or vision model below with
                  a base URL (a local Whisper or vision server) or an OpenAI key. Leave them empty to type
                  transcripts and descriptions yourself.
                </p>
              ) : (
                <TextField
                  label="Model"
                  value={form.model}
                  placeholder={MODEL_PLACEHOLDER[form.kind]}
                  onChange={(event) => set('model')(event.target.value)}
                  error={getFieldError(save.error, 'model')}
                />
              )}
              <TextField
                label={needsBaseUrl ? 'Base URL' : 'Base URL (optional)'}
                type="url"
                value={form.baseUrl}
                placeholder={needsBaseUrl || isLocal ? 'http://localhost:11434/v1' : 'The provider default'}
                onChange={(event) => set('baseUrl')(event.target.value)}
                error={getFieldError(save.error, 'baseUrl')}
                hint={needsBaseUrl ? 'Ollama, vLLM, LM Studio or any server with the OpenAI API.' : undefined}
              />
              <ApiKeyField
                workspaceId={workspaceId}
                saved={saved}
                value={form.apiKey}
                onChange={set('apiKey')}
                required={keyRequired}
                hint={keyHint}
                error={getFieldError(save.error, 'apiKey')}
                canEdit={canEdit}
              />
              {canTranscribe ? (
                <TextField
                  label="Transcription model"
                  value={form.transcriptionModel}
                  placeholder="whisper-1"
                  onChange={(event) => set('transcriptionModel')(event.target.value)}
                  error={getFieldError(save.error, 'transcriptionModel')}
                  hint="For voice notes. Empty: you type the transcript."
                />
              ) : null}
              <TextField
                className={canTranscribe ? undefined : 'sm:col-span-2'}
                label="Vision model"
                value={form.visionModel}
                placeholder={form.kind === 'anthropic' ? 'claude-sonnet-4-5' : 'gpt-4o-mini'}
                onChange={(event) => set('visionModel')(event.target.value)}
                error={getFieldError(save.error, 'visionModel')}
                hint={
                  isLocal
                    ? 'Describes uploaded photos. Empty: you write the description.'
                    : 'Describes uploaded photos. Empty: the model above is used.'
                }
              />
            </CardBody>
          </fieldset>
          {canEdit ? (
            <CardFooter className="justify-between">
              <p className="mr-auto text-xs text-gray-500">
                {saved.updatedAt
                  ? `Last saved ${formatDateTime(saved.updatedAt, user.timezone)}`
                  : 'Not saved yet'}
              </p>
              <div className="flex items-center gap-3">
                {save.isSuccess ? (
                  <span role="status" className="text-xs text-emerald-700">
                    Saved
                  </span>
                ) : null}
                <Button type="submit" isLoading={save.isPending}>
                  Save
                </Button>
              </div>
            </CardFooter>
          ) : null}
        </Card>
        <ErrorBanner className="mt-4" message={getFormError(save.error, FIELDS)} />
      </form>
    </>
  );
}
