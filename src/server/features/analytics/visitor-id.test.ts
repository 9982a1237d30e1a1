import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, waitFor } from '../../../../test/harness.ts';
import { changelogOwner } from '../../../../test/public-changelog-fixtures.ts';
import { createManualClock } from '../../platform/clock.ts';
import { hmacSha256Hex } from '../../platform/crypto.ts';
import { purgeSaltsJobName } from './analytics.jobs.ts';
import { analyticsSalts, analyticsVisitors } from './analytics.table.ts';
import { isBot } from './bots.ts';
import { visitorIdFor } from './visitor-id.ts';

// Visitor ids: a keyed hash under the UTC day's salt; the midnight overlap; old salts deleted.

const clock = createManualClock(new Date('2027-03-10T12:00:00Z'));
const t = await createTestApp({ clock });
afterAll(() => t.close());

const owner = await changelogOwner(t, 'visitor');
const site = owner.workspaceId;
const alice = { ip: '198.51.100.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0', site };
const bob = { ip: '198.51.100.8', userAgent: 'Mozilla/5.0 (Macintosh) Safari/605.1.15', site };

async function saltOf(day: string) {
  const [row] = await t.deps.db.select().from(analyticsSalts).where(eq(analyticsSalts.day, day));
  return row?.salt;
}
const expectedId = (salt: string, v: typeof alice) =>
  hmacSha256Hex(salt, `${v.ip}\u0000${v.userAgent}\u0000${v.site}`);

describe('visitorIdFor', () => {
  it('is a hex HMAC under the day salt, made once on first use, and differs per ip, agent and site', async () => {
    const first = await visitorIdFor(t.deps, alice);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const salt = await saltOf('2027-03-10');
    expect(salt).toBeDefined();
    expect(first).toBe(expectedId(salt as string, alice));
    // Concurrent first uses share the one salt.
    const again = await Promise.all([visitorIdFor(t.deps, alice), visitorIdFor(t.deps, alice)]);
    expect(again).toEqual([first, first]);
    expect(await t.deps.db.select().from(analyticsSalts)).toHaveLength(1);
    const others = await Promise.all([
      visitorIdFor(t.deps, bob),
      visitorIdFor(t.deps, { ...alice, ip: '198.51.100.9' }),
      visitorIdFor(t.deps, { ...alice, userAgent: 'Mozilla/5.0 Chrome/129' }),
      visitorIdFor(t.deps, { ...alice, site: 'another-workspace' }),
    ]);
    expect(new Set([first, ...others]).size).toBe(5);
  });

  it('changes with the next day’s salt for someone not seen the day before', async () => {
    const day1 = await visitorIdFor(t.deps, bob);
    clock.set(new Date('2027-03-11T09:00:00Z'));
    const day2 = await visitorIdFor(t.deps, bob);
    const salt2 = await saltOf('2027-03-11');
    expect(salt2).toBeDefined();
    expect(salt2).not.toBe(await saltOf('2027-03-10'));
    expect(day2).not.toBe(day1);
    expect(day2).toBe(expectedId(salt2 as string, bob));
  });

  it('keeps yesterday’s id today for a visitor seen yesterday (recorded in the database)', async () => {
    // Alice was counted on 2027-03-10 (a row another process may have written).
    const salt1 = (await saltOf('2027-03-10')) as string;
    await t.deps.db
      .insert(analyticsVisitors)
      .values({ workspaceId: site, day: '2027-03-10', visitorId: expectedId(salt1, alice) });
    expect(await visitorIdFor(t.deps, alice)).toBe(expectedId(salt1, alice));
  });

  it('joins a visit over midnight into one visitor through the tracking endpoint', async () => {
    const carol = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Edg/129.0', 'x-carol': '1' };
    clock.set(new Date('2027-03-11T23:55:00Z'));
    const before = await t.call('POST', `/api/public/analytics/${owner.workspaceSlug}/events`, {
      body: { events: [{ type: 'page_view', path: `/changelog/${owner.workspaceSlug}` }] },
      headers: carol,
    });
    expect(before.status).toBe(202);
    clock.set(new Date('2027-03-12T00:05:00Z'));
    const after = await t.call('POST', `/api/public/analytics/${owner.workspaceSlug}/events`, {
      body: { events: [{ type: 'page_view', path: `/changelog/${owner.workspaceSlug}` }] },
      headers: carol,
    });
    expect(after.status).toBe(202);
    const summary = await t.call(
      'GET',
      `/api/v1/workspaces/${site}/analytics/summary?from=2027-03-11&to=2027-03-12`,
      { cookie: owner.cookie },
    );
    expect(summary.status, await summary.clone().text()).toBe(200);
    const body = (await summary.json()) as { days: Array<{ day: string; visitors: number; views: number }> };
    expect(body.days.map((d) => [d.day, d.views, d.visitors])).toEqual([
      ['2027-03-11', 1, 1],
      ['2027-03-12', 1, 1],
    ]);
    const rows = await t.deps.db
      .select()
      .from(analyticsVisitors)
      .where(eq(analyticsVisitors.workspaceId, site));
    const ids = rows.filter((r) => r.day >= '2027-03-11').map((r) => r.visitorId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('a visitor new today does not get yesterday’s id', async () => {
    const dave = { ...bob, ip: '198.51.100.99' };
    const id = await visitorIdFor(t.deps, dave);
    expect(id).toBe(expectedId((await saltOf('2027-03-12')) as string, dave));
  });
});

describe('salt retention', () => {
  it('the cron job deletes salts whose day is more than one day old, keeping yesterday’s', async () => {
    clock.set(new Date('2027-03-13T01:00:00Z'));
    await visitorIdFor(t.deps, alice);
    expect((await t.deps.db.select().from(analyticsSalts)).map((r) => r.day).sort()).toEqual([
      '2027-03-10',
      '2027-03-11',
      '2027-03-12',
      '2027-03-13',
    ]);
    await t.deps.queue.send(purgeSaltsJobName, {});
    const left = await waitFor(async () => {
      const days = (await t.deps.db.select().from(analyticsSalts)).map((r) => r.day).sort();
      return days.length === 2 ? days : undefined;
    });
    expect(left).toEqual(['2027-03-12', '2027-03-13']);
    // With the 11th's salt gone, nobody can be given (or matched to) an id under it again.
    expect(await saltOf('2027-03-11')).toBeUndefined();
    expect(await visitorIdFor(t.deps, alice)).toBe(expectedId((await saltOf('2027-03-13')) as string, alice));
  });
});

describe('isBot', () => {
  it('knows crawlers, HTTP libraries, headless browsers and link-preview fetchers, and not browsers', () => {
    const bots = [
      '',
      '   ',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'curl/8.5.0',
      'Wget/1.21.4',
      'python-requests/2.31.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Twitterbot/1.0',
      'Discordbot/2.0',
      'WhatsApp/2.23.20.0',
      'TelegramBot (like TwitterBot)',
      'LinkedInBot/1.0',
      'Go-http-client/1.1',
      'node-fetch/1.0',
      'GPTBot/1.0',
    ];
    for (const ua of bots) expect(isBot(ua), ua).toBe(true);
    const people = [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
    ];
    for (const ua of people) expect(isBot(ua), ua).toBe(false);
  });
});
