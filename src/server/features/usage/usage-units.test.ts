import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyFor, inviteWithToken } from '../../../../test/api-surface.ts';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { postForm } from '../../../../test/media-samples.ts';
import { putOnPlan } from '../../../../test/plan-fixtures.ts';
import { media } from '../../../../test/storage-media.ts';
import { createManualClock } from '../../platform/clock.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { notifications } from '../notifications/notifications.table.ts';
import { defaultFeatures } from '../plans/plans.catalogue.ts';
import { planBodySchema } from '../plans/plans.schemas.ts';
import { getPlanByKey, savePlan, setWorkspacePlan } from '../plans/plans.service.ts';
import type { MeteredUnit } from '../plans/plans.table.ts';
import { storageObjects } from '../storage/storage.table.ts';
import { brandProfiles, workspaceInvitations, workspaceMembers } from '../workspaces/workspaces.table.ts';
import { getUsageSummary } from './usage.service.ts';

// API calls, seats and videos: the units counted outside the generation metering.

type User = Awaited<ReturnType<typeof signUp>>;
const clock = createManualClock(new Date('2031-05-10T12:00:00.000Z'));
let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  // Small limits, every feature (so no route is refused for a missing feature).
  await savePlan(
    t.deps.db,
    systemAudit(t.deps.authSecret),
    planBodySchema.parse({
      key: 'tight',
      name: 'Tight',
      limits: { api_calls: 5, seats: 3, videos: 1 },
      features: defaultFeatures.map(([key]) => key),
    }),
  );
});
afterAll(() => t.close());

const newOwner = () => signUp(t, `units-${++counter}@example.com`, 'Una Units');

async function putOnTight(workspaceId: string) {
  const plan = await getPlanByKey(t.deps.db, 'tight');
  if (!plan) throw new Error('no tight plan');
  await setWorkspacePlan(t.deps.db, systemAudit(t.deps.authSecret), workspaceId, plan.id, 'manual');
}

async function used(workspaceId: string, unit: MeteredUnit) {
  const summary = await getUsageSummary(t.deps.db, workspaceId, clock.now());
  return summary.units.find((u) => u.unit === unit)?.used;
}

async function warningTitles(user: User) {
  const rows = await t.deps.db
    .select({ title: notifications.title })
    .from(notifications)
    .where(and(eq(notifications.userId, user.userId), eq(notifications.type, 'usage_warning')));
  return rows.map((r) => r.title);
}

