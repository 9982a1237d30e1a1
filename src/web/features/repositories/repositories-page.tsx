import { Link } from '@tanstack/react-router';
import { FolderGit2 } from 'lucide-react';
import { useState } from 'react';
import { Card } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { getFormError } from '../../lib/api-error';
import { canManageWorkspace } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useWorkspace } from '../workspaces/workspace-queries';
import { BackfillDialog } from './backfill-dialog';
import { ConnectRepositoryDialog } from './connect-repository-dialog';
import type { Repository } from './repositories-api';
import { useDisconnectRepository, useRepositories, useRotateWebhookSecret } from './repositories-queries';
import { RepositoryCard } from './repository-card';
import { RepositorySettingsDialog } from './repository-settings-dialog';
import { type ShownWebhook, WebhookSetupDialog } from './webhook-setup-dialog';

export function RepositoriesPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const repositories = useRepositories(workspaceId);
  const rotate = useRotateWebhookSecret(workspaceId);
  const disconnect = useDisconnectRepository(workspaceId);
  const [shown, setShown] = useState<ShownWebhook | null>(null);
  const [backfilling, setBackfilling] = useState<Repository | null>(null);
  const [editing, setEditing] = useState<Repository | null>(null);
  const [rotating, setRotating] = useState<Repository | null>(null);
  const [toDisconnect, setToDisconnect] = useState<Repository | null>(null);
  useDocumentTitle(workspace ? `Repositories · ${workspace.name}` : 'Repositories');
  if (!workspace) return null;
  const canManage = canManageWorkspace(workspace.role);
  const items = repositories.data ?? [];

  return (
    <div className="space-y-6">
      <PageHeader
        title="Repositories"
        description={
          <>
            GitHub repositories whose merged pull requests become drafts in the{' '}
            <Link
              to="/w/$workspaceId/changelog"
              params={{ workspaceId }}
              className="font-medium text-indigo-700 hover:underline"
            >
              Changelog
            </Link>
            .
          </>
        }
        actions={
          canManage ? (
            <ConnectRepositoryDialog
              workspaceId={workspaceId}
              onConnected={({ repository, webhook }) =>
                setShown({ fullName: repository.fullName, webhook, rotated: false })
              }
            />
          ) : undefined
        }
      />
      {canManage ? null : (
        <Notice tone="info">Only owners and admins can connect, configure or disconnect repositories.</Notice>
      )}
      {repositories.isPending ? (
        <Card>
          <LoadingBlock />
        </Card>
      ) : repositories.isError ? (
        <ErrorBanner message={repositories.error.message} />
      ) : items.length === 0 ? (
        <Card>
          <EmptyState
            icon={FolderGit2}
            title="No repository connected"
            description="Connect one with a token or a GitHub App installation, then add the webhook Herald gives you on GitHub."
          />
        </Card>
      ) : (
        <div className="space-y-4">
          {items.map((repository) => (
            <RepositoryCard
              key={repository.id}
              repository={repository}
              timeZone={workspace.timezone}
              actions={
                canManage
                  ? {
                      onBackfill: () => setBackfilling(repository),
                      onCategories: () => setEditing(repository),
                      onRotate: () => {
                        rotate.reset();
                        setRotating(repository);
                      },
                      onDisconnect: () => {
                        disconnect.reset();
                        setToDisconnect(repository);
                      },
                      rotating: rotate.isPending && rotate.variables === repository.id,
                    }
                  : undefined
              }
            />
          ))}
        </div>
      )}
      <WebhookSetupDialog shown={shown} onClose={() => setShown(null)} />
      <BackfillDialog
        workspaceId={workspaceId}
        repository={backfilling}
        onClose={() => setBackfilling(null)}
      />
      <RepositorySettingsDialog
        workspaceId={workspaceId}
        repository={editing}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={rotating !== null}
        onOpenChange={(open) => (open ? undefined : setRotating(null))}
        title="Rotate the webhook secret?"
        description="GitHub keeps signing with the old secret until you paste the new one there; deliveries are refused in between."
        confirmLabel="Rotate secret"
        isPending={rotate.isPending}
        error={getFormError(rotate.error)}
        onConfirm={() => {
          const repository = rotating;
          if (!repository) return;
          rotate.mutate(repository.id, {
            onSuccess: ({ webhook }) => {
              setRotating(null);
              setShown({ fullName: repository.fullName, webhook, rotated: true });
            },
          });
        }}
      />
      <ConfirmDialog
        open={toDisconnect !== null}
        onOpenChange={(open) => (open ? undefined : setToDisconnect(null))}
        title="Disconnect this repository?"
        description={
          toDisconnect
            ? `Herald stops accepting deliveries for ${toDisconnect.fullName} and forgets its token. Its entries stay in the changelog. Remove the webhook on GitHub too.`
            : undefined
        }
        confirmLabel="Disconnect"
        isPending={disconnect.isPending}
        error={getFormError(disconnect.error)}
        onConfirm={() => {
          if (toDisconnect) disconnect.mutate(toDisconnect.id, { onSuccess: () => setToDisconnect(null) });
        }}
      />
    </div>
  );
}
