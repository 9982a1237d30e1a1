import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { getFormError } from '../../lib/api-error';
import type { ApiKey } from '../../lib/api-types';
import { canManageWorkspace, formatDate, formatRelative } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe, useWorkspaceId } from '../../lib/use-me';
import { useCan } from '../entitlements/entitlements-queries';
import { FeatureGate } from '../entitlements/feature-gate';
import { useWorkspace } from '../workspaces/workspace-queries';
import { useApiKeyMutations, useApiKeys } from './api-keys-queries';
import { CreateApiKeyDialog } from './create-api-key-dialog';

export function ApiKeysPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const { user } = useMe();
  const keys = useApiKeys(workspaceId);
  const canCreate = useCan(workspaceId, 'custom_integrations');
  const { revoke } = useApiKeyMutations(workspaceId);
  const [toRevoke, setToRevoke] = useState<ApiKey | null>(null);
  useDocumentTitle(workspace ? `API keys · ${workspace.name}` : 'API keys');
  if (!workspace) return null;

  const canManage = canManageWorkspace(workspace.role);
  // Active keys first; revoked ones stay listed so their last use can still be checked.
  const items = [...(keys.data?.items ?? [])].sort(
    (a, b) =>
      Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)) || b.createdAt.localeCompare(a.createdAt),
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        description="Let scripts, CI jobs and other services use Herald on behalf of this workspace."
        actions={canManage && canCreate ? <CreateApiKeyDialog workspaceId={workspaceId} /> : undefined}
      />
      {!canManage ? (
        <Notice tone="info">Only owners and admins can create or revoke API keys.</Notice>
      ) : (
        <FeatureGate
          workspaceId={workspaceId}
          feature="custom_integrations"
          notice="Creating API keys needs the Custom integrations feature. Existing keys can still be revoked."
        />
      )}
      <Card>
        {keys.isPending ? (
          <LoadingBlock />
        ) : keys.isError ? (
          <div className="p-5">
            <ErrorBanner message={keys.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={KeyRound}
            title="No API keys yet"
            description="Create a key to call the Herald API from your CI or scripts. Keys are shown once and stored hashed."
          />
        ) : (
          <Table label="API keys">
            <THead>
              <TH>Name</TH>
              <TH>Key</TH>
              <TH>Scope</TH>
              <TH className="hidden md:table-cell">Last used</TH>
              <TH className="hidden md:table-cell">Created</TH>
              {canManage ? (
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              ) : null}
            </THead>
            <TBody>
              {items.map((key) => (
                <TR key={key.id} className={key.revokedAt ? 'opacity-60' : undefined}>
                  <TD className="font-medium text-gray-900">
                    <span className="flex items-center gap-2">
                      {key.name}
                      {key.revokedAt ? <Badge tone="red">Revoked</Badge> : null}
                    </span>
                  </TD>
                  <TD>
                    <code className="rounded bg-gray-100 px-1.5 py-0.5 font-mono text-xs text-gray-700">
                      {key.prefix}…
                    </code>
                  </TD>
                  <TD>
                    <Badge tone={key.scope === 'read_write' ? 'amber' : 'gray'}>
                      {key.scope === 'read_write' ? 'Read & write' : 'Read only'}
                    </Badge>
                  </TD>
                  <TD className="hidden whitespace-nowrap text-gray-500 md:table-cell">
                    <span title={key.lastUsedAt ?? undefined}>{formatRelative(key.lastUsedAt)}</span>
                  </TD>
                  <TD className="hidden whitespace-nowrap text-gray-500 md:table-cell">
                    {formatDate(key.createdAt, user.timezone)}
                  </TD>
                  {canManage ? (
                    <TD className="text-right">
                      {key.revokedAt ? null : (
                        <Button
                          variant="ghost"
                          size="sm"
                          className="text-red-600 hover:bg-red-50 hover:text-red-700"
                          aria-label={`Revoke ${key.name}`}
                          onClick={() => {
                            revoke.reset();
                            setToRevoke(key);
                          }}
                        >
                          Revoke
                        </Button>
                      )}
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      <ConfirmDialog
        open={toRevoke !== null}
        onOpenChange={(open) => (open ? undefined : setToRevoke(null))}
        title="Revoke API key?"
        description={
          toRevoke
            ? `Anything using “${toRevoke.name}” will stop working immediately. This cannot be undone.`
            : undefined
        }
        confirmLabel="Revoke key"
        isPending={revoke.isPending}
        error={getFormError(revoke.error)}
        onConfirm={() => {
          if (toRevoke) revoke.mutate(toRevoke.id, { onSuccess: () => setToRevoke(null) });
        }}
      />
    </div>
  );
}
