// Ship → notify: when an entry linked to roadmap items is published (changelog.publish.ts sends
// `roadmap.entry-published` in the publishing transaction; linking an item to an entry already out
// sends it too), every voter of those items who left an email is told once. The row in
// roadmap_notifications (unique per item and address, case-insensitive) is written in the same
// transaction as the queued mail, so unpublishing and publishing again, a retried job or two jobs at
// once never send a second mail for the same item to the same address.
//
// A voter who is also a confirmed subscriber of the workspace whose preference takes this entry (all
// updates; major releases for a major entry; digest) hears about it from features/subscribers' mail of
// the same entry: the notification row is written (they count as told) and no second mail is queued.
// That reads the subscribers table with the same rule as subscribers.delivery.ts fanOutEntry.
import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../../app-context.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { queueEmail } from '../mail/mail.service.ts';
import { publicEntryUrl } from '../public-changelog/public-changelog.urls.ts';
import { subscribers } from '../subscribers/subscribers.table.ts';
import { upvotes } from '../upvotes/upvotes.table.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';
import { entryStatusOf, itemsOfEntry } from './roadmap.queries.ts';
import { roadmapNotifications } from './roadmap.table.ts';
import { publicRoadmapUrl } from './roadmap.urls.ts';

export const entryPublishedJobSchema = z.object({ entryId: z.string().min(1) });

export function shippedEmail(input: {
  workspaceName: string;
  itemTitle: string;
  entryTitle: string;
  entryUrl: string;
  roadmapUrl: string;
}) {
  const subject = `Shipped: ${input.itemTitle}`.slice(0, 200);
  const text = [
    `You asked ${input.workspaceName} to tell you when "${input.itemTitle}" ships. It has:`,
    '',
    `${input.entryTitle}`,
    input.entryUrl,
    '',
    `The roadmap: ${input.roadmapUrl}`,
    '',
    'You get this once, because you left this address with your vote.',
  ].join('\n');
  return { subject, text };
}

export async function runEntryPublished(deps: AppDeps, job: z.infer<typeof entryPublishedJobSchema>) {
  const entry = await entryStatusOf(deps.db, job.entryId);
  if (entry?.status !== 'published') return { sent: 0 };
  const [entryRow] = await deps.db
    .select({ major: changelogEntries.major })
    .from(changelogEntries)
    .where(eq(changelogEntries.id, entry.id));
  const [workspace] = await deps.db
    .select({ name: workspaces.name, slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, entry.workspaceId));
  if (!workspace) return { sent: 0 };
  let sent = 0;
  for (const item of await itemsOfEntry(deps.db, entry.id)) {
    if (item.workspaceId !== entry.workspaceId) continue;
    sent += await deps.db.transaction(async (tx) => {
      const voters = await tx
        .selectDistinctOn([sql`lower(${upvotes.email})`], { email: upvotes.email })
        .from(upvotes)
        .where(and(eq(upvotes.itemId, item.id), isNotNull(upvotes.email)));
      const addresses = voters.map((v) => (v.email ?? '').trim().toLowerCase()).filter(Boolean);
      const subscribed = new Set(
        addresses.length === 0
          ? []
          : (
              await tx
                .select({ email: subscribers.email })
                .from(subscribers)
                .where(
                  and(
                    eq(subscribers.workspaceId, entry.workspaceId),
                    eq(subscribers.status, 'confirmed'),
                    inArray(sql`lower(${subscribers.email})`, addresses),
                    or(
                      inArray(subscribers.preference, ['all', 'digest']),
                      entryRow?.major ? eq(subscribers.preference, 'major') : sql`false`,
                    ),
                  ),
                )
            ).map((row) => row.email.toLowerCase()),
      );
      let queued = 0;
      for (const voter of voters) {
        if (!voter.email) continue;
        const [row] = await tx
          .insert(roadmapNotifications)
          .values({ itemId: item.id, email: voter.email, entryId: entry.id, createdAt: deps.clock.now() })
          .onConflictDoNothing()
          .returning({ id: roadmapNotifications.id });
        if (!row || subscribed.has(voter.email.trim().toLowerCase())) continue;
        const mail = shippedEmail({
          workspaceName: workspace.name,
          itemTitle: item.title,
          entryTitle: entry.title,
          entryUrl: publicEntryUrl(deps.config.publicUrl, workspace.slug, entry.slug),
          roadmapUrl: publicRoadmapUrl(deps.config.publicUrl, workspace.slug),
        });
        await queueEmail(deps, { to: voter.email, ...mail, kind: 'roadmap_shipped' }, tx);
        queued += 1;
      }
      return queued;
    });
  }
  if (sent > 0) deps.log.info({ entryId: entry.id, sent }, 'roadmap voters told an item shipped');
  return { sent };
}
