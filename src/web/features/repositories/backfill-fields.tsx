import { useState } from 'react';
import { TextField } from '../../components/input';
import type { BackfillChoice, BackfillMode } from './repository-forms';

export function useBackfillChoice(initial: BackfillMode) {
  return useState<BackfillChoice>({ mode: initial, count: '50', since: '', until: '' });
}

const MODES: { value: BackfillMode; label: string }[] = [
  { value: 'none', label: 'Nothing' },
  { value: 'count', label: 'The last N merged PRs' },
  { value: 'range', label: 'A date range' },
];

export function BackfillFields({
  choice,
  onChange,
  allowNone,
  error,
}: {
  choice: BackfillChoice;
  onChange: (choice: BackfillChoice) => void;
  allowNone: boolean;
  error?: string;
}) {
  const set = (patch: Partial<BackfillChoice>) => onChange({ ...choice, ...patch });
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-gray-800">Import past pull requests</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1.5">
        {MODES.filter((mode) => allowNone || mode.value !== 'none').map((mode) => (
          <label key={mode.value} className="flex items-center gap-2 text-sm text-gray-700">
            <input
              type="radio"
              name="backfill-mode"
              value={mode.value}
              checked={choice.mode === mode.value}
              onChange={() => set({ mode: mode.value })}
              className="size-4 border-gray-300 text-indigo-600"
            />
            {mode.label}
          </label>
        ))}
      </div>
      {choice.mode === 'count' ? (
        <TextField
          label="How many"
          type="number"
          min={1}
          max={1000}
          value={choice.count}
          onChange={(event) => set({ count: event.target.value })}
          hint="Between 1 and 1,000, newest first."
          error={error}
        />
      ) : null}
      {choice.mode === 'range' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Merged from"
            type="date"
            required
            value={choice.since}
            onChange={(event) => set({ since: event.target.value })}
            error={error}
          />
          <TextField
            label="Merged until (optional)"
            type="date"
            min={choice.since || undefined}
            value={choice.until}
            onChange={(event) => set({ until: event.target.value })}
          />
        </div>
      ) : null}
      <p className="text-xs text-gray-500">
        Each pull request becomes a draft once, even if it is imported again later.
      </p>
    </fieldset>
  );
}
