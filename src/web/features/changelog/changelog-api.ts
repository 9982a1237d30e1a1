// Response shapes of the changelog entries API (issue 6 contract) as the Changelog pages read them.
import type { Post } from '../library/posts-api';
import type { ChangelogCategory } from '../repositories/repositories-api';

export { type ChangelogCategory, changelogCategories } from '../repositories/repositories-api';

export const entryStatuses = ['draft', 'scheduled', 'published'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

export const entryStatusLabels: Record<EntryStatus, string> = {
  draft: 'Drafts',
  scheduled: 'Scheduled',
  published: 'Published',
};

export interface EntryPullRequest {
  number: number;
  url: string;
  title: string;
  authorLogin: string | null;
  labels: string[];
  mergedAt: string;
  breaking: boolean;
}

export interface Entry {
  id: string;
  repositoryId: string | null;
  repositoryFullName: string | null;
  title: string;
  body: string;
  category: ChangelogCategory;
  status: EntryStatus;
  slug: string;
  major: boolean;
  editedByUser: boolean;
  aiRewrittenAt: string | null;
  scheduledAt: string | null;
  publishedAt: string | null;
  publicUrl: string | null;
  pullRequests: EntryPullRequest[];
  createdAt: string;
  updatedAt: string;
}

export interface EntryFilters {
  status?: EntryStatus;
  category?: ChangelogCategory;
  repositoryId?: string;
  q?: string;
}

export interface EntryPage {
  entries: Entry[];
  nextCursor: string | null;
}

export interface EntryUpdate {
  title?: string;
  body?: string;
  category?: ChangelogCategory;
  major?: boolean;
}

export interface EntryCreate {
  title: string;
  body?: string;
  category: ChangelogCategory;
  major?: boolean;
}

export interface RewriteResult {
  entry: Entry;
  previous: { title: string; body: string };
}

export interface SocialPostsResult {
  generationId: string;
  posts: Post[];
}
