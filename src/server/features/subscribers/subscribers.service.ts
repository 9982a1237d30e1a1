// Subscribers: sign-up with double opt-in, confirmation, one-click unsubscribe, preferences, and the
// workspace's view (list, delete, CSV import and export, delivery log).
//
// Sign-up answers the same whatever the address's state (no address enumeration). A confirmation mail
// is sent at most SUBSCRIBER_CONFIRM_PER_ADDRESS_PER_HOUR times per address and
// SUBSCRIBER_CONFIRM_PER_IP_PER_HOUR times per client IP in any hour; the limits count keyed hashes in
// `subscriber_confirmation_sends`, never the address or IP. Only the button on the confirmation page
// (a POST) confirms: a GET of the link — what mail scanners do — changes nothing.
import { and, desc, eq, gt, ilike, sql } from 'drizzle-orm';
import type { AppDeps, RequestInfo } from '../../app-context.ts';
import { randomToken } from '../../platform/crypto.ts';
import { parseCsv, toCsv } from '../../platform/csv.ts';
import type { Database } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type Cursor, nextCursorOf, olderThan } from '../../platform/pagination.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';
import { queueEmail } from '../mail/mail.service.ts';
import type { WorkspaceAccess } from '../workspaces/workspace-access.ts';
import {
  confirmLink,
  emailLimitKey,
  ipLimitKey,
  normalizeEmail,
  tokenHash,
  userAgentClass,
} from './subscribers.links.ts';
import { confirmationMail } from './subscribers.mail.ts';
import {
  type SubscriberPreference,
  type SubscriberSource,
  type SubscriberStatus,
  subscriberConfirmationSends,
  subscriberDeliveries,
  subscriberPreferences,
  subscribers,
} from './subscribers.table.ts';

export const entryPublishedJobName = 'subscribers.entry-published';
export const confirmTokenHours = 48;
export const maxImportRows = 10_000;
const emailPattern = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

export const isValidEmail = (email: string) => email.length <= 254 && emailPattern.test(email);

type Deps = Pick<AppDeps, 'db' | 'queue' | 'clock' | 'config' | 'authSecret' | 'log'>;
export type SubscriberRow = typeof subscribers.$inferSelect;

/** Audit entries from the public side: who is anonymous, and the IP is left out (issue 7: no IP stored). */
export function publicAudit(deps: Pick<AppDeps, 'authSecret'>, request: RequestInfo | null): AuditContext {
  return {
    actor: { type: 'anonymous' },
    request: request ? { ...request, ipAddress: null } : null,
    piiSecret: deps.authSecret,
  };
}

