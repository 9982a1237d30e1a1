import { Card, CardBody, CardHeader } from '../../components/card';
import { InlineSelect } from '../../components/input';
import { usePostsById } from '../approvals/approvals-queries';
import { platformName } from '../calendar/post-display';
import { PostMetricsPanel } from './post-metrics-panel';

/** Pick one post to see its own series and to add its numbers by hand. */
export function PostPickerCard({
  workspaceId,
  postId,
  canWrite,
  timeZone,
  onPick,
}: {
  workspaceId: string;
  postId: string | undefined;
  canWrite: boolean;
  timeZone: string;
  onPick: (postId: string | undefined) => void;
}) {
  const posts = usePostsById(workspaceId);
  const items = [...(posts.data?.values() ?? [])];
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader
          title="One post"
          description="Its numbers over time, and a form to add a snapshot by hand."
          actions={
            <InlineSelect
              aria-label="Post"
              value={postId ?? ''}
              className="max-w-72"
              onChange={(event) => onPick(event.target.value || undefined)}
            >
              <option value="">Choose a post…</option>
              {items.map((post) => (
                <option key={post.id} value={post.id}>
                  {platformName(post.platform)} ·{' '}
                  {(post.title || post.parts[0] || '(empty post)').slice(0, 60)}
                </option>
              ))}
            </InlineSelect>
          }
        />
        {!postId ? (
          <CardBody>
            <p className="text-sm text-gray-500">
              {items.length === 0 ? 'No posts yet.' : 'Choose a post to see its numbers.'}
            </p>
          </CardBody>
        ) : null}
      </Card>
      {postId ? (
        <PostMetricsPanel workspaceId={workspaceId} postId={postId} canWrite={canWrite} timeZone={timeZone} />
      ) : null}
    </div>
  );
}
