// The fake GitHub the e2e server talks to (GITHUB_API_URL, started by the global setup): one
// repository that this token may read, with two merged pull requests for the backfill.
export const e2eGithubRepository = 'acme-e2e/rocket';
export const e2eGithubToken = 'github_pat_e2e_0123456789abcdef';
export const e2eBackfilledPullRequests = [
  { number: 1, title: 'feat: dark mode for the dashboard', labels: [] as string[] },
  { number: 2, title: 'fix(auth): keep people signed in after a password reset', labels: ['bug'] },
];
// e2e/audience.spec.ts connects its own repository (so the changelog spec's imports are untouched): open
// issues carrying the default roadmap label, which become roadmap items when the roadmap is enabled.
export const e2eRoadmapRepository = 'acme-e2e/launchpad';
export const e2eRoadmapToken = 'github_pat_e2e_roadmap_0123456789abcdef';
export const e2eRoadmapIssues = [
  { number: 11, title: 'Single sign-on with SAML', labels: ['roadmap', 'planned'] },
  { number: 12, title: 'Scheduled exports to S3', labels: ['roadmap', 'planned'] },
];
/** Set by the global setup for the test workers: the fake GitHub's base URL (to read issue labels). */
export const githubUrlEnv = 'HERALD_E2E_GITHUB_URL';