export function presentSubscriber(row: SubscriberRow) {
  return {
    id: row.id,
    email: row.email,
    status: row.status,
    preference: row.preference,
    source: row.source,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    confirmedVia: row.confirmedVia,
    unsubscribedAt: row.unsubscribedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// ——— public side ———

export interface SubscribeInput {
  workspace: { id: string; name: string };
  email: string;
  preference: SubscriberPreference;
  source: SubscriberSource;
  request: RequestInfo;
}

export type SubscribeOutcome = 'mailed' | 'already_confirmed' | 'limited';

/** The outcome is for logs and tests only: callers answer every outcome the same way. */
export async function subscribe(deps: Deps, input: SubscribeInput): Promise<SubscribeOutcome> {
  const email = normalizeEmail(input.email);
  if (!isValidEmail(email)) {
    throw new AppError('validation_failed', 'Give a valid email address', [
      { path: 'email', message: 'Not an email address' },
    ]);
  }
  const now = deps.clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const emailKey = emailLimitKey(deps.authSecret, email);
  const ipKey = input.request.ipAddress ? ipLimitKey(deps.authSecret, input.request.ipAddress) : null;
  // Sending inside the transaction below: the queue must exist first (see Queue.ensureQueue).
  await deps.queue.ensureQueue('mail.send');
  return deps.db.transaction(async (tx) => {
    // One sign-up per address at a time, so two racing requests cannot both pass the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${emailKey}))`);
    const [existing] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.workspaceId, input.workspace.id), eq(subscribers.email, email)));
    if (existing?.status === 'confirmed') return 'already_confirmed';
    const [byEmail] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(subscriberConfirmationSends)
      .where(
        and(
          eq(subscriberConfirmationSends.emailKey, emailKey),
          gt(subscriberConfirmationSends.createdAt, hourAgo),
        ),
      );
    if ((byEmail?.n ?? 0) >= deps.config.SUBSCRIBER_CONFIRM_PER_ADDRESS_PER_HOUR) return 'limited';
    if (ipKey) {
      const [byIp] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(subscriberConfirmationSends)
        .where(
          and(
            eq(subscriberConfirmationSends.ipKey, ipKey),
            gt(subscriberConfirmationSends.createdAt, hourAgo),
          ),
        );
      if ((byIp?.n ?? 0) >= deps.config.SUBSCRIBER_CONFIRM_PER_IP_PER_HOUR) return 'limited';
    }
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + confirmTokenHours * 3_600_000);
    const [row] = await tx
      .insert(subscribers)
      .values({
        workspaceId: input.workspace.id,
        email,
        status: 'pending',
        preference: input.preference,
        source: input.source,
        confirmTokenHash: tokenHash(token),
        confirmTokenExpiresAt: expiresAt,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [subscribers.workspaceId, subscribers.email],
        set: {
          preference: input.preference,
          confirmTokenHash: tokenHash(token),
          confirmTokenExpiresAt: expiresAt,
          updatedAt: now,
        },
      })
      .returning();
    if (!row) throw new Error('subscriber row not written');
    await tx.insert(subscriberConfirmationSends).values({ emailKey, ipKey, createdAt: now });
    const mail = confirmationMail(
      { publicUrl: deps.config.publicUrl, secret: deps.authSecret, subscriberId: row.id },
      input.workspace.name,
      confirmLink(deps.config.publicUrl, token),
    );
    await queueEmail(deps, { to: email, kind: 'subscriber_confirmation', ...mail }, tx);
    await recordAudit(tx, publicAudit(deps, input.request), {
      action: 'subscriber.signup',
      entityType: 'subscriber',
      entityId: row.id,
      workspaceId: input.workspace.id,
      details: { source: input.source, preference: input.preference },
    });
    return 'mailed';
  });
}

/** The subscriber a confirmation token names, if it is still usable. Reads only. */
export async function findByConfirmToken(deps: Pick<AppDeps, 'db' | 'clock'>, token: string) {
  if (!token || token.length > 200) return undefined;
  const [row] = await deps.db
    .select()
    .from(subscribers)
    .where(eq(subscribers.confirmTokenHash, tokenHash(token)));
  if (!row?.confirmTokenExpiresAt || row.confirmTokenExpiresAt <= deps.clock.now()) return undefined;
  return row;
}

/** The button: confirms, once, recording when and from what kind of browser. */
export async function confirmSubscription(
  deps: Deps,
  token: string,
  request: RequestInfo,
): Promise<SubscriberRow | undefined> {
  const found = await findByConfirmToken(deps, token);
  if (!found) return undefined;
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(subscribers)
      .set({
        status: 'confirmed',
        confirmedAt: now,
        confirmedVia: `page:${userAgentClass(request.userAgent)}`,
        unsubscribedAt: null,
        confirmTokenHash: null,
        confirmTokenExpiresAt: null,
        updatedAt: now,
      })
      .where(and(eq(subscribers.id, found.id), eq(subscribers.confirmTokenHash, tokenHash(token))))
      .returning();
    if (!row) return undefined;
    await recordAudit(tx, publicAudit(deps, request), {
      action: 'subscriber.confirmed',
      entityType: 'subscriber',
      entityId: row.id,
      workspaceId: row.workspaceId,
      details: { via: row.confirmedVia },
    });
    return row;
  });
}

export async function findSubscriber(db: Database, subscriberId: string) {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.id, subscriberId));
  return row;
}

/** One-click (RFC 8058) or the page's button; unsubscribing twice changes nothing the second time. */
export async function unsubscribe(
  deps: Deps,
  subscriberId: string,
  request: RequestInfo,
  via: 'one-click' | 'page',
): Promise<SubscriberRow | undefined> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(subscribers)
      .where(eq(subscribers.id, subscriberId))
      .for('update');
    if (!current) return undefined;
    if (current.status === 'unsubscribed') return current;
    const [row] = await tx
      .update(subscribers)
      .set({
        status: 'unsubscribed',
        unsubscribedAt: now,
        confirmTokenHash: null,
        confirmTokenExpiresAt: null,
        updatedAt: now,
      })
      .where(eq(subscribers.id, subscriberId))
      .returning();
    await recordAudit(tx, publicAudit(deps, request), {
      action: 'subscriber.unsubscribed',
      entityType: 'subscriber',
      entityId: subscriberId,
      workspaceId: current.workspaceId,
      details: { via, from: current.status },
    });
    return row;
  });
}

