import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import { createApiError, createNetworkError } from '../../lib/api-error';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import type {
  ImportReport,
  MetricSnapshot,
  MetricsSummary,
  MetricValues,
  PostMetrics,
} from './performance-types';

export const performanceKeys = {
  all: (workspaceId: string) => workspaceKeys.part(workspaceId, 'metrics'),
  summary: (workspaceId: string, range: { from: string; to: string; platform?: string }) =>
    [...workspaceKeys.part(workspaceId, 'metrics'), 'summary', range] as const,
  post: (workspaceId: string, postId: string) =>
    [...workspaceKeys.part(workspaceId, 'metrics'), 'post', postId] as const,
};

export function useMetricsSummary(
  workspaceId: string,
  range: { from: string; to: string; platform?: string },
) {
  return useQuery({
    queryKey: performanceKeys.summary(workspaceId, range),
    queryFn: () => api.get<MetricsSummary>(withQuery(workspacePath(workspaceId, '/metrics/summary'), range)),
    placeholderData: keepPreviousData,
  });
}

export function usePostMetrics(workspaceId: string, postId: string) {
  return useQuery({
    queryKey: performanceKeys.post(workspaceId, postId),
    queryFn: () =>
      api.get<PostMetrics>(workspacePath(workspaceId, `/posts/${encodeURIComponent(postId)}/metrics`)),
  });
}

export function useRecordSnapshot(workspaceId: string, postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MetricValues & { recordedAt?: string }) =>
      api.post<MetricSnapshot>(
        workspacePath(workspaceId, `/posts/${encodeURIComponent(postId)}/metrics`),
        body,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: performanceKeys.all(workspaceId) }),
  });
}

/** The CSV goes as text/csv, which the JSON client does not send. */
async function postCsv(path: string, csv: string): Promise<ImportReport> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv' },
      credentials: 'include',
      body: csv,
    });
  } catch (cause) {
    throw createNetworkError(cause);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!response.ok) throw createApiError(response.status, parsed);
  return parsed as ImportReport;
}

export function useImportMetrics(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) => postCsv(workspacePath(workspaceId, '/metrics/import'), csv),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: performanceKeys.all(workspaceId) }),
  });
}
