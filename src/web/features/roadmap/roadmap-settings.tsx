import { Download, Save } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, CardBody, CardHeader } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { Switch, TextField } from '../../components/input';
import { getFieldError, getFormError } from '../../lib/api-error';
import type { RoadmapMapping, RoadmapRepository } from './roadmap-api';
import { useImportRoadmap, useSaveRoadmapRepository } from './roadmap-queries';

interface MappingForm {
  labels: string;
  planned: string;
  inProgress: string;
  completed: string;
  closeOnComplete: boolean;
}

const toForm = (mapping: RoadmapMapping): MappingForm => ({
  labels: mapping.labels.join(', '),
  planned: mapping.planned,
  inProgress: mapping.inProgress,
  completed: mapping.completed ?? '',
  closeOnComplete: mapping.closeOnComplete,
});

export function toMapping(form: MappingForm): RoadmapMapping {
  return {
    labels: form.labels
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean),
    planned: form.planned.trim(),
    inProgress: form.inProgress.trim(),
    completed: form.completed.trim() || null,
    closeOnComplete: form.closeOnComplete,
  };
}

// Field by field: the server stores the mapping as jsonb, which does not keep the keys' order.
function sameMapping(a: RoadmapMapping, b: RoadmapMapping): boolean {
  return (
    a.labels.join('\n') === b.labels.join('\n') &&
    a.planned === b.planned &&
    a.inProgress === b.inProgress &&
    a.completed === b.completed &&
    a.closeOnComplete === b.closeOnComplete
  );
}

const importTone = { idle: 'gray', running: 'blue', completed: 'green', failed: 'red' } as const;

function RepositoryRoadmap({
  workspaceId,
  repository,
  canManage,
}: {
  workspaceId: string;
  repository: RoadmapRepository;
  canManage: boolean;
}) {
  const [form, setForm] = useState(() => toForm(repository.mapping));
  const save = useSaveRoadmapRepository(workspaceId);
  const reimport = useImportRoadmap(workspaceId);
  const dirty = !sameMapping(toMapping(form), repository.mapping);
  const field = (name: keyof MappingForm) => getFieldError(save.error, `mapping.${name}`);
  const set = (patch: Partial<MappingForm>) => setForm((current) => ({ ...current, ...patch }));
  return (
    <div className="space-y-3 border-b border-gray-100 py-4 last:border-b-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <span className="text-sm font-semibold text-gray-900">{repository.fullName}</span>
          {repository.enabled ? (
            <Badge tone={importTone[repository.importStatus]}>
              Import {repository.importStatus} · {repository.importedCount} issues
            </Badge>
          ) : null}
        </div>
        {canManage && repository.enabled ? (
          <Button
            size="sm"
            variant="ghost"
            isLoading={reimport.isPending}
            disabled={repository.importStatus === 'running'}
            onClick={() => reimport.mutate(repository.repositoryId)}
            icon={<Download className="size-3.5" aria-hidden />}
          >
            Import again
          </Button>
        ) : null}
      </div>
      <ErrorBanner
        message={
          save.isError
            ? getFormError(save.error, [
                'mapping.labels',
                'mapping.planned',
                'mapping.inProgress',
                'mapping.completed',
              ])
            : reimport.isError
              ? getFormError(reimport.error)
              : repository.importError
        }
      />
      <Switch
        label="Roadmap from this repository's issues"
        description="Enabling imports the issues carrying the roadmap labels."
        checked={repository.enabled}
        disabled={!canManage || save.isPending}
        onChange={(enabled) =>
          save.mutate({ repositoryId: repository.repositoryId, enabled, mapping: toMapping(form) })
        }
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Roadmap labels"
          hint="Comma-separated; an issue with any of them is on the roadmap"
          value={form.labels}
          onChange={(e) => set({ labels: e.target.value })}
          error={field('labels')}
          disabled={!canManage}
        />
        <TextField
          label="Planned label"
          value={form.planned}
          onChange={(e) => set({ planned: e.target.value })}
          error={field('planned')}
          disabled={!canManage}
        />
        <TextField
          label="In progress label"
          value={form.inProgress}
          onChange={(e) => set({ inProgress: e.target.value })}
          error={field('inProgress')}
          disabled={!canManage}
        />
        <TextField
          label="Completed label (optional)"
          hint="A closed issue is completed anyway"
          value={form.completed}
          onChange={(e) => set({ completed: e.target.value })}
          error={field('completed')}
          disabled={!canManage}
        />
      </div>
      <Switch
        label="Close the issue when an item is completed in Herald"
        description="Off: Herald only changes labels."
        checked={form.closeOnComplete}
        disabled={!canManage}
        onChange={(closeOnComplete) => set({ closeOnComplete })}
      />
      {canManage ? (
        <div className="flex justify-end gap-2">
          {dirty ? (
            <Button variant="ghost" size="sm" onClick={() => setForm(toForm(repository.mapping))}>
              Discard
            </Button>
          ) : null}
          <Button
            size="sm"
            disabled={!dirty}
            isLoading={save.isPending}
            onClick={() => save.mutate({ repositoryId: repository.repositoryId, mapping: toMapping(form) })}
            icon={<Save className="size-3.5" aria-hidden />}
          >
            Save mapping
          </Button>
        </div>
      ) : null}
    </div>
  );
}

export function RoadmapSettings({
  workspaceId,
  repositories,
  canManage,
}: {
  workspaceId: string;
  repositories: RoadmapRepository[];
  canManage: boolean;
}) {
  return (
    <Card>
      <CardHeader
        title="GitHub issues"
        description="Which issues are roadmap items and which labels mean planned and in progress. Moving an item here changes its labels on GitHub; changing them on GitHub moves it here."
      />
      <CardBody className="py-0">
        {repositories.length === 0 ? (
          <p className="py-5 text-sm text-gray-500">Connect a repository first (Repositories).</p>
        ) : (
          repositories.map((repository) => (
            <RepositoryRoadmap
              key={repository.repositoryId}
              workspaceId={workspaceId}
              repository={repository}
              canManage={canManage}
            />
          ))
        )}
      </CardBody>
    </Card>
  );
}