export async function changePreference(
  deps: Deps,
  subscriberId: string,
  preference: SubscriberPreference,
  request: RequestInfo,
): Promise<SubscriberRow | undefined> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(subscribers)
      .set({ preference, updatedAt: now })
      .where(eq(subscribers.id, subscriberId))
      .returning();
    if (!row) return undefined;
    await recordAudit(tx, publicAudit(deps, request), {
      action: 'subscriber.preference_changed',
      entityType: 'subscriber',
      entityId: subscriberId,
      workspaceId: row.workspaceId,
      details: { preference },
    });
    return row;
  });
}

// ——— workspace side ———

export async function listSubscribers(
  deps: Pick<AppDeps, 'db'>,
  access: WorkspaceAccess,
  query: { q?: string; status?: SubscriberStatus; cursor?: Cursor; limit: number },
) {
  const search = query.q?.trim().toLowerCase();
  const rows = await deps.db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.workspaceId, access.workspaceId),
        query.status ? eq(subscribers.status, query.status) : undefined,
        search ? ilike(subscribers.email, `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`) : undefined,
        olderThan(query.cursor, subscribers.createdAt, subscribers.id),
      ),
    )
    .orderBy(desc(subscribers.createdAt), desc(subscribers.id))
    .limit(query.limit + 1);
  const [counts] = await deps.db
    .select({
      total: sql<number>`count(*)::int`,
      confirmed: sql<number>`(count(*) filter (where ${subscribers.status} = 'confirmed'))::int`,
      pending: sql<number>`(count(*) filter (where ${subscribers.status} = 'pending'))::int`,
      unsubscribed: sql<number>`(count(*) filter (where ${subscribers.status} = 'unsubscribed'))::int`,
    })
    .from(subscribers)
    .where(eq(subscribers.workspaceId, access.workspaceId));
  return {
    items: rows.slice(0, query.limit).map(presentSubscriber),
    nextCursor: nextCursorOf(rows, query.limit),
    counts: counts ?? { total: 0, confirmed: 0, pending: 0, unsubscribed: 0 },
  };
}

async function subscriberInWorkspace(db: Database, access: WorkspaceAccess, subscriberId: string) {
  const [row] = await db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.workspaceId, access.workspaceId), eq(subscribers.id, subscriberId)));
  if (!row) throw notFound('Subscriber');
  return row;
}

export async function deleteSubscriber(
  deps: Pick<AppDeps, 'db'>,
  audit: AuditContext,
  access: WorkspaceAccess,
  subscriberId: string,
) {
  const row = await subscriberInWorkspace(deps.db, access, subscriberId);
  await deps.db.transaction(async (tx) => {
    await tx.delete(subscribers).where(eq(subscribers.id, row.id));
    await recordAudit(tx, audit, {
      action: 'subscriber.deleted',
      entityType: 'subscriber',
      entityId: row.id,
      workspaceId: access.workspaceId,
      details: { email: row.email },
    });
  });
}

export async function deliveryLog(
  deps: Pick<AppDeps, 'db'>,
  access: WorkspaceAccess,
  subscriberId: string,
  query: { cursor?: Cursor; limit: number },
) {
  const subscriber = await subscriberInWorkspace(deps.db, access, subscriberId);
  const rows = await deps.db
    .select({
      id: subscriberDeliveries.id,
      entryId: subscriberDeliveries.entryId,
      entryTitle: changelogEntries.title,
      kind: subscriberDeliveries.kind,
      status: subscriberDeliveries.status,
      attempts: subscriberDeliveries.attempts,
      lastError: subscriberDeliveries.lastError,
      createdAt: subscriberDeliveries.createdAt,
      sentAt: subscriberDeliveries.sentAt,
    })
    .from(subscriberDeliveries)
    .innerJoin(changelogEntries, eq(changelogEntries.id, subscriberDeliveries.entryId))
    .where(
      and(
        eq(subscriberDeliveries.subscriberId, subscriber.id),
        olderThan(query.cursor, subscriberDeliveries.createdAt, subscriberDeliveries.id),
      ),
    )
    .orderBy(desc(subscriberDeliveries.createdAt), desc(subscriberDeliveries.id))
    .limit(query.limit + 1);
  return {
    subscriber: presentSubscriber(subscriber),
    items: rows.slice(0, query.limit).map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
    })),
    nextCursor: nextCursorOf(rows, query.limit),
  };
}

