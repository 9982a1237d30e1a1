import { Badge, type BadgeTone } from '../../components/badge';
import type { ChangelogCategory, EntryStatus } from './changelog-api';

const CATEGORY_TONES: Record<ChangelogCategory, BadgeTone> = {
  New: 'green',
  Fixed: 'blue',
  Improved: 'indigo',
  Other: 'gray',
};

export function CategoryBadge({ category }: { category: ChangelogCategory }) {
  return <Badge tone={CATEGORY_TONES[category]}>{category}</Badge>;
}

const STATUS: Record<EntryStatus, { tone: BadgeTone; label: string }> = {
  draft: { tone: 'gray', label: 'Draft' },
  scheduled: { tone: 'amber', label: 'Scheduled' },
  published: { tone: 'green', label: 'Published' },
};

export function EntryStatusBadge({ status }: { status: EntryStatus }) {
  return (
    <span data-testid="entry-status">
      <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>
    </span>
  );
}
