import { expect } from 'vitest';
import type { EntryView } from '../src/server/features/changelog/changelog.schemas.ts';
import { uniqueEntrySlug } from '../src/server/features/changelog/changelog.slugs.ts';
import {
  changelogEntries,
  changelogEntryPullRequests,
} from '../src/server/features/changelog/changelog.table.ts';
import { type ChangelogCategory, githubRepositories } from '../src/server/features/github/github.table.ts';
import { json, signUp, type TestApp } from './harness.ts';

// Changelog entries for tests: written through the API, or made the way the GitHub ingest makes them
// (a repository row, an entry and its pull request row inserted directly).

export type ChangelogUser = Awaited<ReturnType<typeof signUp>>;

let counter = 0;

export async function changelogUser(t: TestApp, label = 'cl'): Promise<ChangelogUser> {
  counter += 1;
  return signUp(t, `${label}-${process.pid}-${counter}@example.com`, 'Casey Changelog');
}

export const entriesPath = (user: { workspaceId: string }, rest = '') =>
  `/api/v1/workspaces/${user.workspaceId}/changelog/entries${rest}`;

export async function writeEntry(
  t: TestApp,
  user: ChangelogUser,
  body: Record<string, unknown> = { title: 'Faster exports', category: 'Improved' },
): Promise<EntryView> {
  const response = await t.call('POST', entriesPath(user), { cookie: user.cookie, body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json<{ entry: EntryView }>(response)).entry;
}

export async function readEntry(t: TestApp, user: ChangelogUser, entryId: string): Promise<EntryView> {
  const response = await t.call('GET', entriesPath(user, `/${entryId}`), { cookie: user.cookie });
  expect(response.status).toBe(200);
  return (await json<{ entry: EntryView }>(response)).entry;
}

const repositories = new Map<string, string>();

/** The workspace's test repository (one per workspace), inserted directly. */
export async function testRepository(t: TestApp, workspaceId: string): Promise<string> {
  const known = repositories.get(workspaceId);
  if (known) return known;
  const [row] = await t.deps.db
    .insert(githubRepositories)
    .values({
      workspaceId,
      fullName: 'acme/rocket',
      slug: 'rocket',
      authType: 'token',
      webhookSecretEncrypted: 'not-used-in-these-tests',
      categoryMapping: { labels: {}, prefixes: {}, skipLabels: [] },
    })
    .returning({ id: githubRepositories.id });
  repositories.set(workspaceId, row?.id ?? '');
  return row?.id ?? '';
}

export interface PullRequestSeed {
  number: number;
  title: string;
  body?: string;
  category?: ChangelogCategory;
  labels?: string[];
  breaking?: boolean;
  mergedAt?: Date;
}

/** A draft entry from a merged pull request, as the GitHub ingest writes it. */
export async function pullRequestEntry(t: TestApp, workspaceId: string, pr: PullRequestSeed) {
  const repositoryId = await testRepository(t, workspaceId);
  return t.deps.db.transaction(async (tx) => {
    const category = pr.category ?? 'Other';
    const [entry] = await tx
      .insert(changelogEntries)
      .values({
        workspaceId,
        repositoryId,
        title: pr.title,
        body: pr.body ?? '',
        category,
        slug: await uniqueEntrySlug(tx, workspaceId, pr.title, pr.number),
        createdAt: t.deps.clock.now(),
        updatedAt: t.deps.clock.now(),
      })
      .returning();
    await tx.insert(changelogEntryPullRequests).values({
      workspaceId,
      repositoryId,
      entryId: entry?.id,
      number: pr.number,
      url: `https://github.com/acme/rocket/pull/${pr.number}`,
      title: pr.title,
      body: pr.body ?? '',
      authorLogin: 'octocat',
      labels: pr.labels ?? [],
      category,
      breaking: pr.breaking ?? false,
      mergedAt: pr.mergedAt ?? new Date('2031-01-01T00:00:00Z'),
    });
    if (!entry) throw new Error('entry not inserted');
    return entry;
  });
}
