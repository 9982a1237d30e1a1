import { useNavigate, useSearch } from '@tanstack/react-router';
import { RadioTower } from 'lucide-react';
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
import { canManageWorkspace, formatDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { type Channel, type ChannelWithSecret, channelKindLabels } from '../library/posts-api';
import { useWorkspace } from '../workspaces/workspace-queries';
import { useChannels, useConnectChannel, useDisconnectChannel, useRotateSecret } from './channels-queries';
import type { ChannelsSearch } from './channels-search';
import { ConnectButtons } from './connect-buttons';
import { AddWebhookDialog, SecretDialog } from './webhook-dialogs';

function StatusBadge({ channel }: { channel: Channel }) {
  if (channel.status === 'active') return <Badge tone="green">Active</Badge>;
  if (channel.status === 'needs_reauth') return <Badge tone="amber">Needs reconnecting</Badge>;
  return <Badge tone="gray">Disabled</Badge>;
}

function ReturnBanner({ search, onDismiss }: { search: ChannelsSearch; onDismiss: () => void }) {
  if (search.connected) {
    return (
      <Notice tone="success" title={`${channelKindLabels[search.connected]} is connected`}>
        Posts for it can now be scheduled on this channel.{' '}
        <button type="button" className="font-medium underline" onClick={onDismiss}>
          Dismiss
        </button>
      </Notice>
    );
  }
  if (search.error) {
    const provider = search.provider === 'x' || search.provider === 'linkedin' ? search.provider : null;
    return (
      <Notice
        tone="error"
        title={`Connecting ${provider ? channelKindLabels[provider] : 'the channel'} failed`}
      >
        {search.message ?? (search.error === 'access_denied' ? 'Access was not granted.' : search.error)}
      </Notice>
    );
  }
  return null;
}

export function ChannelsPage() {
  const workspaceId = useWorkspaceId();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as ChannelsSearch;
  const { data: workspace } = useWorkspace(workspaceId);
  const channels = useChannels(workspaceId);
  const rotate = useRotateSecret(workspaceId);
  const reconnect = useConnectChannel(workspaceId);
  const disconnect = useDisconnectChannel(workspaceId);
  const [secret, setSecret] = useState<ChannelWithSecret | null>(null);
  const [toDisconnect, setToDisconnect] = useState<Channel | null>(null);
  useDocumentTitle(workspace ? `Channels · ${workspace.name}` : 'Channels');
  if (!workspace) return null;
  const canManage = canManageWorkspace(workspace.role);
  const items = channels.data ?? [];

  return (
    <div className="space-y-6">
      <PageHeader
        title="Channels"
        description="Where scheduled posts are published: X and LinkedIn accounts, and outbound webhooks."
        actions={canManage ? <AddWebhookDialog workspaceId={workspaceId} onCreated={setSecret} /> : undefined}
      />
      <ReturnBanner
        search={search}
        onDismiss={() =>
          void navigate({ to: '/w/$workspaceId/channels', params: { workspaceId }, search: {} })
        }
      />
      {canManage ? (
        <ConnectButtons workspaceId={workspaceId} />
      ) : (
        <Notice tone="info">Only owners and admins can connect or disconnect channels.</Notice>
      )}
      <ErrorBanner message={rotate.isError ? getFormError(rotate.error) : null} />
      <ErrorBanner message={reconnect.isError ? getFormError(reconnect.error) : null} />
      <Card>
        {channels.isPending ? (
          <LoadingBlock />
        ) : channels.isError ? (
          <div className="p-5">
            <ErrorBanner message={channels.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={RadioTower}
            title="No channels yet"
            description="Connect X or LinkedIn, or add a webhook, to schedule posts."
          />
        ) : (
          <Table label="Channels">
            <THead>
              <TH>Name</TH>
              <TH>Kind</TH>
              <TH>Account or receiver</TH>
              <TH>Status</TH>
              <TH className="hidden md:table-cell">Added</TH>
              {canManage ? (
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              ) : null}
            </THead>
            <TBody>
              {items.map((channel) => (
                <TR key={channel.id}>
                  <TD className="font-medium text-gray-900">{channel.name}</TD>
                  <TD>{channelKindLabels[channel.kind]}</TD>
                  <TD className="text-gray-600">
                    {channel.kind === 'webhook' ? (
                      <code className="font-mono text-xs">{channel.webhookUrl}</code>
                    ) : (
                      (channel.externalAccountName ?? channel.externalAccountId ?? '—')
                    )}
                    {channel.lastError ? (
                      <p className="mt-0.5 text-xs text-red-700">{channel.lastError}</p>
                    ) : null}
                  </TD>
                  <TD>
                    <StatusBadge channel={channel} />
                  </TD>
                  <TD className="hidden whitespace-nowrap text-gray-500 md:table-cell">
                    {formatDate(channel.createdAt, workspace.timezone)}
                  </TD>
                  {canManage ? (
                    <TD className="text-right whitespace-nowrap">
                      {channel.kind !== 'webhook' && channel.status === 'needs_reauth' ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Reconnect ${channel.name}`}
                          isLoading={reconnect.isPending}
                          onClick={() =>
                            reconnect.mutate(
                              channel.kind === 'x'
                                ? { kind: 'x' }
                                : {
                                    kind: 'linkedin',
                                    as: channel.authorUrn?.includes(':organization:')
                                      ? 'organization'
                                      : 'member',
                                  },
                              { onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl) },
                            )
                          }
                        >
                          Reconnect
                        </Button>
                      ) : null}
                      {channel.kind === 'webhook' ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Rotate the secret of ${channel.name}`}
                          isLoading={rotate.isPending && rotate.variables === channel.id}
                          onClick={() => rotate.mutate(channel.id, { onSuccess: setSecret })}
                        >
                          Rotate secret
                        </Button>
                      ) : null}
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-red-600 hover:bg-red-50 hover:text-red-700"
                        aria-label={`Disconnect ${channel.name}`}
                        onClick={() => {
                          disconnect.reset();
                          setToDisconnect(channel);
                        }}
                      >
                        Disconnect
                      </Button>
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      <SecretDialog shown={secret} onClose={() => setSecret(null)} />
      <ConfirmDialog
        open={toDisconnect !== null}
        onOpenChange={(open) => (open ? undefined : setToDisconnect(null))}
        title="Disconnect this channel?"
        description={
          toDisconnect
            ? `Posts scheduled on “${toDisconnect.name}” keep their content but lose the channel: schedule them again on another one.`
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
