import type { Platform } from '../../../shared/studio/studio-types';

const whole = new Intl.NumberFormat('en');

export function formatCount(value: number): string {
  return whole.format(value);
}

export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(rate < 0.1 ? 2 : 1)}%`;
}

/** One steady colour per platform across every chart. */
export const platformColors: Record<Platform, string> = {
  x: '#111827',
  threads: '#6b7280',
  linkedin: '#0369a1',
  instagram: '#db2777',
  tiktok: '#0f766e',
  facebook: '#2563eb',
  email: '#d97706',
};

export const metricFields = ['views', 'likes', 'shares', 'comments', 'reach'] as const;
export type MetricField = (typeof metricFields)[number];

export const metricLabels: Record<MetricField, string> = {
  views: 'Views',
  likes: 'Likes',
  shares: 'Shares',
  comments: 'Comments',
  reach: 'Reach',
};

/** Gridline steps of 1, 2 or 5 × 10ⁿ, about four of them. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) {
    ticks.push(Number(value.toPrecision(12)));
    if (value >= max) break;
  }
  return ticks;
}
