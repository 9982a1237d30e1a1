// Addresses of the public changelog, absolute on PUBLIC_URL (feeds, canonical links and the widget are
// read from other origins). Other features (entries' publicUrl, repositories' publicUrl, the widget's
// snippet) build their links here so every surface agrees.
const segment = (value: string) => encodeURIComponent(value);

export function publicChangelogUrl(publicUrl: string, workspaceSlug: string): string {
  return `${publicUrl}/changelog/${segment(workspaceSlug)}`;
}

export function publicEntryUrl(publicUrl: string, workspaceSlug: string, entrySlug: string): string {
  return `${publicChangelogUrl(publicUrl, workspaceSlug)}/entries/${segment(entrySlug)}`;
}

/** The JSON route that upvotes a published entry (POST) or takes the vote back (DELETE). */
export function publicEntryUpvoteApiUrl(publicUrl: string, workspaceSlug: string, entrySlug: string): string {
  return `${publicUrl}/api/public/changelog/${segment(workspaceSlug)}/entries/${segment(entrySlug)}/upvote`;
}

export function publicRepositoryUrl(publicUrl: string, workspaceSlug: string, repoSlug: string): string {
  return `${publicChangelogUrl(publicUrl, workspaceSlug)}/repos/${segment(repoSlug)}`;
}

export type FeedKind = 'rss' | 'atom';

/** The feed of a workspace, or of one of its repositories. */
export function publicFeedUrl(
  publicUrl: string,
  workspaceSlug: string,
  kind: FeedKind,
  repoSlug?: string | null,
): string {
  const base = repoSlug
    ? publicRepositoryUrl(publicUrl, workspaceSlug, repoSlug)
    : publicChangelogUrl(publicUrl, workspaceSlug);
  return `${base}/feed.${kind}`;
}
