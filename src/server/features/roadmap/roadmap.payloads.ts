// What Herald reads from GitHub's issue objects (the `issues` webhook's `issue` and the items of
// GET /repos/{o}/{r}/issues have the same shape) and from pull request bodies (closing keywords).
import { z } from 'zod';

const label = z.union([z.object({ name: z.string() }).passthrough(), z.string()]);

export const githubIssueSchema = z
  .object({
    number: z.number().int().min(1).max(2_147_483_647),
    html_url: z.string().max(2000).optional(),
    title: z.string().max(10_000),
    body: z.string().nullable().optional(),
    state: z.string().max(20),
    labels: z.array(label).max(1000).optional(),
    /** Present when the "issue" is a pull request (the issues list returns both). */
    pull_request: z.unknown().optional(),
  })
  .passthrough();
export type GithubIssue = z.infer<typeof githubIssueSchema>;

export const issuesEventSchema = z
  .object({
    action: z.string().max(100),
    issue: githubIssueSchema,
    label: z.object({ name: z.string() }).passthrough().nullable().optional(),
    repository: z.object({ id: z.union([z.number(), z.string()]), full_name: z.string() }).passthrough(),
  })
  .passthrough();
export type IssuesEvent = z.infer<typeof issuesEventSchema>;

export interface IssueInput {
  number: number;
  title: string;
  body: string;
  url: string;
  labels: string[];
  state: 'open' | 'closed';
}

const clean = (value: string) => value.replaceAll('\u0000', '');

function httpUrl(value: string | undefined): string {
  if (!value) return '';
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : '';
  } catch {
    return '';
  }
}

export function issueInputOf(issue: GithubIssue): IssueInput {
  const labels = (issue.labels ?? [])
    .map((entry) => clean(typeof entry === 'string' ? entry : entry.name).trim())
    .filter((name) => name.length > 0)
    .slice(0, 100);
  return {
    number: issue.number,
    title: clean(issue.title).trim().slice(0, 500) || `Issue #${issue.number}`,
    body: clean(issue.body ?? '').slice(0, 65_536),
    url: httpUrl(issue.html_url),
    labels: [...new Set(labels)],
    state: issue.state === 'closed' ? 'closed' : 'open',
  };
}

// GitHub's closing keywords (docs: "Linking a pull request to an issue"): close, closes, closed, fix,
// fixes, fixed, resolve, resolves, resolved, case-insensitive, optionally followed by a colon, then
// `#N` or `owner/repo#N`.
const closingPattern =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+))?#(\d{1,10})\b/gi;

/** The issue numbers of `fullName` that a pull request body closes. */
export function closedIssueNumbers(body: string, fullName: string): number[] {
  const numbers = new Set<number>();
  for (const match of body.matchAll(closingPattern)) {
    const repo = match[1];
    if (repo && repo.toLowerCase() !== fullName.toLowerCase()) continue;
    const number = Number(match[2]);
    if (Number.isSafeInteger(number) && number > 0 && number <= 2_147_483_647) numbers.add(number);
  }
  return [...numbers];
}
