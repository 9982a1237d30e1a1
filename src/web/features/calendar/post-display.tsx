// How a post's platform and status look wherever posts are listed in small (calendar chips, review page,
// performance tables): one short mark per platform and one colour per status.
import { type Platform, platformLabels } from '../../../shared/studio/studio-types';
import { Badge, type BadgeTone } from '../../components/badge';
import { cn } from '../../lib/cn';
import type { ApprovalState, PostStatus } from './calendar-types';

const MARKS: Record<Platform, { text: string; className: string }> = {
  x: { text: 'X', className: 'bg-gray-900 text-white' },
  threads: { text: '@', className: 'bg-gray-700 text-white' },
  linkedin: { text: 'in', className: 'bg-sky-700 text-white' },
  instagram: { text: 'IG', className: 'bg-pink-600 text-white' },
  tiktok: { text: 'TT', className: 'bg-teal-700 text-white' },
  facebook: { text: 'f', className: 'bg-blue-600 text-white' },
  email: { text: '✉', className: 'bg-amber-600 text-white' },
};

/** A short platform name: "X" rather than "X thread" where space is tight. */
export function platformName(platform: Platform): string {
  return platform === 'x' ? 'X' : platformLabels[platform];
}

export function PlatformMark({ platform, className }: { platform: Platform; className?: string }) {
  const mark = MARKS[platform] ?? MARKS.x;
  return (
    <span
      title={platformLabels[platform]}
      className={cn(
        'inline-flex size-4 shrink-0 items-center justify-center rounded text-[9px] leading-none font-bold',
        mark.className,
        className,
      )}
      aria-hidden
    >
      {mark.text}
    </span>
  );
}

export const statusStyles: Record<PostStatus, { tone: BadgeTone; label: string; chip: string }> = {
  draft: { tone: 'gray', label: 'Draft', chip: 'border-gray-300 bg-gray-50 text-gray-700' },
  scheduled: { tone: 'indigo', label: 'Scheduled', chip: 'border-indigo-200 bg-indigo-50 text-indigo-900' },
  published: {
    tone: 'green',
    label: 'Published',
    chip: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  },
  failed: { tone: 'red', label: 'Failed', chip: 'border-red-200 bg-red-50 text-red-900' },
};

export function PostStatusBadge({ status }: { status: PostStatus }) {
  const style = statusStyles[status] ?? statusStyles.draft;
  return <Badge tone={style.tone}>{style.label}</Badge>;
}

const APPROVAL: Record<ApprovalState, { tone: BadgeTone; label: string }> = {
  not_required: { tone: 'gray', label: 'No approval needed' },
  pending: { tone: 'amber', label: 'Awaiting approval' },
  approved: { tone: 'green', label: 'Approved' },
  changes_requested: { tone: 'red', label: 'Changes requested' },
};

export function ApprovalBadge({ state }: { state: ApprovalState }) {
  const style = APPROVAL[state] ?? APPROVAL.not_required;
  return <Badge tone={style.tone}>{style.label}</Badge>;
}
