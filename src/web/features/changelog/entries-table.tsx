import { Link } from '@tanstack/react-router';
import { Table, TBody, TD, TH, THead, TR } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import type { Entry } from './changelog-api';
import { CategoryBadge, EntryStatusBadge } from './entry-badges';

function When({ entry, timeZone }: { entry: Entry; timeZone: string }) {
  const [label, value] =
    entry.status === 'published'
      ? ['Published', entry.publishedAt]
      : entry.status === 'scheduled'
        ? ['Scheduled', entry.scheduledAt]
        : ['Created', entry.createdAt];
  return (
    <span>
      <span className="block text-xs text-gray-400">{label}</span>
      {formatDateTime(value, timeZone)}
    </span>
  );
}

function pullRequestNumbers(entry: Entry): string {
  return entry.pullRequests.map((pr) => `#${pr.number}`).join(', ');
}

export function EntriesTable({
  workspaceId,
  entries,
  timeZone,
  selected,
  onSelect,
  selectable,
}: {
  workspaceId: string;
  entries: Entry[];
  timeZone: string;
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  selectable: boolean;
}) {
  const allOn = entries.length > 0 && entries.every((entry) => selected.has(entry.id));
  return (
    <Table label="Entries">
      <THead>
        {selectable ? (
          <TH className="w-10">
            <input
              type="checkbox"
              aria-label="Select all shown entries"
              checked={allOn}
              onChange={(event) =>
                onSelect(
                  entries.map((entry) => entry.id),
                  event.target.checked,
                )
              }
              className="size-4 rounded border-gray-300 text-indigo-600"
            />
          </TH>
        ) : null}
        <TH>Entry</TH>
        <TH>Category</TH>
        <TH>Status</TH>
        <TH className="hidden md:table-cell">Repository</TH>
        <TH>When ({timeZone})</TH>
      </THead>
      <TBody>
        {entries.map((entry) => (
          <TR key={entry.id} className={selected.has(entry.id) ? 'bg-indigo-50/40' : undefined}>
            {selectable ? (
              <TD className="w-10">
                <input
                  type="checkbox"
                  aria-label={`Select ${entry.title.slice(0, 60)}`}
                  checked={selected.has(entry.id)}
                  onChange={(event) => onSelect([entry.id], event.target.checked)}
                  className="size-4 rounded border-gray-300 text-indigo-600"
                />
              </TD>
            ) : null}
            <TD className="max-w-md min-w-64">
              <Link
                to="/w/$workspaceId/changelog/$entryId"
                params={{ workspaceId, entryId: entry.id }}
                className="line-clamp-2 font-medium text-gray-900 hover:text-indigo-700 hover:underline"
              >
                {entry.title}
              </Link>
              <p className="mt-0.5 text-xs text-gray-500">
                {entry.pullRequests.length > 0 ? pullRequestNumbers(entry) : 'Written by hand'}
                {entry.major ? ' · major' : ''}
              </p>
            </TD>
            <TD>
              <CategoryBadge category={entry.category} />
            </TD>
            <TD>
              <EntryStatusBadge status={entry.status} />
            </TD>
            <TD className="hidden text-gray-600 md:table-cell">{entry.repositoryFullName ?? '—'}</TD>
            <TD className="whitespace-nowrap text-gray-600">
              <When entry={entry} timeZone={timeZone} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
