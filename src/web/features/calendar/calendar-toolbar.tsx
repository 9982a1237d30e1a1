import { ChevronLeft, ChevronRight } from 'lucide-react';
import { platforms } from '../../../shared/studio/studio-types';
import { Button } from '../../components/button';
import { InlineSelect } from '../../components/input';
import { cn } from '../../lib/cn';
import type { CalendarView } from './calendar-dates';
import { postStatuses } from './calendar-types';
import { platformName, statusStyles } from './post-display';

export interface ToolbarState {
  view: CalendarView;
  title: string;
  platform?: string;
  status?: string;
}

export function CalendarToolbar({
  state,
  onStep,
  onToday,
  onChange,
}: {
  state: ToolbarState;
  onStep: (direction: 1 | -1) => void;
  onToday: () => void;
  onChange: (next: Partial<Omit<ToolbarState, 'title'>>) => void;
}) {
  const unit = state.view === 'month' ? 'month' : 'week';
  return (
    <div className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-3">
      <div className="flex items-center gap-1.5">
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Previous ${unit}`}
          onClick={() => onStep(-1)}
          icon={<ChevronLeft className="size-4" aria-hidden />}
        />
        <Button variant="secondary" size="sm" onClick={onToday}>
          Today
        </Button>
        <Button
          variant="secondary"
          size="sm"
          aria-label={`Next ${unit}`}
          onClick={() => onStep(1)}
          icon={<ChevronRight className="size-4" aria-hidden />}
        />
      </div>
      <h2 className="min-w-44 text-lg font-semibold text-gray-900" aria-live="polite">
        {state.title}
      </h2>
      <div className="ml-auto flex flex-wrap items-center gap-2">
        <InlineSelect
          aria-label="Platform"
          value={state.platform ?? ''}
          onChange={(event) => onChange({ platform: event.target.value || undefined })}
        >
          <option value="">All platforms</option>
          {platforms.map((platform) => (
            <option key={platform} value={platform}>
              {platformName(platform)}
            </option>
          ))}
        </InlineSelect>
        <InlineSelect
          aria-label="Status"
          value={state.status ?? ''}
          onChange={(event) => onChange({ status: event.target.value || undefined })}
        >
          <option value="">All statuses</option>
          {postStatuses.map((status) => (
            <option key={status} value={status}>
              {statusStyles[status].label}
            </option>
          ))}
        </InlineSelect>
        <fieldset className="inline-flex rounded-lg bg-gray-100 p-0.5">
          <legend className="sr-only">View</legend>
          {(['month', 'week'] as const).map((view) => (
            <button
              key={view}
              type="button"
              aria-pressed={state.view === view}
              onClick={() => onChange({ view })}
              className={cn(
                'rounded-md px-3 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-600',
                state.view === view
                  ? 'bg-white text-gray-900 shadow-xs'
                  : 'text-gray-600 hover:text-gray-900',
              )}
            >
              {view === 'month' ? 'Month' : 'Week'}
            </button>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
