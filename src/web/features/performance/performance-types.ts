import type { Platform } from '../../../shared/studio/studio-types';

export interface MetricValues {
  views: number;
  likes: number;
  shares: number;
  comments: number;
  reach: number;
}

export interface MetricSnapshot extends MetricValues {
  id?: string;
  postId?: string;
  recordedAt: string;
  source?: 'manual' | 'csv' | 'adapter';
}

export interface PostMetrics {
  latest: MetricSnapshot | null;
  /** (likes + shares + comments) / reach, or / views when reach is 0; null when both are 0. */
  engagementRate: number | null;
  /** Oldest first. */
  series: MetricSnapshot[];
}

export interface PlatformTotals extends MetricValues {
  platform: Platform;
  posts: number;
  engagementRate: number | null;
}

export interface SummaryPoint {
  day: string;
  platform: Platform;
  views: number;
  engagement: number;
}

export interface MetricsSummary {
  perPlatform: PlatformTotals[];
  series: SummaryPoint[];
}

export interface ImportReport {
  accepted: number;
  rejected: { row: number; errors: { path: string; message: string }[] }[];
}
