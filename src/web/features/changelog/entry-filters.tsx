import { InlineSelect } from '../../components/input';
import { cn } from '../../lib/cn';
import type { Repository } from '../repositories/repositories-api';
import { changelogCategories, type EntryStatus, entryStatuses, entryStatusLabels } from './changelog-api';

export interface FilterState {
  status: EntryStatus | '';
  category: string;
  repositoryId: string;
  q: string;
}

export function StatusTabs({
  value,
  onChange,
}: {
  value: EntryStatus | '';
  onChange: (v: EntryStatus | '') => void;
}) {
  const tabs: { value: EntryStatus | ''; label: string }[] = [
    { value: '', label: 'All' },
    ...entryStatuses.map((status) => ({ value: status, label: entryStatusLabels[status] })),
  ];
  return (
    <fieldset className="flex flex-wrap gap-1 border-b border-gray-100 px-5 pt-3 sm:px-6">
      <legend className="sr-only">Status</legend>
      {tabs.map((tab) => (
        <button
          key={tab.value || 'all'}
          type="button"
          aria-pressed={value === tab.value}
          onClick={() => onChange(tab.value)}
          className={cn(
            '-mb-px border-b-2 px-3 pb-2.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600',
            value === tab.value
              ? 'border-indigo-600 text-indigo-700'
              : 'border-transparent text-gray-500 hover:text-gray-800',
          )}
        >
          {tab.label}
        </button>
      ))}
    </fieldset>
  );
}

export function EntryFilterBar({
  state,
  repositories,
  onChange,
}: {
  state: FilterState;
  repositories: Repository[];
  onChange: (patch: Partial<FilterState>) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-gray-100 px-5 py-3 sm:px-6">
      <InlineSelect
        aria-label="Category"
        value={state.category}
        onChange={(event) => onChange({ category: event.target.value })}
      >
        <option value="">All categories</option>
        {changelogCategories.map((category) => (
          <option key={category} value={category}>
            {category}
          </option>
        ))}
      </InlineSelect>
      <InlineSelect
        aria-label="Repository"
        value={state.repositoryId}
        onChange={(event) => onChange({ repositoryId: event.target.value })}
      >
        <option value="">All repositories</option>
        {repositories.map((repository) => (
          <option key={repository.id} value={repository.id}>
            {repository.fullName}
          </option>
        ))}
      </InlineSelect>
      <input
        type="search"
        aria-label="Search entries"
        placeholder="Search title or text"
        value={state.q}
        maxLength={100}
        onChange={(event) => onChange({ q: event.target.value })}
        className="h-8 w-56 rounded-lg border-0 px-3 text-xs text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset placeholder:text-gray-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      />
    </div>
  );
}
