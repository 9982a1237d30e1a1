import { Badge, type BadgeTone } from '../../components/badge';
import type { GenerationStatus } from './studio-api-types';

const STATUS: Record<GenerationStatus, { tone: BadgeTone; label: string }> = {
  pending: { tone: 'indigo', label: 'Generating' },
  completed: { tone: 'green', label: 'Completed' },
  partial: { tone: 'amber', label: 'Partial' },
  failed: { tone: 'red', label: 'Failed' },
};

export function StatusBadge({ status }: { status: GenerationStatus }) {
  const { tone, label } = STATUS[status] ?? STATUS.pending;
  return <Badge tone={tone}>{label}</Badge>;
}
