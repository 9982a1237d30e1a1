import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { ArrowLeft, Save, Trash2, WandSparkles } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { getFieldError, getFormError } from '../../lib/api-error';
import type { Workspace } from '../../lib/api-types';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useWorkspace } from '../workspaces/workspace-queries';
import type { Entry, RewriteResult } from './changelog-api';
import { useDeleteEntry, useEntry, useRewriteEntry, useUpdateEntry } from './changelog-queries';
import { EntryFieldsCard } from './entry-fields-card';
import { useEntryFormState } from './entry-form-state';
import { PublishCard } from './publish-card';
import { RewriteNotice } from './rewrite-notice';
import { PullRequestsCard, SocialPostsCard } from './side-cards';

function BackLink({ workspaceId }: { workspaceId: string }) {
  return (
    <Link
      to="/w/$workspaceId/changelog"
      params={{ workspaceId }}
      className="inline-flex items-center gap-1.5 text-sm text-gray-500 hover:text-gray-900"
    >
      <ArrowLeft className="size-4" aria-hidden /> Changelog
    </Link>
  );
}

function EntryEditor({ workspace, entry }: { workspace: Workspace; entry: Entry }) {
  const navigate = useNavigate();
  const form = useEntryFormState(entry);
  const update = useUpdateEntry(workspace.id, entry.id);
  const rewrite = useRewriteEntry(workspace.id, entry.id);
  const remove = useDeleteEntry(workspace.id);
  const [previous, setPrevious] = useState<RewriteResult['previous'] | null>(null);
  const [deleting, setDeleting] = useState(false);
  const canWrite = workspace.role !== 'viewer';
  useDocumentTitle(entry.title);

  const save = () => update.mutateAsync(form.changes).then(({ entry: fresh }) => form.adopt(fresh));
  const saveIfDirty = () => (form.dirty ? save() : Promise.resolve());

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <BackLink workspaceId={workspace.id} />
        <header className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="min-w-0 truncate text-xl font-semibold tracking-tight text-gray-900 sm:text-2xl">
            {entry.title}
          </h1>
          {canWrite ? (
            <div className="flex shrink-0 flex-wrap items-center gap-2">
              {entry.status !== 'published' ? (
                <Button
                  variant="ghost"
                  onClick={() => {
                    remove.reset();
                    setDeleting(true);
                  }}
                  icon={<Trash2 className="size-4" aria-hidden />}
                >
                  Delete
                </Button>
              ) : null}
              <Button
                variant="secondary"
                isLoading={rewrite.isPending}
                disabled={form.dirty}
                title={form.dirty ? 'Save your changes first' : 'Rewrite the title and body for readers'}
                onClick={() =>
                  rewrite.mutate(undefined, {
                    onSuccess: (result) => {
                      form.adopt(result.entry);
                      setPrevious(result.previous);
                    },
                  })
                }
                icon={<WandSparkles className="size-4" aria-hidden />}
              >
                AI rewrite
              </Button>
              <Button
                onClick={() => void save().catch(() => undefined)}
                isLoading={update.isPending}
                disabled={!form.dirty || !form.fields.title.trim()}
                icon={<Save className="size-4" aria-hidden />}
              >
                Save
              </Button>
            </div>
          ) : null}
        </header>
      </div>
      <ErrorBanner message={update.isError ? getFormError(update.error, ['title', 'body']) : null} />
      <ErrorBanner
        message={rewrite.isError ? getFormError(rewrite.error) : null}
        title="The rewrite failed"
      />
      {form.dirty ? <Notice tone="warning">You have unsaved changes.</Notice> : null}
      {previous ? (
        <RewriteNotice
          previous={previous}
          current={{ title: entry.title, body: entry.body }}
          undoing={update.isPending}
          onDismiss={() => setPrevious(null)}
          onUndo={() =>
            update.mutate(
              { title: previous.title, body: previous.body },
              {
                onSuccess: ({ entry: fresh }) => {
                  form.adopt(fresh);
                  setPrevious(null);
                },
              },
            )
          }
        />
      ) : null}
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0">
          <EntryFieldsCard
            fields={form.fields}
            onChange={form.set}
            readOnly={!canWrite}
            titleError={getFieldError(update.error, 'title')}
            bodyError={getFieldError(update.error, 'body')}
          />
        </div>
        <aside className="space-y-6">
          <PublishCard
            workspaceId={workspace.id}
            entry={entry}
            timeZone={workspace.timezone}
            canWrite={canWrite}
            beforePublish={saveIfDirty}
            onChanged={form.adopt}
          />
          <PullRequestsCard entry={entry} timeZone={workspace.timezone} />
          <SocialPostsCard workspaceId={workspace.id} entry={entry} canWrite={canWrite} />
        </aside>
      </div>
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete this entry?"
        description="Its pull requests are not imported again, even on redelivery."
        confirmLabel="Delete"
        isPending={remove.isPending}
        error={getFormError(remove.error)}
        onConfirm={() =>
          remove.mutate(entry.id, {
            onSuccess: () =>
              void navigate({ to: '/w/$workspaceId/changelog', params: { workspaceId: workspace.id } }),
          })
        }
      />
    </div>
  );
}

export function EntryEditorPage() {
  const workspaceId = useWorkspaceId();
  const { entryId } = useParams({ strict: false }) as { entryId: string };
  const { data: workspace } = useWorkspace(workspaceId);
  const entry = useEntry(workspaceId, entryId);
  if (!workspace || entry.isPending) return <LoadingBlock />;
  if (entry.isError) {
    return (
      <div className="space-y-4">
        <BackLink workspaceId={workspaceId} />
        <ErrorBanner message={entry.error.message} />
      </div>
    );
  }
  // Keyed by id so opening another entry starts a fresh form.
  return <EntryEditor key={entry.data.id} workspace={workspace} entry={entry.data} />;
}
