import { useParams } from '@tanstack/react-router';
import { RefreshCw, Save } from 'lucide-react';
import type { PlatformLimits } from '../../../shared/studio/platform-rules';
import { platformLabels } from '../../../shared/studio/studio-types';
import { Button } from '../../components/button';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { LoadingBlock } from '../../components/spinner';
import { getFormError, isApiError } from '../../lib/api-error';
import type { Workspace } from '../../lib/api-types';
import { useWorkspaceId } from '../../lib/use-me';
import { safeParts, serverViolations, useRuleCheck } from '../post-editor/rule-check';
import { useStudioRules } from '../studio/studio-queries';
import { useWorkspace } from '../workspaces/workspace-queries';
import { BackLink, EditorLayout } from './editor-layout';
import { NewPost } from './new-post';
import { PostContentCard } from './post-content-card';
import { usePostFormState } from './post-form-state';
import { PostPreview } from './post-preview';
import type { Post } from './posts-api';
import { usePost, useUpdatePost } from './posts-queries';
import { PublishingCard } from './publishing-card';

function EditPost({
  workspace,
  post,
  limits,
  reload,
}: {
  workspace: Workspace;
  post: Post;
  limits: PlatformLimits;
  reload: () => Promise<Post | undefined>;
}) {
  const form = usePostFormState(post);
  const update = useUpdatePost(workspace.id, post.id);
  const check = useRuleCheck(post.platform, form.fields.content, limits);
  const canWrite = workspace.role !== 'viewer';
  const editable = canWrite && post.status !== 'published';
  const conflict = update.isError && isApiError(update.error) && update.error.status === 409;
  const rejected = update.isError ? serverViolations(update.error) : [];

  return (
    <EditorLayout
      workspaceId={workspace.id}
      title={post.title || `${platformLabels[post.platform]} post`}
      actions={
        editable ? (
          <Button
            onClick={() => update.mutate(form.update(), { onSuccess: (saved) => form.adopt(saved) })}
            isLoading={update.isPending}
            disabled={!form.dirty || check.violations.length > 0}
            icon={<Save className="size-4" aria-hidden />}
          >
            Save
          </Button>
        ) : null
      }
      notices={
        <>
          {conflict ? (
            <Notice tone="warning" title="This post changed elsewhere">
              <p>
                Someone saved, scheduled or published it since you opened it. Reload to see the latest
                version.
              </p>
              <Button
                size="sm"
                variant="secondary"
                className="mt-2"
                onClick={() =>
                  void reload().then((latest) => {
                    if (latest) form.adopt(latest);
                    update.reset();
                  })
                }
                icon={<RefreshCw className="size-3.5" aria-hidden />}
              >
                Reload
              </Button>
            </Notice>
          ) : rejected.length === 0 ? (
            <ErrorBanner message={update.isError ? getFormError(update.error) : null} />
          ) : null}
          {post.status === 'published' ? (
            <Notice tone="info">Published posts cannot be edited.</Notice>
          ) : null}
          {form.dirty && !update.isError ? (
            <p role="status" className="text-sm text-amber-700">
              Unsaved changes
            </p>
          ) : update.isSuccess ? (
            <p role="status" className="text-sm text-emerald-700">
              Saved
            </p>
          ) : null}
        </>
      }
      content={
        <PostContentCard
          workspaceId={workspace.id}
          platform={post.platform}
          fields={form.fields}
          set={form.set}
          check={check}
          rejected={rejected}
          readOnly={!editable}
        />
      }
      side={
        <>
          <PublishingCard
            workspaceId={workspace.id}
            timeZone={workspace.timezone}
            post={post}
            canWrite={canWrite}
            dirty={form.dirty}
          />
          <PostPreview
            platform={post.platform}
            parts={safeParts(post.platform, form.fields.content)}
            mediaCount={form.fields.mediaObjectIds.length}
          />
        </>
      }
    />
  );
}

export function PostEditorPage() {
  const workspaceId = useWorkspaceId();
  const { postId } = useParams({ strict: false }) as { postId: string };
  const { data: workspace } = useWorkspace(workspaceId);
  const rules = useStudioRules(workspaceId);
  const isNew = postId === 'new';
  const post = usePost(workspaceId, isNew ? '' : postId);

  if (!workspace || rules.isPending || (!isNew && post.isPending)) return <LoadingBlock />;
  if (rules.isError) return <ErrorBanner message={rules.error.message} />;
  if (isNew) return <NewPost workspace={workspace} limits={rules.data.limits} />;
  if (post.isError || !post.data) {
    return (
      <div className="space-y-4">
        <BackLink workspaceId={workspaceId} />
        <ErrorBanner message={post.error?.message ?? 'This post could not be loaded.'} />
      </div>
    );
  }
  return (
    <EditPost
      key={post.data.id}
      workspace={workspace}
      post={post.data}
      limits={rules.data.limits}
      reload={() => post.refetch().then((result) => result.data)}
    />
  );
}
