import { Link } from '@tanstack/react-router';
import { Download, Library, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { type Platform, platformLabels, platforms } from '../../../shared/studio/studio-types';
import { Button, buttonClasses } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { InlineSelect } from '../../components/input';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { useDebounced } from '../../lib/use-debounced';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useChannels } from '../channels/channels-queries';
import { useWorkspace } from '../workspaces/workspace-queries';
import { BulkActions } from './bulk-actions';
import { ImportDialog } from './import-dialog';
import { LibraryTable } from './library-table';
import { statusLabels } from './post-badges';
import { type PostFilters, type PostStatus, postStatuses } from './posts-api';
import { exportUrl, usePosts } from './posts-queries';

function Filters({
  platform,
  status,
  tag,
  onPlatform,
  onStatus,
  onTag,
}: {
  platform: string;
  status: string;
  tag: string;
  onPlatform: (value: string) => void;
  onStatus: (value: string) => void;
  onTag: (value: string) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-gray-100 px-5 py-3 sm:px-6">
      <InlineSelect
        aria-label="Platform"
        value={platform}
        onChange={(event) => onPlatform(event.target.value)}
      >
        <option value="">All platforms</option>
        {platforms.map((p) => (
          <option key={p} value={p}>
            {platformLabels[p]}
          </option>
        ))}
      </InlineSelect>
      <InlineSelect aria-label="Status" value={status} onChange={(event) => onStatus(event.target.value)}>
        <option value="">All statuses</option>
        {postStatuses.map((s) => (
          <option key={s} value={s}>
            {statusLabels[s]}
          </option>
        ))}
      </InlineSelect>
      <input
        type="search"
        aria-label="Tag"
        placeholder="Tag"
        value={tag}
        maxLength={40}
        onChange={(event) => onTag(event.target.value)}
        className="h-8 w-40 rounded-lg border-0 px-3 text-xs text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset placeholder:text-gray-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      />
    </div>
  );
}

export function LibraryPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const [platform, setPlatform] = useState('');
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const debouncedTag = useDebounced(tag.trim(), 300);
  const filters: PostFilters = {
    platform: (platform || undefined) as Platform | undefined,
    status: (status || undefined) as PostStatus | undefined,
    tag: debouncedTag || undefined,
  };
  const posts = usePosts(workspaceId, filters);
  const channels = useChannels(workspaceId);
  const channelNames = useMemo(
    () => new Map((channels.data ?? []).map((channel) => [channel.id, channel.name])),
    [channels.data],
  );
  const [selectedIds, setSelectedIds] = useState<Set<string>>(new Set());
  useDocumentTitle(workspace ? `Library · ${workspace.name}` : 'Library');

  const items = useMemo(() => posts.data?.pages.flatMap((page) => page.items) ?? [], [posts.data]);
  const selected = items.filter((post) => selectedIds.has(post.id));
  if (!workspace) return null;
  const canWrite = workspace.role !== 'viewer';
  const filtered = Boolean(platform || status || debouncedTag);

  const select = (ids: string[], on: boolean) =>
    setSelectedIds((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  return (
    <div className="space-y-6">
      <PageHeader
        title="Library"
        description="Every post of this workspace: drafts, scheduled, published and failed."
        actions={
          <>
            <a
              href={exportUrl(workspaceId, 'csv')}
              download
              className={buttonClasses('secondary')}
              title="Every post, as CSV"
            >
              <Download className="size-4" aria-hidden />
              Export CSV
            </a>
            <a
              href={exportUrl(workspaceId, 'json')}
              download
              className={buttonClasses('secondary')}
              title="Every post, as JSON"
            >
              <Download className="size-4" aria-hidden />
              Export JSON
            </a>
            {canWrite ? <ImportDialog workspaceId={workspaceId} /> : null}
            {canWrite ? (
              <Link
                to="/w/$workspaceId/library/$postId"
                params={{ workspaceId, postId: 'new' }}
                className={buttonClasses('primary')}
              >
                <Plus className="size-4" aria-hidden />
                New post
              </Link>
            ) : null}
          </>
        }
      />
      <Card>
        <Filters
          platform={platform}
          status={status}
          tag={tag}
          onPlatform={setPlatform}
          onStatus={setStatus}
          onTag={setTag}
        />
        {selected.length > 0 && canWrite ? (
          <BulkActions
            workspaceId={workspaceId}
            timeZone={workspace.timezone}
            selected={selected}
            onDone={() => setSelectedIds(new Set())}
          />
        ) : null}
        {posts.isPending ? (
          <LoadingBlock />
        ) : posts.isError ? (
          <div className="p-5">
            <ErrorBanner message={posts.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={Library}
            title={filtered ? 'No post matches these filters' : 'No posts yet'}
            description={
              filtered
                ? 'Clear a filter to see more.'
                : 'Write one by hand, import a file, or save a Studio generation as posts.'
            }
          />
        ) : (
          <>
            <LibraryTable
              workspaceId={workspaceId}
              posts={items}
              timeZone={workspace.timezone}
              selected={selectedIds}
              onSelect={select}
              selectable={canWrite}
              channelNames={channelNames}
            />
            {posts.hasNextPage ? (
              <div className="border-t border-gray-100 px-5 py-3 text-center">
                <Button
                  variant="secondary"
                  size="sm"
                  isLoading={posts.isFetchingNextPage}
                  onClick={() => void posts.fetchNextPage()}
                >
                  Load more
                </Button>
              </div>
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}
