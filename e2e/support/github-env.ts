// The fake GitHub the e2e server talks to (GITHUB_API_URL, started by the global setup): one
// repository that this token may read, with two merged pull requests for the backfill.
export const e2eGithubRepository = 'acme-e2e/rocket';
export const e2eGithubToken = 'github_pat_e2e_0123456789abcdef';
export const e2eBackfilledPullRequests = [
  { number: 1, title: 'feat: dark mode for the dashboard', labels: [] as string[] },
  { number: 2, title: 'fix(auth): keep people signed in after a password reset', labels: ['bug'] },
];
