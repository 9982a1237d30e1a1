// What Herald reads from GitHub's pull request objects (the webhook's `pull_request` and the items of
// GET /repos/{o}/{r}/pulls have the same shape), checked with zod and turned into PullRequestInput.
import { z } from 'zod';

const label = z.union([z.object({ name: z.string() }).passthrough(), z.string()]);

export const githubPullRequestSchema = z
  .object({
    number: z.number().int().min(1).max(2_147_483_647),
    html_url: z.string().min(1).max(2000),
    title: z.string().max(10_000),
    body: z.string().nullable().optional(),
    user: z
      .object({ login: z.string(), html_url: z.string().optional() })
      .passthrough()
      .nullable()
      .optional(),
    labels: z.array(label).max(1000).optional(),
    merged: z.boolean().nullable().optional(),
    merged_at: z.string().nullable().optional(),
    updated_at: z.string().nullable().optional(),
  })
  .passthrough();

export const pullRequestEventSchema = z
  .object({
    action: z.string().max(100),
    pull_request: githubPullRequestSchema,
    repository: z.object({ id: z.union([z.number(), z.string()]), full_name: z.string() }).passthrough(),
  })
  .passthrough();
export type PullRequestEvent = z.infer<typeof pullRequestEventSchema>;

export interface PullRequestInput {
  number: number;
  url: string;
  title: string;
  body: string;
  authorLogin: string | null;
  authorUrl: string | null;
  labels: string[];
  mergedAt: Date;
  /** GitHub's `updated_at` for the PR, when the payload has one: orders deliveries of the same PR. */
  updatedAt: Date | null;
}

// PostgreSQL text cannot hold U+0000; GitHub's JSON can.
const clean = (value: string) => value.replaceAll('\u0000', '');
const maxBodyChars = 65_536;

function dateOf(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Only http(s) links are kept: a PR URL is shown as a link on public pages. */
function httpUrl(value: string | undefined | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The PR as Herald stores it, or null when it was not merged (closed unmerged, or still open). */
export function mergedPullRequestOf(pr: z.infer<typeof githubPullRequestSchema>): PullRequestInput | null {
  const mergedAt = dateOf(pr.merged_at);
  if (!mergedAt || pr.merged === false) return null;
  const labels = (pr.labels ?? [])
    .map((entry) => clean(typeof entry === 'string' ? entry : entry.name).trim())
    .filter((name) => name.length > 0)
    .slice(0, 100);
  return {
    number: pr.number,
    url: httpUrl(pr.html_url) ?? '',
    title: clean(pr.title).trim().slice(0, 500),
    body: clean(pr.body ?? '').slice(0, maxBodyChars),
    authorLogin: pr.user?.login ? clean(pr.user.login).slice(0, 100) : null,
    authorUrl: httpUrl(pr.user?.html_url),
    labels: [...new Set(labels)],
    mergedAt,
    updatedAt: dateOf(pr.updated_at),
  };
}

export function updatedAtOf(pr: z.infer<typeof githubPullRequestSchema>): Date | null {
  return dateOf(pr.updated_at);
}
