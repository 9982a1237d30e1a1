import { eq } from 'drizzle-orm';
import {
  changelogEntries,
  changelogEntryPullRequests,
} from '../src/server/features/changelog/changelog.table.ts';
import { type ChangelogCategory, githubRepositories } from '../src/server/features/github/github.table.ts';
import { workspaces } from '../src/server/features/workspaces/workspaces.table.ts';
import { encryptSecret } from '../src/server/platform/crypto.ts';
import { signUp, type TestApp } from './harness.ts';

// Changelog rows written straight into the database for the public changelog and widget tests, so
// they decide exactly what is published and when, whatever the entries routes do.

export interface ChangelogOwner {
  cookie: string;
  userId: string;
  workspaceId: string;
  workspaceSlug: string;
}

let counter = 0;

export async function changelogOwner(t: TestApp, label = 'pub'): Promise<ChangelogOwner> {
  counter += 1;
  const user = await signUp(t, `${label}-${process.pid}-${counter}@example.com`, 'Casey Changelog');
  const [row] = await t.deps.db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, user.workspaceId));
  if (!row) throw new Error('no workspace after sign-up');
  return { ...user, workspaceSlug: row.slug };
}

export async function insertRepository(t: TestApp, workspaceId: string, fullName: string) {
  const [row] = await t.deps.db
    .insert(githubRepositories)
    .values({
      workspaceId,
      fullName,
      slug: (fullName.split('/')[1] ?? fullName).toLowerCase(),
      authType: 'token',
      tokenEncrypted: encryptSecret(t.deps.encryptionKey, 'ghp_test_token'),
      webhookSecretEncrypted: encryptSecret(t.deps.encryptionKey, 'webhook-secret'),
      categoryMapping: { labels: {}, prefixes: {}, skipLabels: [] },
    })
    .returning();
  if (!row) throw new Error('repository not inserted');
  return row;
}

export interface EntryInput {
  title: string;
  body?: string;
  category?: ChangelogCategory;
  status?: 'draft' | 'scheduled' | 'published';
  publishedAt?: Date | null;
  repositoryId?: string | null;
  slug?: string;
  major?: boolean;
}

let entryCounter = 0;

export async function insertEntry(t: TestApp, workspaceId: string, input: EntryInput) {
  entryCounter += 1;
  const status = input.status ?? 'published';
  const publishedAt =
    input.publishedAt === undefined
      ? status === 'published'
        ? t.deps.clock.now()
        : null
      : input.publishedAt;
  const [row] = await t.deps.db
    .insert(changelogEntries)
    .values({
      workspaceId,
      repositoryId: input.repositoryId ?? null,
      title: input.title,
      body: input.body ?? '',
      category: input.category ?? 'New',
      status,
      slug: input.slug ?? `entry-${entryCounter}`,
      major: input.major ?? false,
      publishedAt,
    })
    .returning();
  if (!row) throw new Error('entry not inserted');
  return row;
}

export async function insertPullRequest(
  t: TestApp,
  entry: { id: string; workspaceId: string; repositoryId: string | null },
  pr: { number: number; url?: string; authorLogin?: string; title?: string },
) {
  if (!entry.repositoryId) throw new Error('a pull request needs the entry to have a repository');
  await t.deps.db.insert(changelogEntryPullRequests).values({
    workspaceId: entry.workspaceId,
    repositoryId: entry.repositoryId,
    entryId: entry.id,
    number: pr.number,
    url: pr.url ?? `https://github.com/acme/app/pull/${pr.number}`,
    title: pr.title ?? `PR ${pr.number}`,
    authorLogin: pr.authorLogin ?? 'octocat',
    category: 'New',
    mergedAt: new Date(),
  });
}

/** Changes an entry the way an edit, publish or unpublish does (version and updated_at move). */
export async function touchEntry(
  t: TestApp,
  entryId: string,
  values: Partial<typeof changelogEntries.$inferInsert>,
) {
  const [current] = await t.deps.db.select().from(changelogEntries).where(eq(changelogEntries.id, entryId));
  if (!current) throw new Error('no such entry');
  await t.deps.db
    .update(changelogEntries)
    .set({ ...values, version: current.version + 1, updatedAt: new Date() })
    .where(eq(changelogEntries.id, entryId));
}