describe('api calls', () => {
  it('each API-key call counts one, session calls none; at the limit a 429 comes before the route and is not counted', async () => {
    const owner = await newOwner();
    await putOnTight(owner.workspaceId);
    const { secret } = await createApiKeyFor(t, owner.cookie, owner.workspaceId, 'read_write');
    const path = `/api/v1/workspaces/${owner.workspaceId}`;
    for (let i = 0; i < 3; i++)
      expect((await t.call('GET', path, { cookie: owner.cookie })).status).toBe(200);
    expect(await used(owner.workspaceId, 'api_calls')).toBe(0);

    for (let i = 0; i < 4; i++) expect((await t.call('GET', path, { apiKey: secret })).status).toBe(200);
    expect(await used(owner.workspaceId, 'api_calls')).toBe(4);
    expect(await warningTitles(owner)).toEqual(['You have used 80% of your API calls']);
    expect((await t.call('GET', path, { apiKey: secret })).status).toBe(200);
    expect(await used(owner.workspaceId, 'api_calls')).toBe(5);

    const refused = await t.call('PUT', `${path}/brand`, { apiKey: secret, body: { brandName: 'Over' } });
    expect(refused.status).toBe(429);
    const body = await json<{ error: { code: string; message: string } }>(refused);
    expect(body.error.code).toBe('quota_exceeded');
    expect(body.error.message).toMatch(/the monthly limit of 5 API calls is reached/i);
    // The route did not run and the refused call was not counted.
    expect(
      await t.deps.db.select().from(brandProfiles).where(eq(brandProfiles.workspaceId, owner.workspaceId)),
    ).toEqual([]);
    expect(await used(owner.workspaceId, 'api_calls')).toBe(5);
    expect((await warningTitles(owner)).sort()).toEqual([
      'You have used 80% of your API calls',
      'You have used all your API calls',
    ]);
    // The session still works and is not counted.
    expect((await t.call('GET', path, { cookie: owner.cookie })).status).toBe(200);
    expect(await used(owner.workspaceId, 'api_calls')).toBe(5);
  });

  it('concurrent API-key calls past the limit count exactly the limit', async () => {
    const owner = await newOwner();
    await putOnTight(owner.workspaceId);
    const { secret } = await createApiKeyFor(t, owner.cookie, owner.workspaceId, 'read');
    const path = `/api/v1/workspaces/${owner.workspaceId}`;
    const statuses = await Promise.all(
      Array.from({ length: 9 }, async () => (await t.call('GET', path, { apiKey: secret })).status),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    expect(await used(owner.workspaceId, 'api_calls')).toBe(5);
  });
});

describe('seats', () => {
  const invite = (owner: User, email: string) =>
    t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/invitations`, {
      cookie: owner.cookie,
      body: { email, role: 'member' },
    });

  it('members plus pending invitations are the seats; an invitation past the limit is a 429 and re-inviting takes no seat', async () => {
    const owner = await newOwner();
    await putOnTight(owner.workspaceId);
    expect((await invite(owner, 'a@seats.example')).status).toBe(201);
    expect((await invite(owner, 'b@seats.example')).status).toBe(201);
    expect(await used(owner.workspaceId, 'seats')).toBe(3);
    // The same address again replaces its pending invitation.
    expect((await invite(owner, 'b@seats.example')).status).toBe(201);
    const refused = await invite(owner, 'c@seats.example');
    expect(refused.status).toBe(429);
    expect(await json(refused)).toMatchObject({
      error: { code: 'quota_exceeded', details: { unit: 'seats', used: 3, limit: 3 } },
    });
    const rows = await t.deps.db
      .select()
      .from(workspaceInvitations)
      .where(eq(workspaceInvitations.workspaceId, owner.workspaceId));
    expect(rows.map((r) => r.email)).not.toContain('c@seats.example');
    // An expired invitation frees its seat.
    clock.advance(t.config.INVITATION_TTL_HOURS * 3600_000 + 1000);
    expect(await used(owner.workspaceId, 'seats')).toBe(1);
    expect((await invite(owner, 'c@seats.example')).status).toBe(201);
  });

  it('two invitations at once for the last seat: one passes', async () => {
    const owner = await newOwner();
    await putOnTight(owner.workspaceId);
    expect((await invite(owner, 'first@race.example')).status).toBe(201);
    const statuses = await Promise.all([
      invite(owner, 'x@race.example').then((r) => r.status),
      invite(owner, 'y@race.example').then((r) => r.status),
    ]);
    expect(statuses.sort()).toEqual([201, 429]);
    expect(await used(owner.workspaceId, 'seats')).toBe(3);
  });

  it('accepting is refused when the members would pass a limit lowered after the invitation', async () => {
    const owner = await newOwner();
    await putOnPlan(t, owner.workspaceId, 'pro');
    const first = await newOwner();
    const second = await newOwner();
    const one = await inviteWithToken(t, owner.cookie, owner.workspaceId, first.email);
    const two = await inviteWithToken(t, owner.cookie, owner.workspaceId, second.email);
    await putOnPlan(t, owner.workspaceId, 'free'); // 2 seats
    const accept = (token: string, user: User) =>
      t.call('POST', `/api/v1/invitations/${token}/accept`, { cookie: user.cookie });
    expect((await accept(one.token, first)).status).toBe(200);
    const refused = await accept(two.token, second);
    expect(refused.status).toBe(429);
    expect(await json(refused)).toMatchObject({
      error: { code: 'quota_exceeded', details: { unit: 'seats' } },
    });
    const members = await t.deps.db
      .select()
      .from(workspaceMembers)
      .where(eq(workspaceMembers.workspaceId, owner.workspaceId));
    expect(members.map((m) => m.userId).sort()).toEqual([owner.userId, first.userId].sort());
  });
});

describe('videos and live gauges', () => {
  const uploadVideo = (user: User, fileName: string) =>
    postForm(
      t,
      `/api/v1/workspaces/${user.workspaceId}/storage-objects`,
      { purpose: 'media', file: { bytes: media.mp4(2048), fileName, type: 'video/mp4' } },
      { cookie: user.cookie },
    );
  const objectsOf = (workspaceId: string) =>
    t.deps.db.select().from(storageObjects).where(eq(storageObjects.workspaceId, workspaceId));

  it('free allows no video: 429 and nothing stored', async () => {
    const owner = await newOwner();
    const refused = await uploadVideo(owner, 'clip.mp4');
    expect(refused.status).toBe(429);
    expect(await json(refused)).toMatchObject({
      error: { code: 'quota_exceeded', details: { unit: 'videos' } },
    });
    expect(await objectsOf(owner.workspaceId)).toEqual([]);
    expect(await used(owner.workspaceId, 'videos')).toBe(0);
  });

  it('a video counts one, a delete does not give it back, and the summary shows seats, repositories and bytes live', async () => {
    const owner = await newOwner();
    await putOnTight(owner.workspaceId);
    const uploaded = await uploadVideo(owner, 'one.mp4');
    expect(uploaded.status).toBe(201);
    const object = await json<{ id: string; sizeBytes: number }>(uploaded);
    expect(await used(owner.workspaceId, 'videos')).toBe(1);
    expect(await used(owner.workspaceId, 'storage_bytes')).toBe(object.sizeBytes);
    expect(await used(owner.workspaceId, 'seats')).toBe(1);
    expect(await used(owner.workspaceId, 'connected_repos')).toBe(0);
    const deleted = await t.call(
      'DELETE',
      `/api/v1/workspaces/${owner.workspaceId}/storage-objects/${object.id}`,
      {
        cookie: owner.cookie,
      },
    );
    expect(deleted.status).toBe(204);
    expect(await used(owner.workspaceId, 'storage_bytes')).toBe(0);
    expect(await used(owner.workspaceId, 'videos')).toBe(1);
    expect((await uploadVideo(owner, 'two.mp4')).status).toBe(429);
    expect(await objectsOf(owner.workspaceId)).toHaveLength(1);
  });
});