/** Deliveries of one entry by status (the workspace's view of a send in progress). */
export async function entryDeliverySummary(
  deps: Pick<AppDeps, 'db'>,
  access: WorkspaceAccess,
  entryId: string,
) {
  const [entry] = await deps.db
    .select({ id: changelogEntries.id })
    .from(changelogEntries)
    .where(and(eq(changelogEntries.workspaceId, access.workspaceId), eq(changelogEntries.id, entryId)));
  if (!entry) throw notFound('Entry');
  const rows = await deps.db
    .select({ status: subscriberDeliveries.status, n: sql<number>`count(*)::int` })
    .from(subscriberDeliveries)
    .where(
      and(
        eq(subscriberDeliveries.workspaceId, access.workspaceId),
        eq(subscriberDeliveries.entryId, entryId),
      ),
    )
    .groupBy(subscriberDeliveries.status);
  const summary = { queued: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of rows) summary[row.status] = row.n;
  return summary;
}

const exportHeader = [
  'email',
  'status',
  'preference',
  'source',
  'confirmed_at',
  'unsubscribed_at',
  'created_at',
] as const;

export async function exportSubscribers(deps: Pick<AppDeps, 'db'>, access: WorkspaceAccess): Promise<string> {
  const rows = await deps.db
    .select()
    .from(subscribers)
    .where(eq(subscribers.workspaceId, access.workspaceId))
    .orderBy(subscribers.createdAt, subscribers.id);
  return toCsv(
    exportHeader,
    rows.map((row) => [
      row.email,
      row.status,
      row.preference,
      row.source,
      row.confirmedAt?.toISOString() ?? '',
      row.unsubscribedAt?.toISOString() ?? '',
      row.createdAt.toISOString(),
    ]),
  );
}

export interface ImportProblem {
  row: number;
  errors: Array<{ path: string; message: string }>;
}

/**
 * Already-confirmed subscribers from CSV (a header with `email`, optionally `preference`; an export's
 * other columns are ignored, and its unsubscribed rows are skipped so an unsubscribe survives a
 * round trip). Every row is checked on its own; the good ones are written in one transaction with
 * source `import`. An address already in the workspace is left as it is (reported as `existing`).
 */
