import { useId } from 'react';
import { cn } from '../../lib/cn';

const HEX = /^#[0-9a-fA-F]{6}$/;

export function isHexColor(value: string) {
  return HEX.test(value);
}

/** A hex text input with a native color picker beside it; the text input carries the label. */
export function ColorField({
  label,
  value,
  onChange,
  disabled,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string;
}) {
  const id = useId();
  const shownError = error ?? (value && !isHexColor(value) ? 'Use a hex color like #4f46e5.' : undefined);
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          type="color"
          aria-label={`Color picker for the ${label.toLowerCase().replace(' color', '')} brand color`}
          value={isHexColor(value) ? value : '#ffffff'}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          className="h-9 w-11 shrink-0 cursor-pointer rounded-lg border border-gray-300 bg-white p-1 disabled:cursor-not-allowed disabled:opacity-60"
        />
        <input
          id={id}
          value={value}
          placeholder="#4f46e5"
          disabled={disabled}
          maxLength={7}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={shownError ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.value.trim())}
          className={cn(
            'block w-full rounded-lg border-0 bg-white px-3 py-2 font-mono text-sm text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset placeholder:text-gray-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-500',
            shownError && 'ring-red-400',
          )}
        />
      </div>
      {shownError ? (
        <p id={`${id}-error`} className="text-xs text-red-600">
          {shownError}
        </p>
      ) : null}
    </div>
  );
}
