import type { Platform } from '../../../shared/studio/studio-types';

export const postStatuses = ['draft', 'scheduled', 'published', 'failed'] as const;
export type PostStatus = (typeof postStatuses)[number];
export type ApprovalState = 'not_required' | 'pending' | 'approved' | 'changes_requested';

/** A post as the calendar lists it (GET /calendar). */
export interface PostSummary {
  id: string;
  platform: Platform;
  status: PostStatus;
  title: string | null;
  /** The first 120 characters of the text as the platform receives it. */
  preview: string;
  scheduledAt: string | null;
  publishedAt: string | null;
  channelId: string | null;
  approvalState: ApprovalState;
  version: number;
}

export interface CalendarNote {
  id: string;
  day: string;
  note: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CalendarDay {
  day: string;
  posts: PostSummary[];
  notes: CalendarNote[];
}

export interface CalendarResponse {
  timezone: string;
  view: 'month' | 'week';
  from: string;
  to: string;
  days: CalendarDay[];
  /** The range held more posts than one answer carries. */
  truncated?: boolean;
}
