import type { ReactNode } from 'react';
import { cn } from '../lib/cn';

export type BadgeTone = 'gray' | 'indigo' | 'green' | 'amber' | 'red' | 'blue';

const TONES: Record<BadgeTone, string> = {
  gray: 'bg-gray-100 text-gray-700 ring-gray-500/10',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-600/15',
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-600/15',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  red: 'bg-red-50 text-red-700 ring-red-600/15',
  blue: 'bg-sky-50 text-sky-700 ring-sky-600/15',
};

export function Badge({
  tone = 'gray',
  className,
  children,
}: {
  tone?: BadgeTone;
  className?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-md px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

export function RoleBadge({ role }: { role: string }) {
  const tone: BadgeTone = role === 'owner' ? 'indigo' : role === 'admin' ? 'blue' : 'gray';
  return <Badge tone={tone}>{role.charAt(0).toUpperCase() + role.slice(1)}</Badge>;
}
