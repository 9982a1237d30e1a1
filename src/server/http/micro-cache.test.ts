import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, json } from '../../../test/harness.ts';
import {
  type ChangelogOwner,
  changelogOwner,
  insertEntry,
  touchEntry,
} from '../../../test/public-changelog-fixtures.ts';
import { versionCheckIntervalMs } from '../features/public-changelog/public-cache.ts';
import { invalidatePublicChangelog } from '../features/public-changelog/public-changelog.service.ts';
import { createManualClock } from '../platform/clock.ts';
import { freshAnswer } from './micro-cache.ts';
import { startHttpServer } from './node-server.ts';

// The micro-cache replay of the public JSON and widget data over a real socket, through the same
// server `npm start` runs: a replay is the router's answer byte for byte, honours If-None-Match and
// X-Request-Id, and is never staler than the router's own answer would be.

// Both clocks the replay window is read on only move when the test moves them.
const clock = createManualClock(new Date());
vi.useFakeTimers({ toFake: ['performance'] });
const t = await createTestApp({ workers: false, clock });
let server: Server;
let base: string;
let owner: ChangelogOwner;

beforeAll(async () => {
  const started = await startHttpServer(t.app, t.deps, { port: 0, hostname: '127.0.0.1' });
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  owner = await changelogOwner(t, 'micro');
  await insertEntry(t, owner.workspaceId, {
    title: 'Faster exports',
    slug: 'faster-exports',
    publishedAt: new Date(clock.now().getTime() - 60_000),
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
  vi.useRealTimers();
});

const ignoredHeaders = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);
function comparableHeaders(response: Response) {
  return [...response.headers.entries()].filter(([name]) => !ignoredHeaders.has(name)).sort();
}

function passTrustWindow() {
  clock.advance(versionCheckIntervalMs);
  vi.advanceTimersByTime(versionCheckIntervalMs);
}

const listPath = () => `/api/public/changelog/${owner.workspaceSlug}/entries`;

describe('replaying the public changelog JSON', () => {
  it('answers the second request from the micro-cache with the same status, headers and bytes', async () => {
    passTrustWindow();
    const first = await fetch(base + listPath());
    expect(first.status).toBe(200);
    const firstBody = await first.text();
    expect(freshAnswer(t.deps, listPath(), clock.now().getTime())).toBeDefined();

    const replayed = await fetch(base + listPath());
    expect(replayed.status).toBe(200);
    expect(await replayed.text()).toBe(firstBody);
    expect(comparableHeaders(replayed)).toEqual(comparableHeaders(first));
    expect(replayed.headers.get('access-control-allow-origin')).toBe('*');
    expect(replayed.headers.get('content-length')).toBe(String(Buffer.byteLength(firstBody)));
    expect(replayed.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
  });

  it('answers 304 to a matching If-None-Match and keeps a sane X-Request-Id', async () => {
    const first = await fetch(base + listPath());
    const etag = first.headers.get('etag') as string;
    const notModified = await fetch(base + listPath(), {
      headers: { 'if-none-match': `"other", ${etag}`, 'x-request-id': 'trace-42' },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('content-type')).toBeNull();
    expect(notModified.headers.get('x-request-id')).toBe('trace-42');
    expect(await notModified.text()).toBe('');
    const insane = await fetch(base + listPath(), { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows a change made in another process once the data version is due, never later', async () => {
    const entry = await insertEntry(t, owner.workspaceId, {
      title: 'Dark mode',
      slug: 'dark-mode',
      status: 'draft',
    });
    // Written straight to the database, as a worker or a second server would: not announced here.
    await touchEntry(t, entry.id, {
      status: 'published',
      publishedAt: new Date(clock.now().getTime() - 1000),
    });
    const withinWindow = await (await fetch(base + listPath())).text();
    expect(withinWindow).not.toContain('Dark mode');
    passTrustWindow();
    expect(freshAnswer(t.deps, listPath(), clock.now().getTime())).toBeUndefined();
    expect(await (await fetch(base + listPath())).text()).toContain('Dark mode');
  });

  it('shows a change made here at once: invalidation drops the kept answers', async () => {
    const before = await (await fetch(base + listPath())).text();
    expect(before).toContain('Faster exports');
    const entries = await json<{ entries: Array<{ id: string; slug: string }> }>(
      await fetch(base + listPath()),
    );
    const faster = entries.entries.find((e) => e.slug === 'faster-exports');
    await touchEntry(t, faster?.id as string, { status: 'draft', publishedAt: null });
    invalidatePublicChangelog(t.deps, owner.workspaceId);
    expect(freshAnswer(t.deps, listPath(), clock.now().getTime())).toBeUndefined();
    expect(await (await fetch(base + listPath())).text()).not.toContain('Faster exports');
  });

  it('never replays other paths, a later page or a miss', async () => {
    await insertEntry(t, owner.workspaceId, { title: 'Audit log', slug: 'audit-log' });
    invalidatePublicChangelog(t.deps, owner.workspaceId);
    await fetch(`${base}/api/public/changelog/no-such-workspace/entries`);
    expect(
      freshAnswer(t.deps, '/api/public/changelog/no-such-workspace/entries', clock.now().getTime()),
    ).toBe(undefined);
    const page = await json<{ nextCursor: string | null }>(await fetch(`${base + listPath()}?limit=1`));
    expect(page.nextCursor).toBeTruthy();
    const cursorPath = `${listPath()}?limit=1&cursor=${encodeURIComponent(page.nextCursor as string)}`;
    expect((await fetch(base + cursorPath)).status).toBe(200);
    expect(freshAnswer(t.deps, cursorPath, clock.now().getTime())).toBeUndefined();
    await fetch(`${base}/healthz`);
    expect(freshAnswer(t.deps, '/healthz', clock.now().getTime())).toBeUndefined();
  });
});

describe('replaying the widget data', () => {
  it('replays the widget data with its CORS header, the same bytes as the router', async () => {
    const created = await fetch(`${base}/api/v1/workspaces/${owner.workspaceId}/widget`, {
      headers: { cookie: owner.cookie },
    });
    const { widget } = await json<{ widget: { id: string } }>(created);
    const path = `/api/public/widget/${widget.id}`;
    passTrustWindow();
    const first = await fetch(base + path);
    expect(first.status).toBe(200);
    const firstBody = await first.text();
    expect(freshAnswer(t.deps, path, clock.now().getTime())).toBeDefined();
    const replayed = await fetch(base + path);
    expect(await replayed.text()).toBe(firstBody);
    expect(comparableHeaders(replayed)).toEqual(comparableHeaders(first));
    expect(replayed.headers.get('access-control-allow-origin')).toBe('*');
  });
});
