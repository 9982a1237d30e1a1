import { Search, UsersRound } from 'lucide-react';
import { useState } from 'react';
import { Badge, type BadgeTone } from '../../components/badge';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock, Spinner } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { getFormError } from '../../lib/api-error';
import type { StaffUser, UserStatus } from '../../lib/api-types';
import { formatDate, formatRelative } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMe } from '../../lib/use-me';
import { useStaffUserMutations, useStaffUsers } from './staff-queries';
import { SuspendDialog } from './suspend-dialog';

const STATUS_TONES: Record<UserStatus, BadgeTone> = { active: 'green', inactive: 'gray', suspended: 'red' };

export function StaffUsersPage() {
  useDocumentTitle('Users');
  const me = useMe();
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 300);
  const users = useStaffUsers(query);
  const { reactivate } = useStaffUserMutations();
  const [toSuspend, setToSuspend] = useState<StaffUser | null>(null);
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="space-y-6">
      <PageHeader title="Users" description="Everyone with a Herald account on this installation." />
      <div className="relative max-w-md">
        <label htmlFor="staff-user-search" className="sr-only">
          Search users
        </label>
        <Search
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-400"
          aria-hidden
        />
        <input
          id="staff-user-search"
          type="search"
          placeholder="Search by name or email"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="block w-full rounded-lg border-0 bg-white py-2 pr-9 pl-9 text-sm text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset placeholder:text-gray-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
        {users.isFetching && !users.isFetchingNextPage ? (
          <Spinner className="absolute top-1/2 right-3 -translate-y-1/2 text-gray-400" />
        ) : null}
      </div>
      <ErrorBanner message={getFormError(reactivate.error)} />
      <Card>
        {users.isPending ? (
          <LoadingBlock />
        ) : users.isError ? (
          <div className="p-5">
            <ErrorBanner message={users.error.message} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={UsersRound}
            title={query ? 'No users match your search' : 'No users yet'}
            description={query ? 'Try part of a name or an email address.' : undefined}
          />
        ) : (
          <Table label="Users">
            <THead>
              <TH>User</TH>
              <TH>Status</TH>
              <TH className="hidden md:table-cell">Joined</TH>
              <TH className="hidden md:table-cell">Last sign-in</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </THead>
            <TBody>
              {items.map((user) => (
                <TR key={user.id}>
                  <TD>
                    <p className="font-medium text-gray-900">{user.name || '—'}</p>
                    <p className="flex items-center gap-1.5 text-xs text-gray-500">
                      {user.email}
                      {user.emailVerified ? null : <Badge tone="amber">Unverified</Badge>}
                    </p>
                  </TD>
                  <TD>
                    <Badge tone={STATUS_TONES[user.status]}>
                      {user.status.charAt(0).toUpperCase() + user.status.slice(1)}
                    </Badge>
                  </TD>
                  <TD className="hidden whitespace-nowrap text-gray-500 md:table-cell">
                    {formatDate(user.createdAt, me.user.timezone)}
                  </TD>
                  <TD className="hidden whitespace-nowrap text-gray-500 md:table-cell">
                    {formatRelative(user.lastLoginAt)}
                  </TD>
                  <TD className="text-right">
                    {user.id === me.user.id ? null : user.status === 'suspended' ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={`Reactivate ${user.email}`}
                        isLoading={reactivate.isPending && reactivate.variables === user.id}
                        onClick={() => reactivate.mutate(user.id)}
                      >
                        Reactivate
                      </Button>
                    ) : (
                      <Button
                        variant="ghost"
                        size="sm"
                        className="text-red-600 hover:bg-red-50 hover:text-red-700"
                        aria-label={`Suspend ${user.email}`}
                        onClick={() => setToSuspend(user)}
                      >
                        Suspend
                      </Button>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {users.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            isLoading={users.isFetchingNextPage}
            onClick={() => void users.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      ) : null}
      <SuspendDialog user={toSuspend} onClose={() => setToSuspend(null)} />
    </div>
  );
}
