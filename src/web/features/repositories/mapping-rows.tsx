import { Plus, X } from 'lucide-react';
import { Button } from '../../components/button';
import { InlineSelect } from '../../components/input';
import { type ChangelogCategory, changelogCategories } from './repositories-api';
import type { MappingRow } from './repository-forms';

const inputClass =
  'h-8 min-w-0 flex-1 rounded-lg border-0 px-3 text-xs text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset placeholder:text-gray-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none';

/** An editable list of "label (or prefix) → category" pairs. */
export function MappingRows({
  legend,
  keyLabel,
  placeholder,
  rows,
  onChange,
}: {
  legend: string;
  keyLabel: string;
  placeholder: string;
  rows: MappingRow[];
  onChange: (rows: MappingRow[]) => void;
}) {
  const update = (index: number, patch: Partial<MappingRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-gray-800">{legend}</legend>
      {rows.length === 0 ? <p className="text-xs text-gray-500">None.</p> : null}
      <ul className="space-y-1.5">
        {rows.map((row, index) => (
          // Rows have no identity of their own; the index is stable while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index} className="flex items-center gap-2">
            <input
              aria-label={`${keyLabel} ${index + 1}`}
              className={inputClass}
              placeholder={placeholder}
              maxLength={50}
              value={row.key}
              onChange={(event) => update(index, { key: event.target.value })}
            />
            <span aria-hidden className="text-xs text-gray-400">
              →
            </span>
            <InlineSelect
              aria-label={`Category for ${keyLabel.toLowerCase()} ${index + 1}`}
              value={row.category}
              onChange={(event) => update(index, { category: event.target.value as ChangelogCategory })}
            >
              {changelogCategories.map((category) => (
                <option key={category} value={category}>
                  {category}
                </option>
              ))}
            </InlineSelect>
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Remove ${keyLabel.toLowerCase()} ${index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
              icon={<X className="size-3.5" aria-hidden />}
            />
          </li>
        ))}
      </ul>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => onChange([...rows, { key: '', category: 'New' }])}
        icon={<Plus className="size-3.5" aria-hidden />}
      >
        Add {keyLabel.toLowerCase()}
      </Button>
    </fieldset>
  );
}
