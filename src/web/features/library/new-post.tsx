import { useNavigate } from '@tanstack/react-router';
import { Save } from 'lucide-react';
import { useState } from 'react';
import type { PlatformLimits } from '../../../shared/studio/platform-rules';
import { type Platform, platformLabels, platforms } from '../../../shared/studio/studio-types';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { SelectField } from '../../components/input';
import { getFormError } from '../../lib/api-error';
import type { Workspace } from '../../lib/api-types';
import { safeParts, serverViolations, useRuleCheck } from '../post-editor/rule-check';
import { EditorLayout } from './editor-layout';
import { PostContentCard } from './post-content-card';
import { emptyContent, type PostFields } from './post-form-state';
import { PostPreview } from './post-preview';
import { useCreatePost } from './posts-queries';

/** A post written from scratch: pick the platform, fill its fields, save it as a draft. */
export function NewPost({ workspace, limits }: { workspace: Workspace; limits: PlatformLimits }) {
  const navigate = useNavigate();
  const [platform, setPlatform] = useState<Platform>('x');
  const [fields, setFields] = useState<PostFields>({
    title: '',
    content: emptyContent('x'),
    tags: [],
    mediaObjectIds: [],
    needsApproval: false,
  });
  const create = useCreatePost(workspace.id);
  const check = useRuleCheck(platform, fields.content, limits);
  const set = <K extends keyof PostFields>(key: K, value: PostFields[K]) =>
    setFields((current) => ({ ...current, [key]: value }));

  return (
    <EditorLayout
      workspaceId={workspace.id}
      title="New post"
      actions={
        <Button
          onClick={() =>
            create.mutate(
              { platform, ...fields, title: fields.title.trim() || null },
              {
                onSuccess: (post) =>
                  void navigate({
                    to: '/w/$workspaceId/library/$postId',
                    params: { workspaceId: workspace.id, postId: post.id },
                    replace: true,
                  }),
              },
            )
          }
          isLoading={create.isPending}
          disabled={check.violations.length > 0}
          icon={<Save className="size-4" aria-hidden />}
        >
          Save draft
        </Button>
      }
      notices={
        serverViolations(create.error).length === 0 ? (
          <ErrorBanner message={create.isError ? getFormError(create.error) : null} />
        ) : null
      }
      content={
        <PostContentCard
          workspaceId={workspace.id}
          platform={platform}
          fields={fields}
          set={set}
          check={check}
          rejected={serverViolations(create.error)}
          readOnly={false}
          platformPicker={
            <SelectField
              label="Platform"
              value={platform}
              onChange={(event) => {
                const next = event.target.value as Platform;
                setPlatform(next);
                set('content', emptyContent(next));
              }}
            >
              {platforms.map((p) => (
                <option key={p} value={p}>
                  {platformLabels[p]}
                </option>
              ))}
            </SelectField>
          }
        />
      }
      side={
        <PostPreview
          platform={platform}
          parts={safeParts(platform, fields.content)}
          mediaCount={fields.mediaObjectIds.length}
        />
      }
    />
  );
}
