import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp, waitFor } from '../../../../../test/harness.ts';
import { sessions, users } from '../../auth/auth.table.ts';
import { workspaceMembers, workspaces } from '../../workspaces/workspaces.table.ts';
import { processWebhookEvent } from '../webhooks.service.ts';
import { webhookEvents } from '../webhooks.table.ts';
import { clerkHandlers } from './clerk.routes.ts';

const secret = `whsec_${randomBytes(24).toString('base64')}`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { CLERK_WEBHOOK_SECRET: secret } });
});
afterAll(() => t.close());

interface Delivery {
  id?: string;
  date?: Date;
  signWith?: string;
  /** Sign this body but send the real one (a tampered delivery). */
  signedBody?: string;
}

/** Posts a Clerk event signed the way Svix signs it. */
function deliver(type: string, data: unknown, options: Delivery = {}) {
  const body = JSON.stringify({ object: 'event', type, data, timestamp: Date.now() });
  const id = options.id ?? `msg_${randomUUID()}`;
  const date = options.date ?? new Date();
  const signature = new Webhook(options.signWith ?? secret).sign(id, date, options.signedBody ?? body);
  return {
    id,
    send: () =>
      t.call('POST', '/webhooks/clerk', {
        rawBody: body,
        headers: {
          'content-type': 'application/json',
          'svix-id': id,
          'svix-timestamp': String(Math.floor(date.getTime() / 1000)),
          'svix-signature': signature,
        },
      }),
  };
}

function clerkUser(id: string, email: string | null, first = 'Clerk', last = 'Person') {
  return {
    id,
    object: 'user',
    first_name: first,
    last_name: last,
    primary_email_address_id: email ? `idn_${id}` : null,
    email_addresses: email
      ? [{ id: `idn_${id}`, email_address: email, verification: { status: 'verified' } }]
      : [],
  };
}

async function eventRow(svixId: string) {
  const [row] = await t.deps.db
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.source, 'clerk'), eq(webhookEvents.externalId, svixId)));
  return row ?? null;
}

function processed(svixId: string) {
  return waitFor(async () => {
    const row = await eventRow(svixId);
    return row?.processed ? row : null;
  });
}

async function userByExternalId(externalId: string) {
  const [row] = await t.deps.db.select().from(users).where(eq(users.externalId, externalId));
  return row ?? null;
}

async function createClerkUser(id: string, email: string, first?: string, last?: string) {
  const delivery = deliver('user.created', clerkUser(id, email, first, last));
  expect((await delivery.send()).status).toBe(200);
  await processed(delivery.id);
  const user = await userByExternalId(id);
  if (!user) throw new Error(`user ${id} not created`);
  return user;
}

