import { RotateCcw, Save } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { PlatformLimits } from '../../../shared/studio/platform-rules';
import { type Platform, type PlatformOutputs, platformLabels } from '../../../shared/studio/studio-types';
import { scoreOutput } from '../../../shared/studio/viral-score';
import { Button } from '../../components/button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/card';
import { ErrorBanner } from '../../components/error-banner';
import { CopyButton } from '../api-keys/copy-button';
import { PlatformEditor } from '../post-editor/platform-editor';
import { describeViolation } from '../post-editor/platform-fields';
import {
  type Draft,
  RuleViolationsAlert,
  safeRender,
  serverViolations,
  useRuleCheck,
  WholePostCounters,
} from '../post-editor/rule-check';
import type { Generation } from './studio-api-types';
import { useSaveDraft } from './studio-queries';
import { ViralScorePanel } from './viral-score';

function initialDraft(generation: Generation, platform: Platform): Draft {
  const source = generation.drafts[platform] ?? generation.outputs[platform];
  return structuredClone(source ?? {}) as Draft;
}

export function PlatformCard({
  workspaceId,
  generation,
  platform,
  limits,
  canEdit,
}: {
  workspaceId: string;
  generation: Generation;
  platform: Platform;
  limits: PlatformLimits;
  canEdit: boolean;
}) {
  const [draft, setDraft] = useState<Draft>(() => initialDraft(generation, platform));
  const save = useSaveDraft(workspaceId, generation.id, platform);

  const { violations, counts, summaryCounts, problems } = useRuleCheck(platform, draft, limits);

  const json = JSON.stringify(draft);
  const savedDraft = generation.drafts[platform];
  const isSaved = savedDraft !== undefined && JSON.stringify(savedDraft) === json;
  const isOriginal = JSON.stringify(generation.outputs[platform]) === json;
  // Scored live while the output is valid; the stored score stands for the generated version.
  const score = useMemo(() => {
    const stored = generation.viralScores[platform];
    if (isOriginal || violations.some((v) => v.code === 'invalid_shape' || v.code === 'empty')) return stored;
    try {
      return scoreOutput(platform, draft as unknown as PlatformOutputs[typeof platform], limits);
    } catch {
      return stored;
    }
  }, [isOriginal, violations, generation.viralScores, platform, draft, limits]);
  const rejected = save.isError ? serverViolations(save.error) : [];

  function handleSave() {
    save.mutate(draft as unknown as PlatformOutputs[Platform], {
      onSuccess: (saved) => {
        const stored = saved.drafts[platform];
        if (stored) setDraft(structuredClone(stored) as Draft);
      },
    });
  }

  const label = platformLabels[platform];
  return (
    <article aria-label={`${label} output`}>
      <Card>
        <CardHeader
          title={label}
          description={
            isSaved
              ? 'Saved as a draft'
              : savedDraft
                ? 'Edited since the last save'
                : 'Generated — not saved yet'
          }
          actions={<CopyButton value={safeRender(platform, draft)} label="Copy" />}
        />
        <CardBody className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_15rem]">
          <div className="min-w-0 space-y-5">
            <WholePostCounters platform={platform} counts={summaryCounts} />
            <RuleViolationsAlert platform={platform} violations={violations} />
            <PlatformEditor
              platform={platform}
              output={draft}
              onChange={setDraft}
              counts={counts}
              problems={problems}
              readOnly={!canEdit}
            />
          </div>
          <aside className="space-y-5 lg:border-l lg:border-gray-100 lg:pl-6" aria-label={`${label} details`}>
            <ViralScorePanel score={score} edited={!isOriginal} />
          </aside>
        </CardBody>
        {canEdit ? (
          <CardFooter className="justify-between">
            <div className="min-w-0 flex-1">
              {rejected.length > 0 ? (
                <ErrorBanner
                  message={`The server refused this draft: ${rejected.map((v) => describeViolation(platform, v)).join('; ')}`}
                />
              ) : (
                <ErrorBanner message={save.isError ? save.error.message : null} />
              )}
            </div>
            <div className="flex items-center gap-3">
              {isSaved ? (
                <span role="status" className="text-xs font-medium text-emerald-700">
                  Saved
                </span>
              ) : null}
              {!isOriginal ? (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => setDraft(structuredClone(generation.outputs[platform] ?? {}) as Draft)}
                  icon={<RotateCcw className="size-3.5" aria-hidden />}
                >
                  Revert to generated
                </Button>
              ) : null}
              <Button
                onClick={handleSave}
                isLoading={save.isPending}
                disabled={violations.length > 0 || isSaved}
                icon={<Save className="size-4" aria-hidden />}
              >
                Save draft
              </Button>
            </div>
          </CardFooter>
        ) : null}
      </Card>
    </article>
  );
}
