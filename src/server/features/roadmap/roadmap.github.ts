// The GitHub REST calls the roadmap makes, through features/github's client (SSRF guard, Link URLs
// kept under GITHUB_API_URL, failures sorted into rejected / rate_limited / unavailable).
import {
  type GithubDeps,
  GithubError,
  githubRequest,
  nextLinkOf,
  repositoryPath,
} from '../github/github.client.ts';

/** Every issue (open and closed; the list also returns pull requests, which the caller drops). */
export function issuesUrl(fullName: string): string {
  return `${repositoryPath(fullName)}/issues?state=all&sort=created&direction=asc&per_page=100`;
}

export async function listIssuesPage(
  deps: GithubDeps,
  bearer: string,
  url: string,
): Promise<{ issues: unknown[]; next: string | null }> {
  const response = await githubRequest(deps, { method: 'GET', path: url, bearer });
  if (!Array.isArray(response.json)) {
    throw new GithubError('GitHub answered the issue list with something else', 'unavailable', 200);
  }
  return { issues: response.json, next: nextLinkOf(response.headers.get('link')) };
}

const issuePath = (fullName: string, number: number) => `${repositoryPath(fullName)}/issues/${number}`;

export async function addIssueLabel(
  deps: GithubDeps,
  bearer: string,
  fullName: string,
  number: number,
  label: string,
): Promise<void> {
  await githubRequest(deps, {
    method: 'POST',
    path: `${issuePath(fullName, number)}/labels`,
    bearer,
    body: { labels: [label] },
  });
}

/** Takes a label off; one the issue does not carry (GitHub's 404) counts as done. */
export async function removeIssueLabel(
  deps: GithubDeps,
  bearer: string,
  fullName: string,
  number: number,
  label: string,
): Promise<void> {
  try {
    await githubRequest(deps, {
      method: 'DELETE',
      path: `${issuePath(fullName, number)}/labels/${encodeURIComponent(label)}`,
      bearer,
    });
  } catch (error) {
    if (error instanceof GithubError && error.status === 404) return;
    throw error;
  }
}

export async function setIssueState(
  deps: GithubDeps,
  bearer: string,
  fullName: string,
  number: number,
  state: 'open' | 'closed',
): Promise<void> {
  await githubRequest(deps, {
    method: 'PATCH',
    path: issuePath(fullName, number),
    bearer,
    body: { state, ...(state === 'closed' ? { state_reason: 'completed' } : {}) },
  });
}
