// Mail to subscribers when an entry is published.
//
// 1. `subscribers.entry-published {entryId}` (enqueued by publishInTransaction, in the publishing
//    transaction) writes one `subscriber_deliveries` row per matching confirmed subscriber with one
//    INSERT … SELECT … ON CONFLICT DO NOTHING: `all` → kind `entry`, `major` → kind `entry` only for a
//    major entry, `digest` → kind `digest`. The unique (subscriber, entry, kind) key means republishing
//    never queues a second message.
// 2. `subscribers.deliver` sends queued `entry` rows: it claims a batch (FOR UPDATE SKIP LOCKED, then a
//    lease: claim token + claimed_until), sends each message over the pooled SMTP transport and marks
//    that row `sent` right after the server accepted it. A retried or concurrent sender only ever
//    claims `queued` rows, so a `sent` row is never sent again. The one window: the SMTP server
//    accepted a message and the process died before the row was marked — that message goes again after
//    the lease. Each connection sends one message at a time, so the window holds at most
//    SUBSCRIBER_SMTP_CONNECTIONS messages (one with the default of 1).
// 3. `subscribers.digest` (cron SUBSCRIBER_DIGEST_CRON) sends each digest subscriber one mail with
//    all of their queued `digest` rows, then marks those rows sent.
// A failed message is retried with a doubling delay up to maxDeliveryAttempts, then marked `failed`.
// Rows of a subscriber who is no longer confirmed, or of an entry unpublished before its mail went
// out, are marked `skipped` (republishing does not send them: the unique key holds).
import { and, asc, eq, inArray, isNull, lt, min, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-context.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { markdownToText, renderMarkdownSafe } from '../public-changelog/markdown.ts';
import { publicEntryUrl } from '../public-changelog/public-changelog.urls.ts';
import { workspaces } from '../workspaces/workspaces.table.ts';
import { digestMail, entryMail, type MailEntry, type SubscriberMail } from './subscribers.mail.ts';
import {
  type DeliveryKind,
  subscriberConfirmationSends,
  subscriberDeliveries,
  subscribers,
} from './subscribers.table.ts';

export const deliverJobName = 'subscribers.deliver';
export const digestJobName = 'subscribers.digest';
export const purgeSendsJobName = 'subscribers.purge-confirmation-sends';
export const maxDeliveryAttempts = 5;

type Deps = Pick<AppDeps, 'db' | 'queue' | 'clock' | 'config' | 'authSecret' | 'mailer' | 'log'>;

/** Step 1: the rows for every matching subscriber, then the sender. Returns the rows written. */
export async function fanOutEntry(deps: Deps, entryId: string): Promise<number> {
  const [entry] = await deps.db
    .select({
      id: changelogEntries.id,
      workspaceId: changelogEntries.workspaceId,
      status: changelogEntries.status,
      major: changelogEntries.major,
    })
    .from(changelogEntries)
    .where(eq(changelogEntries.id, entryId));
  if (entry?.status !== 'published') return 0;
  const now = deps.clock.now().toISOString();
  const result = (await deps.db.execute(sql`
    insert into ${subscriberDeliveries} (id, workspace_id, subscriber_id, entry_id, kind, status, attempts, created_at)
    select gen_random_uuid()::text, s.workspace_id, s.id, ${entry.id},
           case when s.preference = 'digest' then 'digest' else 'entry' end, 'queued', 0, ${now}::timestamptz
    from ${subscribers} s
    where s.workspace_id = ${entry.workspaceId} and s.status = 'confirmed'
      and (s.preference in ('all', 'digest') or (s.preference = 'major' and ${entry.major}))
    on conflict (subscriber_id, entry_id, kind) do nothing`)) as unknown as {
    affectedRows?: number;
    rowCount?: number;
  };
  const written = result.rowCount ?? result.affectedRows ?? 0;
  await deps.queue.send(deliverJobName, {});
  return written;
}

interface EntryForMail extends MailEntry {
  workspaceName: string;
}

async function entriesForMail(deps: Deps, entryIds: string[]): Promise<Map<string, EntryForMail>> {
  if (entryIds.length === 0) return new Map();
  const rows = await deps.db
    .select({
      id: changelogEntries.id,
      title: changelogEntries.title,
      body: changelogEntries.body,
      slug: changelogEntries.slug,
      major: changelogEntries.major,
      workspaceSlug: workspaces.slug,
      workspaceName: workspaces.name,
    })
    .from(changelogEntries)
    .innerJoin(workspaces, eq(workspaces.id, changelogEntries.workspaceId))
    // An entry unpublished before its mail went out is not mailed (its rows become `skipped`).
    .where(and(inArray(changelogEntries.id, entryIds), eq(changelogEntries.status, 'published')));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        title: row.title,
        bodyHtml: renderMarkdownSafe(row.body),
        bodyText: markdownToText(row.body, 5000),
        url: publicEntryUrl(deps.config.publicUrl, row.workspaceSlug, row.slug),
        major: row.major,
        workspaceName: row.workspaceName,
      },
    ]),
  );
}

