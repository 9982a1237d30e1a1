import { CircleX } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { PlatformLimits } from '../../../shared/studio/platform-rules';
import { type Analysis, platformLabels } from '../../../shared/studio/studio-types';
import { Badge } from '../../components/badge';
import { Card, CardBody, CardHeader } from '../../components/card';
import { Notice } from '../../components/error-banner';
import { Spinner } from '../../components/spinner';
import { sourceLabels } from './history-card';
import { PlatformCard } from './platform-card';
import { SaveAsPosts } from './save-as-posts';
import { StatusBadge } from './status-badge';
import { type EngineKind, engineLabels, type Generation } from './studio-api-types';

function Elapsed({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.round((now - new Date(since).getTime()) / 1000));
  return <span className="tabular-nums">{seconds}s</span>;
}

function engineName(generation: Generation): string {
  const label = engineLabels[generation.engine as EngineKind] ?? generation.engine;
  return generation.engine !== 'local' && generation.model ? `${label} · ${generation.model}` : label;
}

function PendingCard({ generation }: { generation: Generation }) {
  const names = generation.platforms.map((p) => platformLabels[p]).join(', ');
  return (
    <Card>
      <CardBody className="space-y-3">
        <div className="flex items-center gap-3 text-sm text-gray-700">
          <Spinner className="text-indigo-600" />
          <p role="status">
            Writing for {names} with {engineName(generation)}… <Elapsed since={generation.createdAt} />
          </p>
        </div>
        <div
          className="h-1.5 overflow-hidden rounded-full bg-gray-100"
          role="progressbar"
          aria-label="Generation progress"
          aria-busy="true"
        >
          <div className="h-full w-1/3 animate-pulse rounded-full bg-indigo-500" />
        </div>
      </CardBody>
    </Card>
  );
}

function AnalysisCard({ analysis, generation }: { analysis: Analysis; generation: Generation }) {
  const source = sourceLabels[generation.sourceType];
  const meta = [
    source ? `From a ${source.toLowerCase()}` : null,
    engineName(generation),
    generation.language === 'fr' ? 'French' : 'English',
    generation.durationMs !== null ? `${generation.durationMs} ms` : null,
    `${generation.creditsCharged} ${generation.creditsCharged === 1 ? 'credit' : 'credits'}`,
  ].filter(Boolean);
  return (
    <Card>
      <CardHeader
        title="Analysis"
        description={meta.join(' · ')}
        actions={
          <>
            {generation.cached ? <Badge tone="blue">Cached — not charged</Badge> : null}
            <StatusBadge status={generation.status} />
          </>
        }
      />
      <CardBody className="space-y-5">
        <div>
          <h3 className="text-xs font-medium tracking-wide text-gray-500 uppercase">Core message</h3>
          <p className="mt-1 text-base leading-relaxed text-gray-900" data-testid="core-message">
            {analysis.coreMessage}
          </p>
        </div>
        <div className="grid gap-5 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <div>
            <h3 className="text-xs font-medium tracking-wide text-gray-500 uppercase">Key points</h3>
            <ul className="mt-1.5 list-disc space-y-1 pl-5 text-sm leading-relaxed text-gray-700">
              {analysis.keyPoints.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </ul>
          </div>
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-xs font-medium tracking-wide text-gray-500 uppercase">Topic</dt>
              <dd className="mt-0.5 text-gray-800">{analysis.topic}</dd>
            </div>
            <div>
              <dt className="text-xs font-medium tracking-wide text-gray-500 uppercase">Audience</dt>
              <dd className="mt-0.5 text-gray-800">{analysis.audience}</dd>
            </div>
            {analysis.keywords.length > 0 ? (
              <div>
                <dt className="text-xs font-medium tracking-wide text-gray-500 uppercase">Keywords</dt>
                <dd className="mt-1 flex flex-wrap gap-1">
                  {analysis.keywords.slice(0, 10).map((keyword) => (
                    <Badge key={keyword}>{keyword}</Badge>
                  ))}
                </dd>
              </div>
            ) : null}
          </dl>
        </div>
        <details className="group text-sm">
          <summary className="cursor-pointer text-gray-500 hover:text-gray-800">Source text</summary>
          <p className="mt-2 max-h-64 overflow-y-auto rounded-lg bg-gray-50 p-3 whitespace-pre-wrap text-gray-700">
            {generation.input}
          </p>
        </details>
      </CardBody>
    </Card>
  );
}

export function GenerationView({
  workspaceId,
  generation,
  limits,
  canEdit,
}: {
  workspaceId: string;
  generation: Generation;
  limits: PlatformLimits;
  canEdit: boolean;
}) {
  if (generation.status === 'pending') return <PendingCard generation={generation} />;
  return (
    <div className="space-y-6">
      {generation.status === 'failed' ? (
        <Notice tone="error" title="The generation failed">
          {generation.error ?? 'No output could be written.'} Any credits it took were refunded.
        </Notice>
      ) : null}
      {generation.status === 'partial' ? (
        <Notice tone="warning" title="Some platforms could not be written">
          Only the platforms below were charged.
        </Notice>
      ) : null}
      {generation.analysis ? <AnalysisCard analysis={generation.analysis} generation={generation} /> : null}
      {canEdit ? <SaveAsPosts workspaceId={workspaceId} generation={generation} /> : null}
      {generation.platforms.map((platform) => {
        const failure = generation.failures[platform];
        if (generation.outputs[platform]) {
          return (
            <PlatformCard
              key={`${generation.id}-${platform}`}
              workspaceId={workspaceId}
              generation={generation}
              platform={platform}
              limits={limits}
              canEdit={canEdit}
            />
          );
        }
        return (
          <Card key={`${generation.id}-${platform}`}>
            <CardBody className="flex items-start gap-3 text-sm">
              <CircleX className="mt-0.5 size-4 shrink-0 text-red-600" aria-hidden />
              <div>
                <p className="font-medium text-gray-900">{platformLabels[platform]} failed</p>
                <p className="text-gray-600">{failure ?? 'No output was produced for this platform.'}</p>
              </div>
            </CardBody>
          </Card>
        );
      })}
    </div>
  );
}
