import { ExternalLink, Map as MapIcon } from 'lucide-react';
import { buttonClasses } from '../../components/button';
import { Card, CardBody } from '../../components/card';
import { EmptyState } from '../../components/empty-state';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { getFormError } from '../../lib/api-error';
import { canManageWorkspace } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useCan } from '../entitlements/entitlements-queries';
import { FeatureGate } from '../entitlements/feature-gate';
import { useWorkspace } from '../workspaces/workspace-queries';
import { RoadmapBoard } from './roadmap-board';
import { useMoveItem, useRoadmap } from './roadmap-queries';
import { RoadmapSettings } from './roadmap-settings';

export function RoadmapPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const allowed = useCan(workspaceId, 'roadmap');
  const roadmap = useRoadmap(workspaceId, allowed);
  const move = useMoveItem(workspaceId);
  useDocumentTitle(workspace ? `Roadmap · ${workspace.name}` : 'Roadmap');
  if (!workspace) return null;
  const canWrite = workspace.role !== 'viewer';

  return (
    <div className="space-y-6">
      <PageHeader
        title="Roadmap"
        description="GitHub issues with your roadmap labels, by status, with the votes from your public roadmap."
        actions={
          allowed ? (
            <a
              href={`/roadmap/${encodeURIComponent(workspace.slug)}`}
              target="_blank"
              rel="noreferrer"
              className={buttonClasses('secondary')}
            >
              <ExternalLink className="size-4" aria-hidden />
              Public roadmap
            </a>
          ) : undefined
        }
      />
      <FeatureGate
        workspaceId={workspaceId}
        feature="roadmap"
        notice="The public roadmap synced with GitHub issues is not on your plan."
      >
        {roadmap.isPending ? (
          <LoadingBlock />
        ) : roadmap.isError ? (
          <ErrorBanner message={roadmap.error.message} />
        ) : (
          <>
            <ErrorBanner message={move.isError ? getFormError(move.error) : null} />
            {roadmap.data.items.length === 0 ? (
              <Card>
                <CardBody>
                  <EmptyState
                    icon={MapIcon}
                    title="No roadmap items yet"
                    description="Enable a repository below: its issues with the roadmap label show up here."
                  />
                </CardBody>
              </Card>
            ) : (
              <RoadmapBoard
                items={roadmap.data.items}
                canMove={canWrite}
                onMove={(itemId, status) => move.mutate({ itemId, status })}
              />
            )}
            <RoadmapSettings
              workspaceId={workspaceId}
              repositories={roadmap.data.repositories}
              canManage={canManageWorkspace(workspace.role)}
            />
          </>
        )}
      </FeatureGate>
    </div>
  );
}
