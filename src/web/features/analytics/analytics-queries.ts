import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';

/** GET /api/v1/workspaces/{id}/analytics/summary (days are UTC). */
export interface AnalyticsSummary {
  from: string;
  to: string;
  timezone: 'UTC';
  totals: {
    views: number;
    visitors: number;
    widgetImpressions: number;
    widgetClicks: number;
    widgetCtr: number;
  };
  days: Array<{
    day: string;
    views: number;
    visitors: number;
    widgetImpressions: number;
    widgetClicks: number;
  }>;
  topEntries: Array<{
    entryId: string;
    title: string;
    slug: string;
    views: number;
    widgetImpressions: number;
    widgetClicks: number;
  }>;
  referrers: Array<{ host: string; views: number }>;
}

export const analyticsKeys = {
  summary: (workspaceId: string, range: { from: string; to: string }) =>
    [...workspaceKeys.part(workspaceId, 'analytics'), 'summary', range] as const,
};

export function useAnalyticsSummary(
  workspaceId: string,
  range: { from: string; to: string },
  enabled = true,
) {
  return useQuery({
    queryKey: analyticsKeys.summary(workspaceId, range),
    queryFn: () =>
      api.get<AnalyticsSummary>(withQuery(workspacePath(workspaceId, '/analytics/summary'), range)),
    placeholderData: keepPreviousData,
    enabled,
  });
}
