import { Link } from '@tanstack/react-router';
import { ExternalLink, Megaphone } from 'lucide-react';
import { useState } from 'react';
import { platformLabels } from '../../../shared/studio/studio-types';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Card, CardBody, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { getFormError } from '../../lib/api-error';
import { formatDate } from '../../lib/format';
import type { Entry } from './changelog-api';
import { useEntrySocialPosts } from './changelog-queries';

export function PullRequestsCard({ entry, timeZone }: { entry: Entry; timeZone: string }) {
  return (
    <Card>
      <CardHeader
        title="Pull requests"
        description={entry.repositoryFullName ?? (entry.pullRequests.length ? undefined : 'Written by hand')}
      />
      {entry.pullRequests.length === 0 ? (
        <CardBody>
          <p className="text-sm text-gray-500">No pull request behind this entry.</p>
        </CardBody>
      ) : (
        <ul className="divide-y divide-gray-100">
          {entry.pullRequests.map((pr) => (
            <li key={`${pr.url}`} className="space-y-1 px-5 py-3 sm:px-6">
              <a
                href={pr.url}
                target="_blank"
                rel="noreferrer"
                className="flex items-start gap-1 text-sm font-medium text-gray-900 hover:text-indigo-700 hover:underline"
              >
                <span className="shrink-0 text-gray-500">#{pr.number}</span>
                <span className="min-w-0 break-words">{pr.title}</span>
                <ExternalLink className="mt-0.5 size-3.5 shrink-0 text-gray-400" aria-hidden />
              </a>
              <p className="text-xs text-gray-500">
                {pr.authorLogin ? `@${pr.authorLogin} · ` : ''}merged {formatDate(pr.mergedAt, timeZone)}
              </p>
              {pr.labels.length > 0 || pr.breaking ? (
                <div className="flex flex-wrap gap-1">
                  {pr.breaking ? <Badge tone="red">breaking</Badge> : null}
                  {pr.labels.map((label) => (
                    <Badge key={label}>{label}</Badge>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** An X thread and a LinkedIn post about the entry, saved in the Library; links to each. */
export function SocialPostsCard({
  workspaceId,
  entry,
  canWrite,
}: {
  workspaceId: string;
  entry: Entry;
  canWrite: boolean;
}) {
  const create = useEntrySocialPosts(workspaceId, entry.id);
  const [platforms, setPlatforms] = useState<('x' | 'linkedin')[]>(['x', 'linkedin']);
  const toggle = (platform: 'x' | 'linkedin', on: boolean) =>
    setPlatforms((current) => (on ? [...current, platform] : current.filter((p) => p !== platform)));
  return (
    <Card>
      <CardHeader title="Social posts" description="Announce this entry through the Studio." />
      <CardBody className="space-y-3">
        <ErrorBanner message={create.isError ? getFormError(create.error) : null} />
        {create.data ? (
          <Notice tone="success" title={`Saved ${create.data.posts.length} draft posts in the Library`}>
            <ul className="space-y-0.5">
              {create.data.posts.map((post) => (
                <li key={post.id}>
                  <Link
                    to="/w/$workspaceId/library/$postId"
                    params={{ workspaceId, postId: post.id }}
                    className="font-medium underline"
                  >
                    {platformLabels[post.platform]}
                  </Link>
                </li>
              ))}
            </ul>
          </Notice>
        ) : null}
        {canWrite ? (
          <>
            <div className="flex gap-4">
              {(['x', 'linkedin'] as const).map((platform) => (
                <label key={platform} className="flex items-center gap-2 text-sm text-gray-700">
                  <input
                    type="checkbox"
                    checked={platforms.includes(platform)}
                    onChange={(event) => toggle(platform, event.target.checked)}
                    className="size-4 rounded border-gray-300 text-indigo-600"
                  />
                  {platform === 'x' ? 'X thread' : 'LinkedIn'}
                </label>
              ))}
            </div>
            <Button
              variant="secondary"
              isLoading={create.isPending}
              disabled={platforms.length === 0}
              onClick={() => create.mutate(platforms)}
              icon={<Megaphone className="size-4" aria-hidden />}
            >
              Create social posts
            </Button>
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
