import type { Platform } from '../../../shared/studio/studio-types';
import type { ApprovalState, PostStatus } from '../calendar/calendar-types';

/** A review link as listed (the token is never listed: it is shown once, on creation). */
export interface ApprovalLink {
  id: string;
  postIds: string[];
  note: string | null;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
  createdBy?: string | null;
  state?: 'active' | 'expired' | 'revoked';
}

export interface CreatedApprovalLink {
  id: string;
  /** The absolute review address, with the token in it. */
  url: string;
  token: string;
  expiresAt: string;
  postIds: string[];
}

export type ApprovalEventKind = 'approved' | 'changes_requested' | 'comment';

export interface ApprovalEvent {
  id: string;
  kind: ApprovalEventKind;
  reviewerName: string;
  message: string | null;
  createdAt: string;
}

export interface ReviewPost {
  id: string;
  platform: Platform;
  title: string | null;
  status: PostStatus;
  scheduledAt: string | null;
  version: number;
  /** The texts as the platform shows them, in order (an X thread's tweets). */
  parts: string[];
  content: Record<string, unknown>;
  approvalState: ApprovalState;
  events: ApprovalEvent[];
}

export interface Review {
  workspaceName: string;
  note: string | null;
  expiresAt: string;
  posts: ReviewPost[];
}

export type ReviewAction = 'approve' | 'request_changes' | 'comment';

/** The few fields of a post the share dialog needs to list it. */
export interface PostListItem {
  id: string;
  platform: Platform;
  status: PostStatus;
  title: string | null;
  parts: string[];
  approvalState: ApprovalState;
}
