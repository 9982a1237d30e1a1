import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import type { FieldCount } from '../../../shared/studio/platform-rules';
import { Button } from '../../components/button';
import { cn } from '../../lib/cn';

const control =
  'block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 placeholder:text-gray-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus:outline-none disabled:bg-gray-50 disabled:text-gray-500';
const invalid = 'ring-red-400 focus:ring-red-500';

/** "used / limit", amber from 90% of the limit and red past it, so a long field shows before it breaks. */
export function FieldCounter({ count, label }: { count: FieldCount; label: string }) {
  const over = count.used > count.limit;
  const near = !over && count.used >= count.limit * 0.9;
  const unit = count.unit === 'weighted' ? 'weighted characters' : 'characters';
  return (
    <span
      className={cn(
        'shrink-0 rounded px-1.5 py-0.5 font-mono text-xs tabular-nums',
        over ? 'bg-red-50 font-semibold text-red-700' : near ? 'text-amber-700' : 'text-gray-500',
      )}
      title={count.unit === 'weighted' ? 'Counted as X counts: emoji and CJK weigh 2, links 23' : undefined}
      data-testid="field-counter"
    >
      <span aria-hidden>
        {count.used} / {count.limit}
      </span>
      <span className="sr-only">
        {label}: {count.used} of {count.limit} {unit}
      </span>
    </span>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  rows?: number;
  count?: FieldCount;
  problems?: string[];
  hint?: string;
  readOnly?: boolean;
  onRemove?: () => void;
  removeLabel?: string;
}

/** A text field with its live counter beside the label and its broken rules under it. */
export function CountedField({
  label,
  value,
  onChange,
  multiline,
  rows = 3,
  count,
  problems = [],
  hint,
  readOnly,
  onRemove,
  removeLabel,
}: TextFieldProps) {
  const id = useId();
  const hasProblem = problems.length > 0 || (count ? count.used > count.limit : false);
  const describedBy = problems.length > 0 ? `${id}-problems` : hint ? `${id}-hint` : undefined;
  const common = {
    id,
    value,
    readOnly,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    // Editors grow with their text (up to a point), so a whole post reads without scrolling.
    className: cn(
      control,
      multiline && 'field-sizing-content max-h-[32rem] min-h-16 resize-y leading-relaxed',
      hasProblem && invalid,
    ),
    'aria-invalid': hasProblem || undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="space-y-1.5">
      <div className="flex min-h-6 items-center justify-between gap-3">
        <label htmlFor={id} className="text-sm font-medium text-gray-800">
          {label}
        </label>
        <div className="flex items-center gap-1">
          {count ? <FieldCounter count={count} label={label} /> : null}
          {onRemove && !readOnly ? (
            <Button
              variant="ghost"
              size="sm"
              className="h-6 px-1.5 text-gray-400 hover:text-red-600"
              aria-label={removeLabel ?? `Remove ${label}`}
              title={removeLabel ?? `Remove ${label}`}
              onClick={onRemove}
              icon={<Trash2 className="size-3.5" aria-hidden />}
            />
          ) : null}
        </div>
      </div>
      {multiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      {problems.length > 0 ? (
        <ul id={`${id}-problems`} className="space-y-0.5 text-xs text-red-700">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-gray-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function parseHashtags(raw: string): string[] {
  return raw
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((tag) => (tag.startsWith('#') ? tag : `#${tag}`));
}

/**
 * Hashtags typed as one line. The typed text is kept as typed (a trailing space must survive the
 * next keystroke) and only replaced when the list changes from outside, e.g. a reset after saving.
 */
export function HashtagsField({
  label,
  value,
  onChange,
  count,
  problems,
  hint,
  readOnly,
}: Omit<TextFieldProps, 'value' | 'onChange'> & { value: string[]; onChange: (tags: string[]) => void }) {
  const [raw, setRaw] = useState(() => value.join(' '));
  useEffect(() => {
    setRaw((current) => (parseHashtags(current).join(' ') === value.join(' ') ? current : value.join(' ')));
  }, [value]);
  return (
    <CountedField
      label={label}
      value={raw}
      count={count}
      problems={problems}
      hint={hint ?? 'Separate with spaces; # is added for you.'}
      readOnly={readOnly}
      onChange={(next) => {
        setRaw(next);
        onChange(parseHashtags(next));
      }}
    />
  );
}

export function AddItemButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="secondary" size="sm" onClick={onClick} icon={<Plus className="size-3.5" aria-hidden />}>
      {label}
    </Button>
  );
}