export async function importSubscribers(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  audit: AuditContext,
  access: WorkspaceAccess,
  text: string,
) {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    throw new AppError('validation_failed', `CSV: ${parsed.problem.message}`, [
      { path: `line ${parsed.problem.line}`, message: parsed.problem.message },
    ]);
  }
  const [header, ...body] = parsed.rows;
  const columns = (header ?? []).map((cell) => cell.trim().toLowerCase());
  const emailAt = columns.indexOf('email');
  if (emailAt < 0) {
    throw new AppError('validation_failed', 'The first line must be a header with an `email` column', [
      { path: 'header', message: 'No email column' },
    ]);
  }
  if (body.length === 0) throw new AppError('validation_failed', 'The file has no rows after the header');
  if (body.length > maxImportRows) {
    throw new AppError('validation_failed', `At most ${maxImportRows} rows per import`, [
      { path: 'rows', message: `${body.length} rows` },
    ]);
  }
  const preferenceAt = columns.indexOf('preference');
  const statusAt = columns.indexOf('status');
  const rejected: ImportProblem[] = [];
  const good = new Map<string, { row: number; preference: SubscriberPreference }>();
  let skipped = 0;
  body.forEach((cells, index) => {
    const row = index + 1;
    const email = normalizeEmail(cells[emailAt] ?? '');
    const errors: ImportProblem['errors'] = [];
    if (!isValidEmail(email)) errors.push({ path: 'email', message: 'Not an email address' });
    const rawPreference =
      (preferenceAt >= 0 ? (cells[preferenceAt] ?? '') : '').trim().toLowerCase() || 'all';
    if (!(subscriberPreferences as readonly string[]).includes(rawPreference)) {
      errors.push({ path: 'preference', message: `One of ${subscriberPreferences.join(', ')}` });
    }
    if (good.has(email)) errors.push({ path: 'email', message: 'Already in this file' });
    if (errors.length > 0) {
      rejected.push({ row, errors });
      return;
    }
    if (statusAt >= 0 && (cells[statusAt] ?? '').trim().toLowerCase() === 'unsubscribed') {
      skipped++;
      return;
    }
    good.set(email, { row, preference: rawPreference as SubscriberPreference });
  });
  if (good.size === 0 && rejected.length > 0) {
    throw new AppError('validation_failed', 'No row could be imported', rejected);
  }
  const now = deps.clock.now();
  const values = [...good.entries()].map(([email, item]) => ({
    workspaceId: access.workspaceId,
    email,
    status: 'confirmed' as const,
    preference: item.preference,
    source: 'import' as const,
    confirmedAt: now,
    confirmedVia: 'import',
    createdAt: now,
    updatedAt: now,
  }));
  let imported = 0;
  await deps.db.transaction(async (tx) => {
    for (let start = 0; start < values.length; start += 1000) {
      const written = await tx
        .insert(subscribers)
        .values(values.slice(start, start + 1000))
        .onConflictDoNothing({ target: [subscribers.workspaceId, subscribers.email] })
        .returning({ id: subscribers.id });
      imported += written.length;
    }
    await recordAudit(tx, audit, {
      action: 'subscribers.imported',
      entityType: 'workspace',
      entityId: access.workspaceId,
      workspaceId: access.workspaceId,
      details: { imported, existing: values.length - imported, rejected: rejected.length, skipped },
    });
  });
  return { imported, existing: values.length - imported, skipped, rejected };
}

/** A subscriber as it stands after some history (the demo seed). */
export interface SeedSubscriber {
  email: string;
  status: SubscriberStatus;
  preference: SubscriberPreference;
  source: SubscriberSource;
  createdAt: Date;
  /** Confirmed and unsubscribed subscribers: when they confirmed. */
  confirmedAt?: Date;
  /** Unsubscribed subscribers: when they left. */
  unsubscribedAt?: Date;
  /** Where the confirmation came from: `import`, or the page's button and browser class (default). */
  confirmedVia?: 'import' | `page:${string}`;
}

/**
 * Writes subscribers as they stand, in one transaction with one audit row. Nothing is mailed: no
 * confirmation token is made (a pending one has to sign up again to get a link) and no delivery is
 * queued. An address already in the workspace is left as it is. Returns how many were written.
 */
export async function seedSubscribers(
  deps: Pick<AppDeps, 'db'>,
  audit: AuditContext,
  access: WorkspaceAccess,
  rows: SeedSubscriber[],
): Promise<number> {
  const values = rows.map((row) => {
    const email = normalizeEmail(row.email);
    if (!isValidEmail(email)) throw new AppError('validation_failed', `Not an email address: ${row.email}`);
    const confirmedAt = row.status === 'pending' ? null : (row.confirmedAt ?? row.createdAt);
    const unsubscribedAt = row.status === 'unsubscribed' ? (row.unsubscribedAt ?? row.createdAt) : null;
    return {
      workspaceId: access.workspaceId,
      email,
      status: row.status,
      preference: row.preference,
      source: row.source,
      confirmedAt,
      confirmedVia: confirmedAt
        ? (row.confirmedVia ?? (row.source === 'import' ? 'import' : 'page:desktop'))
        : null,
      unsubscribedAt,
      createdAt: row.createdAt,
      updatedAt: unsubscribedAt ?? confirmedAt ?? row.createdAt,
    };
  });
  if (values.length === 0) return 0;
  return deps.db.transaction(async (tx) => {
    const written = await tx
      .insert(subscribers)
      .values(values)
      .onConflictDoNothing({ target: [subscribers.workspaceId, subscribers.email] })
      .returning({ id: subscribers.id });
    await recordAudit(tx, audit, {
      action: 'subscribers.seeded',
      entityType: 'workspace',
      entityId: access.workspaceId,
      workspaceId: access.workspaceId,
      details: { written: written.length, existing: values.length - written.length },
    });
    return written.length;
  });
}
