import { Undo2 } from 'lucide-react';
import { Button } from '../../components/button';
import { Notice } from '../../components/error-banner';
import type { RewriteResult } from './changelog-api';

/** After an AI rewrite: what the entry said before, and a way back to it. */
export function RewriteNotice({
  previous,
  current,
  onUndo,
  onDismiss,
  undoing,
}: {
  previous: RewriteResult['previous'];
  current: RewriteResult['previous'];
  onUndo: () => void;
  onDismiss: () => void;
  undoing: boolean;
}) {
  if (previous.title === current.title && previous.body === current.body) {
    return (
      <Notice tone="info" title="Nothing to rewrite">
        The AI rewrite kept the title and body as they were.{' '}
        <button type="button" className="font-medium underline" onClick={onDismiss}>
          Dismiss
        </button>
      </Notice>
    );
  }
  return (
    <Notice tone="info" title="Rewritten by AI">
      <p>The title and body below are the rewrite. This is what they were before:</p>
      <div className="mt-2 max-h-48 overflow-y-auto rounded-md bg-white/70 p-3 text-gray-800 ring-1 ring-indigo-100">
        <p className="font-medium" data-testid="previous-title">
          {previous.title}
        </p>
        {/* Plain text with its line breaks: nothing in it is interpreted. */}
        <p className="mt-1 text-xs whitespace-pre-wrap" data-testid="previous-body">
          {previous.body || '(no body)'}
        </p>
      </div>
      <div className="mt-2 flex gap-2">
        <Button
          size="sm"
          variant="secondary"
          onClick={onUndo}
          isLoading={undoing}
          icon={<Undo2 className="size-3.5" aria-hidden />}
        >
          Undo rewrite
        </Button>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Keep the rewrite
        </Button>
      </div>
    </Notice>
  );
}