const retryDelayMs = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/** Claims up to `limit` queued rows of a kind whose lease is free; they are this sender's until the lease ends. */
async function claim(
  deps: Deps,
  kind: DeliveryKind,
  owner: string,
  limit: number,
  extra?: ReturnType<typeof eq>,
) {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.config.SUBSCRIBER_DELIVERY_LEASE_SECONDS * 1000);
  const claimable = deps.db
    .select({ id: subscriberDeliveries.id })
    .from(subscriberDeliveries)
    .where(
      and(
        eq(subscriberDeliveries.status, 'queued'),
        eq(subscriberDeliveries.kind, kind),
        or(isNull(subscriberDeliveries.claimedUntil), lt(subscriberDeliveries.claimedUntil, now)),
        extra,
      ),
    )
    .orderBy(asc(subscriberDeliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await deps.db
    .update(subscriberDeliveries)
    .set({ claimToken: owner, claimedUntil: leaseUntil })
    .where(inArray(subscriberDeliveries.id, claimable))
    .returning();
  return { rows, leaseUntil };
}

type DeliveryRow = typeof subscriberDeliveries.$inferSelect;

async function markSent(deps: Deps, ids: string[], owner: string) {
  await deps.db
    .update(subscriberDeliveries)
    .set({
      status: 'sent',
      sentAt: deps.clock.now(),
      attempts: sql`${subscriberDeliveries.attempts} + 1`,
      lastError: null,
      claimToken: null,
      claimedUntil: null,
    })
    .where(and(inArray(subscriberDeliveries.id, ids), eq(subscriberDeliveries.claimToken, owner)));
}

async function markFailedAttempt(deps: Deps, rows: DeliveryRow[], owner: string, error: unknown) {
  const attempts = (rows[0]?.attempts ?? 0) + 1;
  const giveUp = attempts >= maxDeliveryAttempts;
  await deps.db
    .update(subscriberDeliveries)
    .set({
      attempts,
      lastError: ((error as Error)?.message ?? String(error)).slice(0, 500),
      ...(giveUp
        ? { status: 'failed' as const, claimToken: null, claimedUntil: null }
        : { claimedUntil: new Date(deps.clock.now().getTime() + retryDelayMs(attempts)) }),
    })
    .where(
      and(
        inArray(
          subscriberDeliveries.id,
          rows.map((r) => r.id),
        ),
        eq(subscriberDeliveries.claimToken, owner),
      ),
    );
}

async function markSkipped(deps: Deps, ids: string[], owner: string) {
  if (ids.length === 0) return;
  await deps.db
    .update(subscriberDeliveries)
    .set({
      status: 'skipped',
      lastError: 'subscriber no longer confirmed, or entry no longer published',
      claimToken: null,
      claimedUntil: null,
    })
    .where(and(inArray(subscriberDeliveries.id, ids), eq(subscriberDeliveries.claimToken, owner)));
}

async function confirmedSubscribers(deps: Deps, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; email: string }>();
  const rows = await deps.db
    .select({ id: subscribers.id, email: subscribers.email })
    .from(subscribers)
    .where(and(inArray(subscribers.id, ids), eq(subscribers.status, 'confirmed')));
  return new Map(rows.map((row) => [row.id, row]));
}

async function send(deps: Deps, to: string, mail: SubscriberMail, deliveryId: string) {
  const domain = new URL(deps.config.publicUrl).hostname || 'herald';
  await deps.mailer.deliverBulk({
    from: deps.config.MAIL_FROM,
    to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // A stable Message-ID: a receiver that dedupes by it drops a copy sent again after a crash.
    headers: { ...mail.headers, 'Message-ID': `<${deliveryId}@${domain}>` },
  });
}

