import type { InputHTMLAttributes, ReactNode } from 'react';
import { cn } from '../../lib/cn';

export const compactInputBase =
  'block rounded-lg border-0 bg-white px-2.5 py-1.5 text-sm text-gray-900 shadow-sm ring-1 ring-inset ring-gray-300 placeholder:text-gray-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus:outline-none disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-400';
export const compactInput = `${compactInputBase} w-full`;
export const invalidInput = 'ring-red-400 focus:ring-red-500';

/** A checkbox with its label beside it; `description` goes under the label. */
export function Checkbox({
  label,
  description,
  className,
  ...rest
}: { label: ReactNode; description?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className={cn('flex cursor-pointer items-start gap-2.5 text-sm', className)}>
      <input
        type="checkbox"
        className="mt-0.5 size-4 shrink-0 cursor-pointer rounded border-gray-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed"
        {...rest}
      />
      <span className="min-w-0">
        <span className="block font-medium text-gray-800">{label}</span>
        {description ? <span className="block text-xs text-gray-500">{description}</span> : null}
      </span>
    </label>
  );
}
