import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import type { Widget, WidgetConfig, WidgetStats } from './widget-api';

export const widgetKeys = {
  detail: (workspaceId: string) => workspaceKeys.part(workspaceId, 'widget'),
  stats: (workspaceId: string) => [...workspaceKeys.part(workspaceId, 'widget'), 'stats'] as const,
};

export function useWidget(workspaceId: string) {
  return useQuery({
    queryKey: widgetKeys.detail(workspaceId),
    queryFn: () => api.get<{ widget: Widget }>(workspacePath(workspaceId, '/widget')),
    select: (data) => data.widget,
  });
}

export function useWidgetStats(workspaceId: string) {
  return useQuery({
    queryKey: widgetKeys.stats(workspaceId),
    queryFn: () => api.get<WidgetStats>(workspacePath(workspaceId, '/widget/stats')),
    // Impressions arrive from visitors' browsers; keep the numbers moving while the page is open.
    refetchInterval: 15_000,
  });
}

export function useSaveWidget(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (config: WidgetConfig) =>
      api.put<{ widget: Widget }>(workspacePath(workspaceId, '/widget'), { config }),
    onSuccess: (data) => queryClient.setQueryData(widgetKeys.detail(workspaceId), data),
  });
}
