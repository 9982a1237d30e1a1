import { History } from 'lucide-react';
import { platformLabels } from '../../../shared/studio/studio-types';
import { Button } from '../../components/button';
import { Card, CardHeader } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { cn } from '../../lib/cn';
import { formatRelative } from '../../lib/format';
import { StatusBadge } from './status-badge';
import type { Generation } from './studio-api-types';
import { useGenerationHistory } from './studio-queries';

/** Where a generation's text came from, when it was not pasted. */
export const sourceLabels: Partial<Record<Generation['sourceType'], string>> = {
  voice_note: 'Voice note',
  image: 'Photo',
  changelog_entry: 'Changelog entry',
};

function title(generation: Generation): string {
  const firstLine = generation.input.trim().split('\n')[0] ?? '';
  const plain = firstLine.replace(/^#+\s*/, '').trim();
  return plain || 'Untitled';
}

export function HistoryCard({
  workspaceId,
  openId,
  onOpen,
}: {
  workspaceId: string;
  openId: string | undefined;
  onOpen: (id: string) => void;
}) {
  const history = useGenerationHistory(workspaceId);
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card>
      <CardHeader title="History" />
      {history.isPending ? (
        <LoadingBlock />
      ) : history.isError ? (
        <div className="p-4">
          <ErrorBanner message={history.error.message} />
        </div>
      ) : items.length === 0 ? (
        <EmptyState icon={History} title="Nothing yet" description="Your generations will be listed here." />
      ) : (
        <nav aria-label="Past generations">
          <ul className="divide-y divide-gray-100">
            {items.map((generation) => (
              <li key={generation.id}>
                <button
                  type="button"
                  onClick={() => onOpen(generation.id)}
                  aria-current={generation.id === openId ? 'true' : undefined}
                  className={cn(
                    'block w-full px-4 py-3 text-left transition-colors hover:bg-gray-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
                    generation.id === openId && 'bg-indigo-50/60 hover:bg-indigo-50',
                  )}
                >
                  <span className="line-clamp-2 text-sm font-medium break-words text-gray-900">
                    {title(generation)}
                  </span>
                  <span className="mt-1 block truncate text-xs text-gray-500">
                    {sourceLabels[generation.sourceType] ? `${sourceLabels[generation.sourceType]} · ` : ''}
                    {generation.platforms.map((p) => platformLabels[p]).join(', ')}
                  </span>
                  <span className="mt-1.5 flex items-center justify-between gap-2 text-xs text-gray-400">
                    <span>{formatRelative(generation.createdAt)}</span>
                    <StatusBadge status={generation.status} />
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {history.hasNextPage ? (
            <div className="border-t border-gray-100 p-3">
              <Button
                variant="secondary"
                size="sm"
                className="w-full"
                onClick={() => void history.fetchNextPage()}
                isLoading={history.isFetchingNextPage}
              >
                Load more
              </Button>
            </div>
          ) : null}
        </nav>
      )}
    </Card>
  );
}