describe('Clerk webhooks', () => {
  it('user.created makes a user with a personal workspace', async () => {
    const user = await createClerkUser('user_alpha', 'Alpha@Example.com', 'Ada', 'Lovelace');
    expect(user).toMatchObject({ email: 'alpha@example.com', name: 'Ada Lovelace', emailVerified: true });
    const memberships = await t.deps.db
      .select({ role: workspaceMembers.role, isPersonal: workspaces.isPersonal })
      .from(workspaceMembers)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
      .where(eq(workspaceMembers.userId, user.id));
    expect(memberships).toEqual([{ role: 'owner', isPersonal: true }]);
  });

  it('five identical deliveries store one event and make one user', async () => {
    const delivery = deliver('user.created', clerkUser('user_echo', 'echo@example.com'));
    const responses = await Promise.all(Array.from({ length: 5 }, () => delivery.send()));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ duplicate: boolean }>));
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    await processed(delivery.id);
    // One more after processing is still a no-op.
    expect((await delivery.send()).status).toBe(200);

    const events = await t.deps.db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.externalId, delivery.id));
    expect(events).toHaveLength(1);
    const made = await t.deps.db.select().from(users).where(eq(users.email, 'echo@example.com'));
    expect(made).toHaveLength(1);
    const owned = await t.deps.db
      .select()
      .from(workspaceMembers)
      .where(eq(workspaceMembers.userId, made[0]?.id ?? ''));
    expect(owned).toHaveLength(1);
  });

  it('a user without an email address is refused with 400 and nothing is stored', async () => {
    for (const type of ['user.created', 'user.updated']) {
      const delivery = deliver(type, clerkUser(`user_noemail_${type}`, null));
      const response = await delivery.send();
      expect(response.status, type).toBe(400);
      expect(await eventRow(delivery.id)).toBeNull();
    }
    expect(await userByExternalId('user_noemail_user.created')).toBeNull();
  });

  it('a bad signature is a 401 and writes nothing', async () => {
    const before = await t.deps.db.select().from(webhookEvents);
    const otherSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const wrongKey = deliver('user.created', clerkUser('user_forged', 'forged@example.com'), {
      signWith: otherSecret,
    });
    expect((await wrongKey.send()).status).toBe(401);
    const tampered = deliver('user.created', clerkUser('user_tampered', 'tampered@example.com'), {
      signedBody: JSON.stringify({ type: 'user.created', data: {} }),
    });
    expect((await tampered.send()).status).toBe(401);
    const unsigned = await t.call('POST', '/webhooks/clerk', {
      rawBody: JSON.stringify({
        type: 'user.created',
        data: clerkUser('user_unsigned', 'unsigned@example.com'),
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({
      error: { code: 'invalid_signature', message: expect.any(String) },
    });

    expect(await t.deps.db.select().from(webhookEvents)).toEqual(before);
    for (const id of ['user_forged', 'user_tampered', 'user_unsigned'])
      expect(await userByExternalId(id)).toBeNull();
  });

  it('a delivery signed long ago is refused as stale', async () => {
    const delivery = deliver('user.created', clerkUser('user_stale', 'stale@example.com'), {
      date: new Date(Date.now() - 10 * 60_000),
    });
    expect((await delivery.send()).status).toBe(401);
    expect(await eventRow(delivery.id)).toBeNull();
  });

  it('user.updated changes the name and the email', async () => {
    await createClerkUser('user_change', 'before@example.com', 'Before', 'Name');
    const delivery = deliver('user.updated', clerkUser('user_change', 'after@example.com', 'After', 'Name'));
    expect((await delivery.send()).status).toBe(200);
    await processed(delivery.id);
    expect(await userByExternalId('user_change')).toMatchObject({
      name: 'After Name',
      email: 'after@example.com',
    });
  });

  it('user.deleted schedules the deletion and signs the user out', async () => {
    const local = await signUp(t, 'leaving@example.com', 'Lee');
    // The Clerk user with the same address is linked to the existing account.
    await createClerkUser('user_leaving', 'leaving@example.com');
    expect((await userByExternalId('user_leaving'))?.id).toBe(local.userId);
    expect((await t.call('GET', '/api/v1/me', { cookie: local.cookie })).status).toBe(200);

    const delivery = deliver('user.deleted', { id: 'user_leaving', object: 'user', deleted: true });
    expect((await delivery.send()).status).toBe(200);
    await processed(delivery.id);
    const user = await userByExternalId('user_leaving');
    expect(user?.status).toBe('inactive');
    expect(user?.deletionScheduledFor?.getTime()).toBeGreaterThan(Date.now());
    expect(await t.deps.db.select().from(sessions).where(eq(sessions.userId, local.userId))).toEqual([]);
    expect((await t.call('GET', '/api/v1/me', { cookie: local.cookie })).status).toBe(401);
  });

  it('organization.created makes a workspace owned by its creator, and a membership adds a member with the mapped role', async () => {
    const creator = await createClerkUser('user_org_owner', 'org-owner@example.com');
    const joiner = await createClerkUser('user_org_admin', 'org-admin@example.com');
    const org = deliver('organization.created', {
      id: 'org_acme',
      object: 'organization',
      name: 'Acme Inc',
      created_by: 'user_org_owner',
    });
    expect((await org.send()).status).toBe(200);
    await processed(org.id);
    const [workspace] = await t.deps.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.externalId, 'org_acme'));
    expect(workspace).toMatchObject({ name: 'Acme Inc', isPersonal: false });

    const membership = deliver('organizationMembership.created', {
      id: 'orgmem_1',
      object: 'organization_membership',
      role: 'org:admin',
      organization: { id: 'org_acme', name: 'Acme Inc' },
      public_user_data: { user_id: 'user_org_admin' },
    });
    expect((await membership.send()).status).toBe(200);
    await processed(membership.id);
    const members = await t.deps.db
      .select({ userId: workspaceMembers.userId, role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(eq(workspaceMembers.workspaceId, workspace?.id ?? ''));
    expect(members.sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { userId: joiner.id, role: 'admin' },
      { userId: creator.id, role: 'owner' },
    ]);
  });

  it('a membership that arrives before its organization fails, is retried, and lands once the organization exists', async () => {
    const member = await createClerkUser('user_early', 'early@example.com');
    await createClerkUser('user_late_owner', 'late-owner@example.com');
    const membership = deliver('organizationMembership.created', {
      id: 'orgmem_early',
      role: 'org:member',
      organization: { id: 'org_late' },
      public_user_data: { user_id: 'user_early' },
    });
    expect((await membership.send()).status).toBe(200);
    const failed = await waitFor(async () => {
      const row = await eventRow(membership.id);
      return row && row.retryCount >= 1 ? row : null;
    });
    expect(failed.processed).toBe(false);
    expect(failed.error).toContain('not known yet');

    const org = deliver('organization.created', {
      id: 'org_late',
      name: 'Late Org',
      created_by: 'user_late_owner',
    });
    expect((await org.send()).status).toBe(200);
    await processed(org.id);

    // What the queue's next retry does, without waiting for its backoff.
    await processWebhookEvent(t.deps, { clerk: clerkHandlers }, failed.id);
    const done = await processed(membership.id);
    expect(done.processedAt).toBeInstanceOf(Date);
    const [workspace] = await t.deps.db
      .select()
      .from(workspaces)
      .where(eq(workspaces.externalId, 'org_late'));
    const [row] = await t.deps.db
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(
        and(eq(workspaceMembers.workspaceId, workspace?.id ?? ''), eq(workspaceMembers.userId, member.id)),
      );
    expect(row?.role).toBe('member');
  });

  it('an event type Herald does not use is acknowledged and kept as ignored', async () => {
    const delivery = deliver('session.created', { id: 'sess_1', user_id: 'user_alpha' });
    expect((await delivery.send()).status).toBe(200);
    const row = await processed(delivery.id);
    expect(row.error).toContain('no handler');
  });
});
