import { useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect } from 'react';
import type { Me, WorkspaceSummary } from './api-types';
import { meQueryOptions } from './me-queries';

/**
 * The signed-in user inside the app layout. The layout's guard has already
 * loaded it, so this never suspends there; a null here means the session ended.
 */
export function useMe(): Me {
  const { data } = useSuspenseQuery(meQueryOptions);
  if (!data) throw new Error('Your session has ended. Please sign in again.');
  return data;
}

const LAST_WORKSPACE_KEY = 'herald.lastWorkspace';

/** The workspace the user last opened, remembered across visits; null when unknown. */
export function readLastWorkspace(): string | null {
  try {
    return localStorage.getItem(LAST_WORKSPACE_KEY);
  } catch {
    return null;
  }
}

/** The workspace in the URL or, on account pages, the one the user was last in. */
export function useCurrentWorkspace(): WorkspaceSummary | undefined {
  const me = useMe();
  const params = useParams({ strict: false }) as { workspaceId?: string };
  const fromUrl = params.workspaceId;

  useEffect(() => {
    if (!fromUrl) return;
    try {
      localStorage.setItem(LAST_WORKSPACE_KEY, fromUrl);
    } catch {
      // Remembering the workspace is a convenience only.
    }
  }, [fromUrl]);

  const wanted = fromUrl ?? readLastWorkspace();
  return me.workspaces.find((w) => w.id === wanted) ?? (fromUrl ? undefined : me.workspaces[0]);
}

/** The workspace id from the URL; only for components under /w/$workspaceId. */
export function useWorkspaceId(): string {
  const params = useParams({ strict: false }) as { workspaceId?: string };
  if (!params.workspaceId) throw new Error('useWorkspaceId used outside a workspace route');
  return params.workspaceId;
}