/** Step 2: sends queued `entry` rows until none is free; schedules itself again for leased or retried rows. */
export async function sendQueuedDeliveries(deps: Deps): Promise<{ sent: number; failed: number }> {
  const owner = crypto.randomUUID();
  const linkSecret = deps.authSecret;
  let sent = 0;
  let failed = 0;
  const lanes = Math.max(1, deps.config.SUBSCRIBER_SMTP_CONNECTIONS);
  for (;;) {
    const { rows, leaseUntil } = await claim(deps, 'entry', owner, deps.config.SUBSCRIBER_SEND_BATCH);
    if (rows.length === 0) break;
    const people = await confirmedSubscribers(deps, [...new Set(rows.map((r) => r.subscriberId))]);
    const entries = await entriesForMail(deps, [...new Set(rows.map((r) => r.entryId))]);
    await markSkipped(
      deps,
      rows.filter((r) => !people.has(r.subscriberId) || !entries.has(r.entryId)).map((r) => r.id),
      owner,
    );
    const todo = rows.filter((r) => people.has(r.subscriberId) && entries.has(r.entryId));
    // Stop early rather than send on a lease about to end: another sender may claim the row then.
    const safetyMs = Math.min(30_000, (deps.config.SUBSCRIBER_DELIVERY_LEASE_SECONDS * 1000) / 2);
    let next = 0;
    const lane = async () => {
      for (;;) {
        const row = todo[next++];
        if (!row) return;
        if (deps.clock.now().getTime() > leaseUntil.getTime() - safetyMs) return;
        const person = people.get(row.subscriberId);
        const entry = entries.get(row.entryId);
        if (!person || !entry) continue;
        const mail = entryMail(
          { publicUrl: deps.config.publicUrl, secret: linkSecret, subscriberId: person.id },
          entry.workspaceName,
          entry,
        );
        try {
          await send(deps, person.email, mail, row.id);
        } catch (error) {
          failed++;
          await markFailedAttempt(deps, [row], owner, error);
          continue;
        }
        await markSent(deps, [row.id], owner);
        sent++;
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    // Rows left (stopped early): free them for the next claim at once.
    await deps.db
      .update(subscriberDeliveries)
      .set({ claimToken: null, claimedUntil: null })
      .where(
        and(
          eq(subscriberDeliveries.claimToken, owner),
          eq(subscriberDeliveries.status, 'queued'),
          eq(subscriberDeliveries.claimedUntil, leaseUntil),
        ),
      );
  }
  await scheduleLeftovers(deps, 'entry');
  if (sent > 0 || failed > 0) deps.log.info({ sent, failed }, 'subscriber deliveries sent');
  return { sent, failed };
}

/** Queued rows that are leased (another sender, a crashed one) or waiting for a retry: look again then. */
async function scheduleLeftovers(deps: Deps, kind: DeliveryKind) {
  if (kind !== 'entry') return;
  const [row] = await deps.db
    .select({ next: min(subscriberDeliveries.claimedUntil) })
    .from(subscriberDeliveries)
    .where(and(eq(subscriberDeliveries.status, 'queued'), eq(subscriberDeliveries.kind, 'entry')));
  if (!row?.next) return;
  const delaySeconds = Math.max(1, Math.ceil((row.next.getTime() - deps.clock.now().getTime()) / 1000) + 1);
  await deps.queue.send(
    deliverJobName,
    {},
    { startAfter: delaySeconds, singletonKey: 'leftovers', singletonSeconds: delaySeconds },
  );
}

/** Step 3: one digest mail per subscriber with queued digest rows. */
export async function sendDigests(deps: Deps): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  const owner = crypto.randomUUID();
  for (;;) {
    const { rows } = await claim(deps, 'digest', owner, 2000);
    if (rows.length === 0) break;
    const bySubscriber = new Map<string, DeliveryRow[]>();
    for (const row of rows)
      bySubscriber.set(row.subscriberId, [...(bySubscriber.get(row.subscriberId) ?? []), row]);
    const people = await confirmedSubscribers(deps, [...bySubscriber.keys()]);
    const entries = await entriesForMail(deps, [...new Set(rows.map((r) => r.entryId))]);
    for (const [subscriberId, group] of bySubscriber) {
      const person = people.get(subscriberId);
      const items = group.filter((r) => entries.has(r.entryId));
      if (!person || items.length === 0) {
        await markSkipped(
          deps,
          group.map((r) => r.id),
          owner,
        );
        continue;
      }
      const mailEntries = items.map((r) => entries.get(r.entryId) as EntryForMail);
      const mail = digestMail(
        { publicUrl: deps.config.publicUrl, secret: deps.authSecret, subscriberId },
        mailEntries[0]?.workspaceName ?? '',
        mailEntries,
      );
      try {
        await send(deps, person.email, mail, `digest-${items[0]?.id}`);
      } catch (error) {
        failed++;
        await markFailedAttempt(deps, items, owner, error);
        continue;
      }
      await markSent(
        deps,
        items.map((r) => r.id),
        owner,
      );
      await deps.db
        .update(subscribers)
        .set({ lastDigestAt: deps.clock.now() })
        .where(eq(subscribers.id, subscriberId));
      sent++;
    }
  }
  if (sent > 0 || failed > 0) deps.log.info({ sent, failed }, 'subscriber digests sent');
  return { sent, failed };
}

/** The hourly limits look one hour back; older rows are of no use. */
export async function purgeConfirmationSends(deps: Pick<AppDeps, 'db' | 'clock'>) {
  const dayAgo = new Date(deps.clock.now().getTime() - 86_400_000);
  await deps.db.delete(subscriberConfirmationSends).where(lt(subscriberConfirmationSends.createdAt, dayAgo));
}
