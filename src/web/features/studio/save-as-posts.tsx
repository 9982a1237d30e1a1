import { Link } from '@tanstack/react-router';
import { FilePlus2 } from 'lucide-react';
import { platformLabels } from '../../../shared/studio/studio-types';
import { Button } from '../../components/button';
import { Card, CardBody } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { getFormError } from '../../lib/api-error';
import { usePostsFromGeneration } from '../library/posts-queries';
import type { Generation } from './studio-api-types';

/** Turns the generation's outputs (saved drafts first) into draft posts in the Library, one per platform. */
export function SaveAsPosts({ workspaceId, generation }: { workspaceId: string; generation: Generation }) {
  const save = usePostsFromGeneration(workspaceId);
  const delivered = generation.platforms.filter((p) => generation.drafts[p] ?? generation.outputs[p]);
  if (delivered.length === 0) return null;
  const saved = save.data?.items ?? [];

  return (
    <Card>
      <CardBody className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0 text-sm">
          {saved.length > 0 ? (
            <p role="status" className="text-emerald-800">
              Saved {saved.length === 1 ? 'a draft post' : `${saved.length} draft posts`} (
              {saved.map((post) => platformLabels[post.platform]).join(', ')}) to the{' '}
              <Link
                to="/w/$workspaceId/library"
                params={{ workspaceId }}
                className="font-medium text-indigo-700 underline"
              >
                Library
              </Link>
              .
            </p>
          ) : (
            <p className="text-gray-600">
              Ready to publish? Save{' '}
              {delivered.length === 1 ? 'this output' : `these ${delivered.length} outputs`} as draft posts,
              then schedule them from the Library.
            </p>
          )}
          <ErrorBanner className="mt-2" message={save.isError ? getFormError(save.error) : null} />
        </div>
        <Button
          variant={saved.length > 0 ? 'secondary' : 'primary'}
          isLoading={save.isPending}
          onClick={() => save.mutate({ generationId: generation.id })}
          icon={<FilePlus2 className="size-4" aria-hidden />}
        >
          {saved.length > 0 ? 'Save again' : 'Save as posts'}
        </Button>
      </CardBody>
    </Card>
  );
}
