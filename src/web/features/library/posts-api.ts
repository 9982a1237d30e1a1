// Response shapes of the posts and channels API as the Library, the post editor and the Channels page read them.
import type { Platform } from '../../../shared/studio/studio-types';

export type PostStatus = 'draft' | 'scheduled' | 'published' | 'failed';
export type ApprovalState = 'not_required' | 'pending' | 'approved' | 'changes_requested';
export type PostOrigin = 'manual' | 'generation' | 'changelog_entry' | 'import';

export const postStatuses: PostStatus[] = ['draft', 'scheduled', 'published', 'failed'];

export interface Post {
  id: string;
  workspaceId: string;
  platform: Platform;
  channelId: string | null;
  status: PostStatus;
  title: string | null;
  content: Record<string, unknown>;
  parts: string[];
  originType: PostOrigin;
  originId: string | null;
  mediaObjectIds: string[];
  tags: string[];
  scheduledAt: string | null;
  publishedAt: string | null;
  externalId: string | null;
  externalUrl: string | null;
  lastError: string | null;
  attemptCount: number;
  needsApproval: boolean;
  approvalState: ApprovalState;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PostFilters {
  platform?: Platform;
  status?: PostStatus;
  tag?: string;
}

export interface PostUpdate {
  title?: string | null;
  content?: Record<string, unknown>;
  tags?: string[];
  mediaObjectIds?: string[];
  needsApproval?: boolean;
  expectedVersion?: number;
}

export interface PostCreate extends Omit<PostUpdate, 'expectedVersion' | 'content'> {
  platform: Platform;
  content: Record<string, unknown>;
}

export interface ImportReport {
  accepted: { row: number; id: string }[];
  rejected: { row: number; errors: { path: string; message: string }[] }[];
}

export type ChannelKind = 'x' | 'linkedin' | 'webhook';
export type ChannelStatus = 'active' | 'needs_reauth' | 'disabled';

export interface Channel {
  id: string;
  kind: ChannelKind;
  name: string;
  status: ChannelStatus;
  externalAccountId: string | null;
  externalAccountName: string | null;
  authorUrn: string | null;
  scopes: string | null;
  tokenExpiresAt: string | null;
  webhookUrl: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelWithSecret {
  channel: Channel;
  secret: string;
}

export const channelKindLabels: Record<ChannelKind, string> = {
  x: 'X',
  linkedin: 'LinkedIn',
  webhook: 'Webhook',
};

/** Which channels can carry a post: X posts go to X or a webhook, LinkedIn posts to LinkedIn or a webhook. */
export function channelFits(channel: Channel, platform: Platform): boolean {
  if (channel.kind === 'webhook') return true;
  return channel.kind === platform;
}
