import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title';

export function BackLink({ workspaceId }: { workspaceId: string }) {
  return (
    <Link
      to="/w/$workspaceId/library"
      params={{ workspaceId }}
      className="inline-flex items-center gap-1.5 text-sm text-gray-500 hover:text-gray-900"
    >
      <ArrowLeft className="size-4" aria-hidden /> Library
    </Link>
  );
}

/** The editor's frame: back link, title with actions, notices, the fields and a side column. */
export function EditorLayout({
  workspaceId,
  title,
  actions,
  notices,
  content,
  side,
}: {
  workspaceId: string;
  title: string;
  actions: ReactNode;
  notices: ReactNode;
  content: ReactNode;
  side: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <BackLink workspaceId={workspaceId} />
        <header className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="min-w-0 truncate text-xl font-semibold tracking-tight text-gray-900 sm:text-2xl">
            {title}
          </h1>
          <div className="flex shrink-0 items-center gap-2">{actions}</div>
        </header>
      </div>
      {notices}
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0">{content}</div>
        <aside className="space-y-6">{side}</aside>
      </div>
    </div>
  );
}
