import { Link } from '@tanstack/react-router';
import { ExternalLink } from 'lucide-react';
import { Badge } from '../../components/badge';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import { ApprovalBadge, PlatformName, PostStatusBadge } from './post-badges';
import type { Post } from './posts-api';

function preview(post: Post): string {
  const text = post.parts.join(' ').replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function When({ post, timeZone, channel }: { post: Post; timeZone: string; channel?: string }) {
  if (post.status === 'published') {
    return (
      <span>
        <span className="block text-xs text-gray-400">Published</span>
        {formatDateTime(post.publishedAt, timeZone)}
        {channel ? <span className="block text-xs text-gray-500">on {channel}</span> : null}
      </span>
    );
  }
  if (post.scheduledAt) {
    return (
      <span>
        <span className="block text-xs text-gray-400">
          {post.status === 'failed' ? 'Was due' : 'Scheduled'}
        </span>
        {formatDateTime(post.scheduledAt, timeZone)}
        {channel ? <span className="block text-xs text-gray-500">on {channel}</span> : null}
      </span>
    );
  }
  return <span className="text-gray-400">Not scheduled</span>;
}

export function LibraryTable({
  workspaceId,
  posts,
  timeZone,
  selected,
  onSelect,
  selectable,
  channelNames,
}: {
  workspaceId: string;
  posts: Post[];
  timeZone: string;
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  selectable: boolean;
  /** Channel names by id, to say where a post goes. */
  channelNames: Map<string, string>;
}) {
  const allOn = posts.length > 0 && posts.every((post) => selected.has(post.id));
  return (
    <Table label="Posts">
      <THead>
        {selectable ? (
          <TH className="w-10">
            <input
              type="checkbox"
              aria-label="Select all shown posts"
              checked={allOn}
              onChange={(event) =>
                onSelect(
                  posts.map((post) => post.id),
                  event.target.checked,
                )
              }
              className="size-4 rounded border-gray-300 text-indigo-600"
            />
          </TH>
        ) : null}
        <TH>Post</TH>
        <TH>Platform</TH>
        <TH>Status</TH>
        <TH>When ({timeZone})</TH>
        <TH className="hidden lg:table-cell">Tags</TH>
        <TH className="hidden lg:table-cell">Approval</TH>
      </THead>
      <TBody>
        {posts.map((post) => {
          const name = post.title || preview(post) || 'Untitled post';
          return (
            <TR key={post.id} className={selected.has(post.id) ? 'bg-indigo-50/40' : undefined}>
              {selectable ? (
                <TD className="w-10">
                  <input
                    type="checkbox"
                    aria-label={`Select ${name.slice(0, 60)}`}
                    checked={selected.has(post.id)}
                    onChange={(event) => onSelect([post.id], event.target.checked)}
                    className="size-4 rounded border-gray-300 text-indigo-600"
                  />
                </TD>
              ) : null}
              <TD className="max-w-md min-w-64">
                <Link
                  to="/w/$workspaceId/library/$postId"
                  params={{ workspaceId, postId: post.id }}
                  className="block font-medium text-gray-900 hover:text-indigo-700 hover:underline"
                >
                  {/* Posts from a generation have no title: their text names them. */}
                  <span className={post.title ? 'line-clamp-1' : 'line-clamp-2'}>{name}</span>
                </Link>
                {post.title ? (
                  <p className="mt-0.5 line-clamp-2 text-xs text-gray-500">{preview(post)}</p>
                ) : null}
                {post.status === 'failed' && post.lastError ? (
                  <p className="mt-1 text-xs text-red-700" data-testid="post-last-error">
                    {post.lastError}
                  </p>
                ) : null}
              </TD>
              <TD>
                <PlatformName platform={post.platform} />
              </TD>
              <TD>
                <div className="flex flex-col items-start gap-1">
                  <PostStatusBadge status={post.status} />
                  {post.status === 'published' && post.externalUrl ? (
                    <a
                      href={post.externalUrl}
                      target="_blank"
                      rel="noreferrer"
                      className="inline-flex items-center gap-1 text-xs text-indigo-700 hover:underline"
                    >
                      View <ExternalLink className="size-3" aria-hidden />
                    </a>
                  ) : null}
                </div>
              </TD>
              <TD className="text-sm whitespace-nowrap text-gray-700">
                <When
                  post={post}
                  timeZone={timeZone}
                  channel={post.channelId ? channelNames.get(post.channelId) : undefined}
                />
              </TD>
              <TD className="hidden lg:table-cell">
                <div className="flex max-w-48 flex-wrap gap-1">
                  {post.tags.length === 0 ? <span className="text-xs text-gray-400">—</span> : null}
                  {post.tags.map((tag) => (
                    <Badge key={tag}>{tag}</Badge>
                  ))}
                </div>
              </TD>
              <TD className="hidden lg:table-cell">
                <ApprovalBadge state={post.approvalState} needsApproval={post.needsApproval} />
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
