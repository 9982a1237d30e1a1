import { ExternalLink, Save } from 'lucide-react';
import { useState } from 'react';
import { Button, buttonClasses } from '../../components/button';
import { Card, CardBody, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { getFormError } from '../../lib/api-error';
import { canManageWorkspace } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { CopyButton } from '../api-keys/copy-button';
import { isHexColor } from '../brand/color-field';
import { useCan } from '../entitlements/entitlements-queries';
import { FeatureGate } from '../entitlements/feature-gate';
import { useWorkspace } from '../workspaces/workspace-queries';
import type { Widget, WidgetConfig } from './widget-api';
import { WidgetCustomizer } from './widget-customizer';
import { WidgetPreview } from './widget-preview';
import { useSaveWidget, useWidget } from './widget-queries';
import { WidgetStatsCard } from './widget-stats-card';

function valid(config: WidgetConfig): boolean {
  return config.title.trim() !== '' && Object.values(config.colors).every(isHexColor);
}

function EmbedCard({ widget }: { widget: Widget }) {
  return (
    <Card>
      <CardHeader
        title="Embed"
        description="Paste this line before </body> on any page of your site. It loads one small script."
      />
      <CardBody className="space-y-3">
        <div className="flex items-start gap-2">
          <code
            className="min-w-0 flex-1 rounded-lg bg-gray-900 px-3 py-2.5 font-mono text-xs break-all text-gray-100"
            data-testid="embed-snippet"
          >
            {widget.embedSnippet}
          </code>
          <CopyButton value={widget.embedSnippet} label="Copy snippet" />
        </div>
      </CardBody>
    </Card>
  );
}

function WidgetEditor({
  workspaceId,
  widget,
  canManage,
}: {
  workspaceId: string;
  widget: Widget;
  canManage: boolean;
}) {
  const [config, setConfig] = useState(widget.config);
  const save = useSaveWidget(workspaceId);
  const dirty = JSON.stringify(config) !== JSON.stringify(widget.config);
  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <Card>
        <CardHeader
          title="Appearance"
          actions={
            canManage ? (
              <>
                {dirty ? (
                  <Button variant="ghost" size="sm" onClick={() => setConfig(widget.config)}>
                    Discard
                  </Button>
                ) : null}
                <Button
                  size="sm"
                  isLoading={save.isPending}
                  disabled={!dirty || !valid(config)}
                  onClick={() =>
                    save.mutate(config, { onSuccess: ({ widget: fresh }) => setConfig(fresh.config) })
                  }
                  icon={<Save className="size-3.5" aria-hidden />}
                >
                  Save
                </Button>
              </>
            ) : undefined
          }
        />
        <CardBody className="space-y-4">
          <ErrorBanner message={save.isError ? getFormError(save.error) : null} />
          {save.isSuccess && !dirty ? (
            <Notice tone="success">Saved: sites that embed the widget show it now.</Notice>
          ) : null}
          <WidgetCustomizer config={config} onChange={setConfig} disabled={!canManage} />
        </CardBody>
      </Card>
      <Card className="xl:sticky xl:top-6">
        <CardHeader
          title="Live preview"
          description={
            dirty
              ? 'With your unsaved changes, opened as after a click on the launcher.'
              : 'As visitors see it, opened as after a click on the launcher.'
          }
        />
        <CardBody>
          <WidgetPreview widgetId={widget.id} config={config} />
        </CardBody>
      </Card>
    </div>
  );
}

export function WidgetPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const widget = useWidget(workspaceId);
  const widgetAllowed = useCan(workspaceId, 'changelog_widget');
  useDocumentTitle(workspace ? `Widget · ${workspace.name}` : 'Widget');
  if (!workspace) return null;
  const canManage = canManageWorkspace(workspace.role);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Widget"
        description="A “What's new” panel for your own site, showing the latest published entries."
        actions={
          widget.data ? (
            <a
              href={widget.data.publicChangelogUrl}
              target="_blank"
              rel="noreferrer"
              className={buttonClasses('secondary')}
            >
              <ExternalLink className="size-4" aria-hidden />
              Public changelog
            </a>
          ) : undefined
        }
      />
      {canManage ? null : <Notice tone="info">Only owners and admins can change the widget.</Notice>}
      <FeatureGate
        workspaceId={workspaceId}
        feature="changelog_widget"
        notice="The changelog widget is not on your plan: embedded widgets show nothing until you upgrade."
      />
      {widget.isPending ? (
        <LoadingBlock />
      ) : widget.isError ? (
        <ErrorBanner message={widget.error.message} />
      ) : (
        <>
          <WidgetEditor
            workspaceId={workspaceId}
            widget={widget.data}
            canManage={canManage && widgetAllowed}
          />
          <EmbedCard widget={widget.data} />
          <WidgetStatsCard workspaceId={workspaceId} />
        </>
      )}
    </div>
  );
}
