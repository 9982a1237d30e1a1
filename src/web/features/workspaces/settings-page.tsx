import { type FormEvent, useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { SelectField, TextField } from '../../components/input';
import { PageHeader } from '../../components/page-header';
import { getFieldError, getFormError } from '../../lib/api-error';
import { canManageWorkspace } from '../../lib/format';
import { listTimeZones } from '../../lib/time-zones';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useUpdateWorkspace, useWorkspace } from './workspace-queries';

export function WorkspaceSettingsPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const update = useUpdateWorkspace(workspaceId);
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState('UTC');
  useDocumentTitle(workspace ? `Settings · ${workspace.name}` : 'Settings');

  // Reset the form whenever the loaded workspace changes (switching workspaces or after saving).
  useEffect(() => {
    if (!workspace) return;
    setName(workspace.name);
    setTimezone(workspace.timezone || 'UTC');
  }, [workspace]);

  if (!workspace) return null;
  const canEdit = canManageWorkspace(workspace.role);
  const isDirty = name.trim() !== workspace.name || timezone !== workspace.timezone;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ name: name.trim(), timezone });
  }

  return (
    <>
      <PageHeader
        title="Workspace settings"
        description="How this workspace is named and which clock it keeps."
      />
      {!canEdit ? (
        <Notice tone="info" className="mb-6">
          Only owners and admins can change workspace settings.
        </Notice>
      ) : null}
      <Card>
        <form onSubmit={handleSubmit} noValidate>
          <CardHeader title="General" description="Scheduled posts and reports use the workspace timezone." />
          <CardBody className="space-y-5">
            {update.isSuccess && !isDirty ? <Notice tone="success">Settings saved.</Notice> : null}
            <ErrorBanner message={getFormError(update.error, ['name', 'timezone'])} />
            <TextField
              label="Workspace name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              disabled={!canEdit}
              required
              maxLength={100}
              error={getFieldError(update.error, 'name')}
            />
            <TextField
              label="Slug"
              value={workspace.slug}
              readOnly
              hint="Used in public URLs. It does not change on rename."
            />
            <SelectField
              label="Timezone"
              value={timezone}
              onChange={(event) => setTimezone(event.target.value)}
              disabled={!canEdit}
              error={getFieldError(update.error, 'timezone')}
            >
              {listTimeZones(timezone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </SelectField>
          </CardBody>
          {canEdit ? (
            <CardFooter>
              <Button type="submit" isLoading={update.isPending} disabled={!isDirty || !name.trim()}>
                Save
              </Button>
            </CardFooter>
          ) : null}
        </form>
      </Card>
    </>
  );
}
