import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from '../lib/cn';

/** A table that scrolls sideways on narrow screens instead of squeezing its columns. */
export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    // `relative` keeps sr-only header text (absolutely positioned) inside the
    // scroll box; otherwise it widens the whole page on phones.
    <div className="relative overflow-x-auto">
      <table aria-label={label} className="min-w-full divide-y divide-gray-100 text-left text-sm">
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-gray-50/70">
      <tr>{children}</tr>
    </thead>
  );
}

export function TH({ className, children, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn(
        'px-4 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-gray-500 uppercase first:pl-5 last:pr-5 sm:first:pl-6 sm:last:pr-6',
        className,
      )}
      {...rest}
    >
      {children}
    </th>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-gray-100">{children}</tbody>;
}

export function TR({ className, children }: { className?: string; children: ReactNode }) {
  return <tr className={cn('hover:bg-gray-50/60', className)}>{children}</tr>;
}

export function TD({ className, children, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td
      className={cn(
        'px-4 py-3 align-middle text-gray-700 first:pl-5 last:pr-5 sm:first:pl-6 sm:last:pr-6',
        className,
      )}
      {...rest}
    >
      {children}
    </td>
  );
}
