import { Link } from '@tanstack/react-router';
import { Building2, Search } from 'lucide-react';
import { useState } from 'react';
import { buttonClasses } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock, Spinner } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { useStaffWorkspaces } from './staff-billing-queries';

export function StaffWorkspacesPage() {
  useDocumentTitle('Workspaces');
  const { user } = useMe();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 300);
  const workspaces = useStaffWorkspaces(query);
  const items = workspaces.data?.items ?? [];

  return (
    <div className="space-y-6">
      <PageHeader
        title="Workspaces"
        description="Find a workspace to set its plan by hand, grant credits or switch features on or off."
      />
      <div className="relative max-w-md">
        <label htmlFor="staff-workspace-search" className="sr-only">
          Search workspaces
        </label>
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-400"
          aria-hidden
        />
        <input
          id="staff-workspace-search"
          type="search"
          placeholder="Search by name or slug"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="block w-full rounded-lg border-0 bg-white py-2 pr-9 pl-9 text-sm text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset placeholder:text-gray-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
        {workspaces.isFetching ? (
          <Spinner className="absolute top-1/2 right-3 -translate-y-1/2 text-gray-400" />
        ) : null}
      </div>
      <Card>
        {workspaces.isPending ? (
          <LoadingBlock />
        ) : workspaces.isError ? (
          <div className="p-5">
            <ErrorBanner message={workspaces.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={Building2}
            title={query ? 'No workspaces match your search' : 'No workspaces yet'}
            description={query ? 'Try part of the name or the slug.' : undefined}
          />
        ) : (
          <Table label="Workspaces">
            <THead>
              <TH>Workspace</TH>
              <TH className="hidden sm:table-cell">Created</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </THead>
            <TBody>
              {items.map((workspace) => (
                <TR key={workspace.id}>
                  <TD>
                    <p className="font-medium text-gray-900">{workspace.name}</p>
                    <p className="font-mono text-xs text-gray-500">{workspace.slug}</p>
                  </TD>
                  <TD className="hidden whitespace-nowrap text-gray-500 sm:table-cell">
                    {formatDate(workspace.createdAt, user.timezone)}
                  </TD>
                  <TD className="text-right">
                    <Link
                      to="/staff/workspaces/$workspaceId"
                      params={{ workspaceId: workspace.id }}
                      aria-label={`Open ${workspace.name}`}
                      className={buttonClasses('secondary', 'sm')}
                    >
                      Open
                    </Link>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {items.length === 50 ? (
        <p className="text-center text-xs text-gray-500">
          Showing the 50 newest matches. Narrow the search to find others.
        </p>
      ) : null}
    </div>
  );
}
