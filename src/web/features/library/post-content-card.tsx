import type { ReactNode } from 'react';
import type { RuleViolation } from '../../../shared/studio/platform-rules';
import type { Platform } from '../../../shared/studio/studio-types';
import { Card, CardBody, CardHeader } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { Switch, TextField } from '../../components/input';
import { PlatformEditor } from '../post-editor/platform-editor';
import { describeViolation } from '../post-editor/platform-fields';
import { type RuleCheck, RuleViolationsAlert, WholePostCounters } from '../post-editor/rule-check';
import { MediaPicker } from './media-picker';
import type { PostFields } from './post-form-state';
import { TagsField } from './tags-field';

/** The post's own fields: title, the platform's structured editor with live limits, tags, media, approval. */
export function PostContentCard({
  workspaceId,
  platform,
  fields,
  set,
  check,
  rejected,
  readOnly,
  platformPicker,
}: {
  workspaceId: string;
  platform: Platform;
  fields: PostFields;
  set: <K extends keyof PostFields>(key: K, value: PostFields[K]) => void;
  check: RuleCheck;
  rejected: RuleViolation[];
  readOnly: boolean;
  platformPicker?: ReactNode;
}) {
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Content" description="Counters follow the platform's limits as you type." />
        <CardBody className="space-y-5">
          {platformPicker}
          <TextField
            label="Title"
            value={fields.title}
            maxLength={200}
            readOnly={readOnly}
            onChange={(event) => set('title', event.target.value)}
            hint="For you only: the Library lists posts by title."
          />
          <WholePostCounters platform={platform} counts={check.summaryCounts} />
          <RuleViolationsAlert platform={platform} violations={check.violations} />
          {rejected.length > 0 ? (
            <ErrorBanner
              message={`The server refused this post: ${rejected.map((v) => describeViolation(platform, v)).join('; ')}`}
            />
          ) : null}
          <PlatformEditor
            platform={platform}
            output={fields.content}
            onChange={(content) => set('content', content)}
            counts={check.counts}
            problems={check.problems}
            readOnly={readOnly}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Details" />
        <CardBody className="space-y-5">
          <TagsField value={fields.tags} onChange={(tags) => set('tags', tags)} readOnly={readOnly} />
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-gray-800">Media</p>
            <MediaPicker
              workspaceId={workspaceId}
              value={fields.mediaObjectIds}
              onChange={(ids) => set('mediaObjectIds', ids)}
              readOnly={readOnly}
            />
          </div>
          <div className="border-t border-gray-100">
            <Switch
              label="Needs approval"
              description="Not published until a reviewer approves it through an approval link."
              checked={fields.needsApproval}
              onChange={(on) => set('needsApproval', on)}
              disabled={readOnly}
            />
          </div>
        </CardBody>
      </Card>
    </div>
  );
}
