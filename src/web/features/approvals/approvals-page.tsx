import { Link2, Share2 } from 'lucide-react';
import { useState } from 'react';
import { Badge, type BadgeTone } from '../../components/badge';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { getFormError } from '../../lib/api-error';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe, useWorkspaceId } from '../../lib/use-me';
import { useWorkspace } from '../workspaces/workspace-queries';
import { ApprovalLinkDialog } from './approval-link-dialog';
import { useApprovalLinkMutations, useApprovalLinks, usePostsById } from './approvals-queries';
import type { ApprovalLink, PostListItem } from './approvals-types';

const ANSWER: { state: PostListItem['approvalState']; tone: BadgeTone; label: string }[] = [
  { state: 'approved', tone: 'green', label: 'approved' },
  { state: 'changes_requested', tone: 'red', label: 'changes requested' },
  { state: 'pending', tone: 'amber', label: 'awaiting' },
];

/** What the reviewers said so far, counted over the link's posts. */
function Answers({ link, posts }: { link: ApprovalLink; posts: Map<string, PostListItem> | undefined }) {
  const states = link.postIds.map((id) => posts?.get(id)?.approvalState);
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <span className="mr-1">{link.postIds.length === 1 ? '1 post' : `${link.postIds.length} posts`}</span>
      {ANSWER.map((answer) => {
        const count = states.filter((state) => state === answer.state).length;
        return count > 0 ? (
          <Badge key={answer.state} tone={answer.tone}>
            {count} {answer.label}
          </Badge>
        ) : null;
      })}
    </span>
  );
}

type LinkState = 'active' | 'expired' | 'revoked';

function linkState(link: ApprovalLink, now: number): LinkState {
  if (link.state) return link.state;
  if (link.revokedAt) return 'revoked';
  return new Date(link.expiresAt).getTime() <= now ? 'expired' : 'active';
}

const STATE: Record<LinkState, { tone: BadgeTone; label: string }> = {
  active: { tone: 'green', label: 'Active' },
  expired: { tone: 'gray', label: 'Expired' },
  revoked: { tone: 'red', label: 'Revoked' },
};

export function ApprovalsPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const { user } = useMe();
  const links = useApprovalLinks(workspaceId);
  const posts = usePostsById(workspaceId);
  const { revoke } = useApprovalLinkMutations(workspaceId);
  const [toRevoke, setToRevoke] = useState<ApprovalLink | null>(null);
  useDocumentTitle(workspace ? `Approvals · ${workspace.name}` : 'Approvals');
  if (!workspace) return <LoadingBlock />;

  const canWrite = workspace.role !== 'viewer';
  const now = Date.now();
  const items = [...(links.data ?? [])].sort(
    (a, b) =>
      Number(linkState(a, now) !== 'active') - Number(linkState(b, now) !== 'active') ||
      b.createdAt.localeCompare(a.createdAt),
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title="Approvals"
        description="Review links let someone outside the workspace approve posts before they go out. A post awaiting approval is not published until it is approved."
        actions={
          canWrite ? (
            <ApprovalLinkDialog
              workspaceId={workspaceId}
              trigger={
                <Button icon={<Share2 className="size-4" aria-hidden />}>Share posts for review</Button>
              }
            />
          ) : undefined
        }
      />
      {!canWrite ? (
        <Notice tone="info">Viewers can see review links but not create or revoke them.</Notice>
      ) : null}
      <Card>
        {links.isPending ? (
          <LoadingBlock />
        ) : links.isError ? (
          <div className="p-5">
            <ErrorBanner message={links.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={Link2}
            title="No review links yet"
            description="Share one post or a batch from the calendar, the Library or here. The reviewer needs no account."
          />
        ) : (
          <Table label="Review links">
            <THead>
              <TH>Created</TH>
              <TH>Posts</TH>
              <TH>Note</TH>
              <TH>Expires</TH>
              <TH>State</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </THead>
            <TBody>
              {items.map((link) => {
                const state = linkState(link, now);
                return (
                  <TR key={link.id}>
                    <TD className="whitespace-nowrap">{formatDateTime(link.createdAt, user.timezone)}</TD>
                    <TD>
                      <Answers link={link} posts={posts.data} />
                    </TD>
                    <TD className="max-w-64 truncate text-gray-500">{link.note || '—'}</TD>
                    <TD className="whitespace-nowrap" title={formatDateTime(link.expiresAt, user.timezone)}>
                      {state === 'revoked' ? '—' : formatRelative(link.expiresAt)}
                    </TD>
                    <TD>
                      <Badge tone={STATE[state].tone}>{STATE[state].label}</Badge>
                    </TD>
                    <TD className="text-right">
                      {canWrite && state === 'active' ? (
                        <Button variant="danger-outline" size="sm" onClick={() => setToRevoke(link)}>
                          Revoke
                        </Button>
                      ) : null}
                    </TD>
                  </TR>
                );
              })}
            </TBody>
          </Table>
        )}
      </Card>
      <ConfirmDialog
        open={toRevoke !== null}
        onOpenChange={(open) => {
          if (!open) {
            setToRevoke(null);
            revoke.reset();
          }
        }}
        title="Revoke this review link?"
        description="Anyone opening it will see that it expired. Answers already given stay recorded."
        confirmLabel="Revoke link"
        isPending={revoke.isPending}
        error={getFormError(revoke.error)}
        onConfirm={() => {
          if (toRevoke) revoke.mutate(toRevoke.id, { onSuccess: () => setToRevoke(null) });
        }}
      />
    </div>
  );
}
