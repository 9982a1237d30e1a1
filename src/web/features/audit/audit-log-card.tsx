import { type InfiniteData, type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { ScrollText } from 'lucide-react';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { api, withQuery } from '../../lib/api-client';
import type { AuditLogEntry, Page } from '../../lib/api-types';
import { formatDateTime, formatRequestSource } from '../../lib/format';

const PAGE_SIZE = 50;

function describeDetails(details: unknown): string | null {
  if (details === null || details === undefined) return null;
  if (typeof details === 'object' && Object.keys(details).length === 0) return null;
  return JSON.stringify(details, null, 2);
}

/** An audit trail with cursor paging; the workspace and staff logs share the same shape. */
export function AuditLogCard({
  queryKey,
  path,
  timeZone,
}: {
  queryKey: QueryKey;
  path: string;
  timeZone: string;
}) {
  const query = useInfiniteQuery<
    Page<AuditLogEntry>,
    Error,
    InfiniteData<Page<AuditLogEntry>>,
    QueryKey,
    string | null
  >({
    queryKey,
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditLogEntry>>(withQuery(path, { cursor: pageParam, limit: PAGE_SIZE })),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });

  if (query.isPending)
    return (
      <Card>
        <LoadingBlock />
      </Card>
    );
  if (query.isError) return <ErrorBanner message={query.error.message} />;

  const entries = query.data.pages.flatMap((page) => page.items);
  if (entries.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={ScrollText}
          title="No activity yet"
          description="Sign-ins, member changes, key creation and other important actions will be listed here."
        />
      </Card>
    );
  }

  return (
    <div className="space-y-4">
      <Card>
        <Table label="Audit log">
          <THead>
            <TH>When</TH>
            <TH>Action</TH>
            <TH>Actor</TH>
            <TH className="hidden md:table-cell">Target</TH>
            <TH className="hidden lg:table-cell">From</TH>
          </THead>
          <TBody>
            {entries.map((entry) => {
              const details = describeDetails(entry.details);
              return (
                <TR key={entry.id}>
                  <TD className="align-top whitespace-nowrap text-gray-500">
                    {formatDateTime(entry.createdAt, timeZone)}
                  </TD>
                  <TD className="align-top">
                    <code className="font-mono text-xs font-medium text-gray-900">{entry.action}</code>
                    {details ? (
                      <details className="mt-1 text-xs">
                        <summary className="cursor-pointer text-gray-500 hover:text-gray-800">
                          Details
                        </summary>
                        <pre className="mt-1 max-w-md overflow-x-auto rounded-lg bg-gray-50 p-2 font-mono text-[11px] text-gray-700">
                          {details}
                        </pre>
                      </details>
                    ) : null}
                  </TD>
                  <TD className="align-top">
                    <span className="flex flex-col gap-0.5">
                      <Badge className="w-fit">{entry.actorType}</Badge>
                      {entry.actorId ? (
                        <span
                          className="max-w-40 truncate font-mono text-[11px] text-gray-500"
                          title={entry.actorId}
                        >
                          {entry.actorId}
                        </span>
                      ) : null}
                    </span>
                  </TD>
                  <TD className="hidden align-top md:table-cell">
                    {entry.entityType ? (
                      <span className="flex flex-col gap-0.5">
                        <span className="text-gray-800">{entry.entityType}</span>
                        {entry.entityId ? (
                          <span
                            className="max-w-40 truncate font-mono text-[11px] text-gray-500"
                            title={entry.entityId}
                          >
                            {entry.entityId}
                          </span>
                        ) : null}
                      </span>
                    ) : (
                      <span className="text-gray-400">—</span>
                    )}
                  </TD>
                  <TD
                    className="hidden align-top font-mono text-xs text-gray-500 lg:table-cell"
                    title={entry.userAgent ?? undefined}
                  >
                    {entry.ipAddress ? formatRequestSource(entry.ipAddress) : '—'}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      </Card>
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            isLoading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      ) : entries.length > PAGE_SIZE ? (
        <p className="text-center text-xs text-gray-400">You have reached the beginning of the log.</p>
      ) : null}
    </div>
  );
}
