import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { workspacePath } from '../workspaces/workspace-queries';
import type { Generation } from './studio-api-types';
import { generationQueryOptions, isTerminal, storeGeneration } from './studio-queries';

const POLL_MS = 2000;

/**
 * One generation, kept current while it is pending: the server's event stream pushes each change;
 * when the stream cannot be opened or drops for good, the query polls instead.
 */
export function useGeneration(workspaceId: string, id: string | undefined) {
  const queryClient = useQueryClient();
  const [streamBroken, setStreamBroken] = useState(false);
  const query = useQuery({
    ...generationQueryOptions(workspaceId, id ?? ''),
    enabled: Boolean(id),
    refetchInterval: (q) => {
      const data = q.state.data;
      return data && !isTerminal(data) && (streamBroken || typeof EventSource === 'undefined')
        ? POLL_MS
        : false;
    },
  });
  const pending = query.data !== undefined && !isTerminal(query.data);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new id resets the fallback
  useEffect(() => {
    setStreamBroken(false);
  }, [id]);

  useEffect(() => {
    if (!id || !pending || streamBroken || typeof EventSource === 'undefined') return;
    const source = new EventSource(
      workspacePath(workspaceId, `/generations/${encodeURIComponent(id)}/events`),
    );
    source.addEventListener('generation', (event) => {
      try {
        const generation = JSON.parse((event as MessageEvent<string>).data) as Generation;
        storeGeneration(queryClient, generation);
        if (isTerminal(generation)) source.close();
      } catch {
        // A malformed event is skipped; the next one (or polling) brings the state.
      }
    });
    source.onerror = () => {
      // CLOSED means the browser gave up (an error status or a refused stream); otherwise it retries.
      if (source.readyState === EventSource.CLOSED) setStreamBroken(true);
    };
    return () => source.close();
  }, [workspaceId, id, pending, streamBroken, queryClient]);

  return query;
}
