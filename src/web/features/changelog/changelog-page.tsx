import { Link, useNavigate } from '@tanstack/react-router';
import { ExternalLink, Merge, Newspaper } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Button, buttonClasses } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { useDebounced } from '../../lib/use-debounced';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useRepositories } from '../repositories/repositories-queries';
import { useWorkspace } from '../workspaces/workspace-queries';
import type { ChangelogCategory, EntryFilters } from './changelog-api';
import { useEntries } from './changelog-queries';
import { EntriesTable } from './entries-table';
import { GroupDialog, NewEntryDialog } from './entry-dialogs';
import { EntryFilterBar, type FilterState, StatusTabs } from './entry-filters';

/** Where the workspace's public changelog lives; served by Herald itself, outside the SPA. */
export function publicChangelogPath(workspaceSlug: string): string {
  return `/changelog/${encodeURIComponent(workspaceSlug)}`;
}

export function ChangelogPage() {
  const workspaceId = useWorkspaceId();
  const navigate = useNavigate();
  const { data: workspace } = useWorkspace(workspaceId);
  const repositories = useRepositories(workspaceId);
  const [state, setState] = useState<FilterState>({ status: '', category: '', repositoryId: '', q: '' });
  const q = useDebounced(state.q.trim(), 300);
  const filters: EntryFilters = {
    status: state.status || undefined,
    category: (state.category || undefined) as ChangelogCategory | undefined,
    repositoryId: state.repositoryId || undefined,
    q: q || undefined,
  };
  const entries = useEntries(workspaceId, filters);
  const [selectedIds, setSelectedIds] = useState<Set<string>>(new Set());
  const [grouping, setGrouping] = useState(false);
  useDocumentTitle(workspace ? `Changelog · ${workspace.name}` : 'Changelog');

  const items = useMemo(() => entries.data?.pages.flatMap((page) => page.entries) ?? [], [entries.data]);
  // Keep the order of the list: the first selected row is the one the group keeps.
  const selected = items.filter((entry) => selectedIds.has(entry.id));
  if (!workspace) return null;
  const canWrite = workspace.role !== 'viewer';
  const filtered = Boolean(state.status || state.category || state.repositoryId || q);
  const groupable = selected.length >= 2 && selected.every((entry) => entry.status === 'draft');

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
        title="Changelog"
        description="Drafts from merged pull requests and entries written by hand; publish them to the public changelog."
        actions={
          <>
            <a
              href={publicChangelogPath(workspace.slug)}
              target="_blank"
              rel="noreferrer"
              className={buttonClasses('secondary')}
            >
              <ExternalLink className="size-4" aria-hidden />
              Public changelog
            </a>
            {canWrite ? <NewEntryDialog workspaceId={workspaceId} /> : null}
          </>
        }
      />
      <Card>
        <StatusTabs value={state.status} onChange={(status) => setState({ ...state, status })} />
        <EntryFilterBar
          state={state}
          repositories={repositories.data ?? []}
          onChange={(patch) => setState({ ...state, ...patch })}
        />
        {selected.length > 0 && canWrite ? (
          <div
            className="flex flex-wrap items-center gap-2 border-b border-indigo-100 bg-indigo-50/60 px-5 py-2.5 sm:px-6"
            role="toolbar"
            aria-label="Selected entries"
          >
            <span className="mr-2 text-sm font-medium text-indigo-900">{selected.length} selected</span>
            <Button
              size="sm"
              variant="secondary"
              disabled={!groupable}
              onClick={() => setGrouping(true)}
              icon={<Merge className="size-3.5" aria-hidden />}
            >
              Group
            </Button>
            {!groupable ? (
              <span className="text-xs text-indigo-900/70">Select two or more drafts to group them.</span>
            ) : null}
            <Button size="sm" variant="ghost" onClick={() => setSelectedIds(new Set())}>
              Clear
            </Button>
          </div>
        ) : null}
        {entries.isPending ? (
          <LoadingBlock />
        ) : entries.isError ? (
          <div className="p-5">
            <ErrorBanner message={entries.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={Newspaper}
            title={filtered ? 'No entry matches these filters' : 'No entries yet'}
            description={
              filtered ? (
                'Clear a filter to see more.'
              ) : (
                <>
                  <Link
                    to="/w/$workspaceId/repositories"
                    params={{ workspaceId }}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    Connect a repository
                  </Link>{' '}
                  and merged pull requests show up here as drafts, or write one by hand.
                </>
              )
            }
          />
        ) : (
          <>
            <EntriesTable
              workspaceId={workspaceId}
              entries={items}
              timeZone={workspace.timezone}
              selected={selectedIds}
              onSelect={select}
              selectable={canWrite}
            />
            {entries.hasNextPage ? (
              <div className="border-t border-gray-100 px-5 py-3 text-center">
                <Button
                  variant="secondary"
                  size="sm"
                  isLoading={entries.isFetchingNextPage}
                  onClick={() => void entries.fetchNextPage()}
                >
                  Load more
                </Button>
              </div>
            ) : null}
          </>
        )}
      </Card>
      <GroupDialog
        workspaceId={workspaceId}
        entries={selected}
        open={grouping}
        onOpenChange={setGrouping}
        onGrouped={(entry) => {
          setGrouping(false);
          setSelectedIds(new Set());
          void navigate({
            to: '/w/$workspaceId/changelog/$entryId',
            params: { workspaceId, entryId: entry.id },
          });
        }}
      />
    </div>
  );
}
