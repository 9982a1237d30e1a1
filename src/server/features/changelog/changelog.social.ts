// Social posts from an entry: a Studio generation (sourceType `changelog_entry`) for an X thread and a
// LinkedIn post, saved as library drafts with originType `changelog_entry`. Drafts and scheduled
// entries are allowed too (SPEC §5 says "from a published entry"): the posts are drafts themselves,
// and writing them before the entry goes out is how launches are prepared. The generation is metered
// as any other (402 / 429 before any work).
//
// The local engine answers within the request (201, the posts). An LLM engine runs as a job (202,
// no posts yet): `changelog.social-posts` waits for the generation and saves its outputs then.
import { z } from 'zod';
import type { Platform, Tone } from '../../../shared/studio/studio-types.ts';
import type { AppDeps } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { type AuditContext, systemAudit } from '../audit/audit.service.ts';
import { createGeneration, getGeneration } from '../generations/generations.service.ts';
import { createPostsFromGeneration } from '../posts/posts.from-generation.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import {
  type EntryRow,
  findEntry,
  postsFromEntrySince,
  pullRequestsOf,
  workspaceSlugOf,
} from './changelog.queries.ts';
import { getEntryRow } from './changelog.service.ts';
import { entryPublicUrl } from './changelog.view.ts';

export const socialPostsJobName = 'changelog.social-posts';
export const socialPostsJobSchema = z.object({
  workspaceId: z.string().min(1),
  entryId: z.string().min(1),
  generationId: z.string().min(1),
});
type SocialPostsJob = z.infer<typeof socialPostsJobSchema>;

/** How long the job waits for an LLM generation before giving up, and how often it looks. */
const maxWaitMs = 30 * 60_000;
const lookAgainSeconds = 2;

/** The generation's source: the entry as a reader sees it, with its pull requests and public link. */
async function entrySourceText(deps: Pick<AppDeps, 'db' | 'config'>, entry: EntryRow): Promise<string> {
  const pullRequests = await pullRequestsOf(deps.db, [entry.id]);
  const parts = [`# ${entry.title}`, entry.body.trim()];
  if (pullRequests.length > 0) {
    parts.push(pullRequests.map((pr) => `- ${pr.title} (#${pr.number}): ${pr.url}`).join('\n'));
  }
  if (entry.status === 'published') {
    const slug = await workspaceSlugOf(deps.db, entry.workspaceId);
    if (slug) parts.push(`Read more: ${entryPublicUrl(deps.config.publicUrl, slug, entry.slug)}`);
  }
  return parts.filter(Boolean).join('\n\n');
}

export async function createSocialPosts(
  deps: AppDeps,
  audit: AuditContext,
  access: WorkspaceAccess,
  entryId: string,
  body: { platforms?: Array<'x' | 'linkedin'>; tone?: Tone },
) {
  const entry = await getEntryRow(deps.db, access.workspaceId, entryId);
  const platforms: Platform[] = body.platforms ? [...new Set(body.platforms)] : ['x', 'linkedin'];
  const created = await createGeneration(
    deps,
    { workspaceId: access.workspaceId, actor: audit.actor },
    {
      text: await entrySourceText(deps, entry),
      platforms,
      tone: body.tone ?? 'conversational',
      sourceType: 'changelog_entry',
      sourceId: entry.id,
    },
    audit.request,
  );
  const generation = created.generation;
  if (created.httpStatus === 202) {
    await deps.queue.ensureQueue(socialPostsJobName, { policy: 'stately' });
    await deps.queue.send(
      socialPostsJobName,
      {
        workspaceId: access.workspaceId,
        entryId: entry.id,
        generationId: generation.id,
      } satisfies SocialPostsJob,
      { singletonKey: generation.id, startAfter: lookAgainSeconds },
    );
    return { httpStatus: 202 as const, generationId: generation.id, posts: [] };
  }
  const delivered = platforms.filter((platform) => generation.outputs[platform]);
  if (delivered.length === 0) {
    throw new AppError('service_unavailable', `The Studio wrote no post: ${generation.error ?? 'no output'}`);
  }
  const saved = await createPostsFromGeneration(
    deps,
    audit,
    access,
    { generationId: generation.id, platforms: delivered },
    { originType: 'changelog_entry', originId: entry.id, title: entry.title },
  );
  return { httpStatus: 201 as const, generationId: generation.id, posts: saved.items };
}

/** The job behind an LLM engine: waits for the generation, then saves what it delivered, once. */
export async function runSocialPostsJob(deps: AppDeps, job: SocialPostsJob): Promise<string> {
  const entry = await findEntry(deps.db, job.workspaceId, job.entryId);
  if (!entry) return 'entry deleted';
  const generation = await getGeneration(deps, job.workspaceId, job.generationId).catch(() => null);
  if (!generation) return 'generation gone';
  if (generation.status === 'pending') {
    if (deps.clock.now().getTime() - generation.createdAt.getTime() > maxWaitMs) return 'gave up waiting';
    await deps.queue.send(socialPostsJobName, job, {
      singletonKey: job.generationId,
      startAfter: lookAgainSeconds,
    });
    return 'waiting';
  }
  const delivered = generation.platforms.filter((platform) => generation.outputs[platform]);
  if (delivered.length === 0) return 'nothing delivered';
  // A retry after the posts were committed (a crash before the job was marked done) saves nothing.
  if (generation.completedAt && (await postsFromEntrySince(deps.db, entry.id, generation.completedAt))) {
    return 'already saved';
  }
  await createPostsFromGeneration(
    deps,
    systemAudit(deps.authSecret),
    { workspaceId: job.workspaceId, role: 'member' },
    { generationId: generation.id, platforms: delivered },
    { originType: 'changelog_entry', originId: entry.id, title: entry.title },
  );
  return 'saved';
}
