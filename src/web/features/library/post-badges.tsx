import type { Platform } from '../../../shared/studio/studio-types';
import { platformLabels } from '../../../shared/studio/studio-types';
import { Badge, type BadgeTone } from '../../components/badge';
import type { ApprovalState, PostStatus } from './posts-api';

const statusTones: Record<PostStatus, BadgeTone> = {
  draft: 'gray',
  scheduled: 'blue',
  published: 'green',
  failed: 'red',
};

export const statusLabels: Record<PostStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  published: 'Published',
  failed: 'Failed',
};

export function PostStatusBadge({ status }: { status: PostStatus }) {
  return (
    <Badge tone={statusTones[status]} className="capitalize">
      <span data-testid="post-status">{status}</span>
    </Badge>
  );
}

const approvalLabels: Record<ApprovalState, [string, BadgeTone] | null> = {
  not_required: null,
  pending: ['Awaiting approval', 'amber'],
  approved: ['Approved', 'green'],
  changes_requested: ['Changes requested', 'red'],
};

export function ApprovalBadge({ state, needsApproval }: { state: ApprovalState; needsApproval: boolean }) {
  const shown = approvalLabels[state] ?? (needsApproval ? (['Needs approval', 'amber'] as const) : null);
  if (!shown) return <span className="text-xs text-gray-400">—</span>;
  return <Badge tone={shown[1]}>{shown[0]}</Badge>;
}

export function PlatformName({ platform }: { platform: Platform }) {
  return <span className="whitespace-nowrap text-gray-800">{platformLabels[platform]}</span>;
}
