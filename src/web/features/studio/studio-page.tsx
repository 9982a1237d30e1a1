import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { LoadingBlock } from '../../components/spinner';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useWorkspaceId } from '../../lib/use-me';
import { useWorkspace } from '../workspaces/workspace-queries';
import { Composer } from './composer';
import { ConversationsPanel } from './conversations-panel';
import { GenerationView } from './generation-view';
import { HistoryCard } from './history-card';
import { studioKeys, useStudioRules } from './studio-queries';
import { useGeneration } from './use-generation';

export function StudioPage() {
  const workspaceId = useWorkspaceId();
  const { data: workspace } = useWorkspace(workspaceId);
  const search = useSearch({ strict: false }) as { generation?: string };
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const rules = useStudioRules(workspaceId);
  const openId = search.generation;
  const generation = useGeneration(workspaceId, openId);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  useDocumentTitle(workspace ? `Studio · ${workspace.name}` : 'Studio');

  const open = useCallback(
    (id: string) => {
      setConversationId(null);
      void navigate({ to: '/w/$workspaceId/studio', params: { workspaceId }, search: { generation: id } });
    },
    [navigate, workspaceId],
  );

  // A voice note or photo made its generation on the server: the history has not seen it yet.
  const openFromConversation = useCallback(
    (id: string) => {
      void queryClient.invalidateQueries({ queryKey: studioKeys.history(workspaceId) });
      open(id);
    },
    [queryClient, workspaceId, open],
  );

  // Bring the opened generation into view: it sits under the composer.
  useEffect(() => {
    if (openId) resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [openId]);

  const header = (
    <PageHeader
      title="Studio"
      description="Paste an article, record a voice note or upload a photo — get a post for every platform, within its rules."
    />
  );
  if (!workspace || rules.isPending) {
    return (
      <>
        {header}
        <LoadingBlock />
      </>
    );
  }
  if (rules.isError) {
    return (
      <>
        {header}
        <ErrorBanner message={rules.error.message} />
      </>
    );
  }
  const canWrite = workspace.role !== 'viewer';

  return (
    <>
      {header}
      {!canWrite ? (
        <Notice tone="info" className="mb-6">
          As a viewer you can read and copy this workspace's generations. Members, admins and owners can
          generate and save drafts.
        </Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="min-w-0 space-y-6">
          <Composer
            workspaceId={workspaceId}
            rules={rules.data}
            canGenerate={canWrite}
            onGenerated={open}
            onConversation={setConversationId}
          />
          <ConversationsPanel
            workspaceId={workspaceId}
            activeId={conversationId}
            onActivate={setConversationId}
            onGeneration={openFromConversation}
          />
        </div>
        <aside aria-label="History" className="min-w-0">
          <HistoryCard workspaceId={workspaceId} openId={openId} onOpen={open} />
        </aside>
      </div>
      {openId ? (
        <section ref={resultRef} aria-label="Result" className="mt-8 scroll-mt-20">
          {generation.isPending ? (
            <LoadingBlock label="Loading the generation…" />
          ) : generation.isError ? (
            <ErrorBanner message={generation.error.message} />
          ) : (
            <GenerationView
              workspaceId={workspaceId}
              generation={generation.data}
              limits={rules.data.limits}
              canEdit={canWrite}
            />
          )}
        </section>
      ) : null}
    </>
  );
}
