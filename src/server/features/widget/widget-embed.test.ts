import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, testOrigin } from '../../../../test/harness.ts';
import {
  type ChangelogOwner,
  changelogOwner,
  insertEntry,
} from '../../../../test/public-changelog-fixtures.ts';
import { customerWindow, settleWidget } from '../../../../test/widget-host.ts';
import { changelogEntries } from '../changelog/changelog.table.ts';

// The real /widget.js, run by happy-dom on a stranger's page whose every request (the script, the data,
// the events) is answered by this Herald in-process: what it draws, the "new" badge, and what it counts.

const t = await createTestApp({ workers: false });
afterAll(() => t.close());

const hostileTitle = '<img src=x onerror="window.__pwned = 1">Faster exports';
let owner: ChangelogOwner;
let widgetId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  owner = await changelogOwner(t, 'embed');
  ids.old = (
    await insertEntry(t, owner.workspaceId, {
      title: 'Older entry',
      body: 'Was already there.',
      publishedAt: new Date(Date.now() - 86_400_000),
    })
  ).id;
  ids.hostile = (
    await insertEntry(t, owner.workspaceId, {
      title: hostileTitle,
      body: 'See [the docs](https://example.com/docs) <script>window.__pwned = 2</script>',
      category: 'Improved',
    })
  ).id;
  const response = await t.call('PUT', `/api/v1/workspaces/${owner.workspaceId}/widget`, {
    cookie: owner.cookie,
    body: { config: { title: 'Rocket news', colors: { primary: '#0f766e' } } },
  });
  widgetId = (await json<{ widget: { id: string } }>(response)).widget.id;
});

/** A browser window on another origin whose requests to Herald go to the in-process app. */
function hostWindow(options: { blockStorage?: boolean } = {}) {
  const window = customerWindow(t);
  if (options.blockStorage) {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new Error('SecurityError: storage is disabled');
      },
    });
  }
  window.document.write(`<!doctype html><html><head><style>* { all: unset } button { display: none }</style></head>
<body><h1>Docs</h1><script src="${testOrigin}/widget.js" data-widget="${widgetId}" async></script></body></html>`);
  return window;
}

/** Clicks an element of the shadow root, failing the test when it is not there. */
function click(element: unknown) {
  expect(element).toBeTruthy();
  (element as { click(): void }).click();
}

const settle = settleWidget;

const stats = async () =>
  json<{
    totals: { impressions: number; clicks: number };
    entries: Array<{ entryId: string; impressions: number; clicks: number }>;
  }>(await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/widget/stats`, { cookie: owner.cookie }));

describe('the embedded widget', () => {
  it('draws inside an open shadow root with the configured look, titles as text, and counts one impression', async () => {
    const window = hostWindow();
    await settle(window);
    const host = window.document.querySelector('[data-herald-widget]');
    expect(host?.getAttribute('data-herald-widget')).toBe(widgetId);
    const root = host?.shadowRoot;
    expect(root).toBeTruthy();
    expect(root?.querySelector('style')?.textContent).toContain(':host{all:initial');
    expect(root?.querySelector('style')?.textContent).toContain('#0f766e');
    const launcher = root?.querySelector('button[aria-expanded]');
    expect(launcher?.getAttribute('aria-label')).toBe('Rocket news');
    expect(launcher?.getAttribute('aria-expanded')).toBe('false');
    // Nothing seen yet: both entries are new.
    expect(root?.querySelector('.b')?.textContent).toBe('2');
    const titles = [...(root?.querySelectorAll('.t') ?? [])].map((el) => el.textContent);
    expect(titles).toEqual([hostileTitle, 'Older entry']);
    // The hostile title stayed text; the script in the body was never markup.
    expect(root?.querySelectorAll('img, script')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    const link = root?.querySelector('.s a');
    expect(link?.getAttribute('href')).toBe('https://example.com/docs');
    expect(link?.getAttribute('target')).toBe('_blank');

    const counted = await stats();
    expect(counted.totals).toEqual({ impressions: 1, clicks: 0 });
    expect(counted.entries.map((e) => [e.entryId, e.impressions]).sort()).toEqual(
      [
        [ids.hostile, 1],
        [ids.old, 1],
      ].sort(),
    );
    await window.happyDOM.close();
  });

  it('opens, marks everything seen, and reports a click on an entry', async () => {
    const window = hostWindow();
    await settle(window);
    const root = window.document.querySelector('[data-herald-widget]')?.shadowRoot;
    click(root?.querySelector('button[aria-expanded]'));
    expect(root?.querySelector('button[aria-expanded]')?.getAttribute('aria-expanded')).toBe('true');
    expect(root?.querySelector('[role="dialog"]')?.hasAttribute('hidden')).toBe(false);
    expect(root?.querySelector('.b')?.hasAttribute('hidden')).toBe(true);
    expect(window.localStorage.getItem(`herald-widget:${widgetId}:seen`)).toBeTruthy();
    const before = await stats();
    click(root?.querySelector('a.t'));
    await settle(window);
    const after = await stats();
    expect(after.totals.clicks - before.totals.clicks).toBe(1);
    const clicks = (s: typeof after) => s.entries.find((e) => e.entryId === ids.hostile)?.clicks ?? 0;
    expect(clicks(after) - clicks(before)).toBe(1);
    await window.happyDOM.close();
  });

  it("shows each entry's upvotes; the button votes once for this browser and a second press takes it back", async () => {
    const votesOf = async () =>
      json<{ votes: number }>(
        await t.call('GET', `/api/public/changelog/${owner.workspaceSlug}/entries/${entrySlug}/upvotes`),
      );
    const [entry] = await t.deps.db
      .select()
      .from(changelogEntries)
      .where(eq(changelogEntries.id, ids.old as string));
    const entrySlug = entry?.slug as string;
    const window = hostWindow();
    await settle(window);
    const root = window.document.querySelector('[data-herald-widget]')?.shadowRoot;
    const items = [...(root?.querySelectorAll('li') ?? [])];
    const item = items.find((li) => li.querySelector('.t')?.textContent === 'Older entry');
    const button = () => item?.querySelector('button.v');
    expect(button()?.textContent).toBe('▲ 0');
    expect(button()?.getAttribute('aria-pressed')).toBe('false');

    click(button());
    await settle(window);
    expect(button()?.textContent).toBe('▲ 1');
    expect(button()?.getAttribute('aria-pressed')).toBe('true');
    expect((await votesOf()).votes).toBe(1);
    // The voter id the widget made lives on the customer's origin, not in a cookie.
    expect(window.localStorage.getItem('herald-voter')).toMatch(/^[0-9a-f]{32}$/);

    // A reload of the page shows the count from Herald and the pressed state from this browser.
    const again = hostWindow();
    again.localStorage.setItem('herald-voter', window.localStorage.getItem('herald-voter') as string);
    again.localStorage.setItem(`herald-voted:${ids.old}`, '1');
    await settle(again);
    const reloaded = [
      ...(again.document.querySelector('[data-herald-widget]')?.shadowRoot?.querySelectorAll('li') ?? []),
    ]
      .find((li) => li.querySelector('.t')?.textContent === 'Older entry')
      ?.querySelector('button.v');
    expect(reloaded?.textContent).toBe('▲ 1');
    expect(reloaded?.getAttribute('aria-pressed')).toBe('true');
    await again.happyDOM.close();

    click(button());
    await settle(window);
    expect(button()?.textContent).toBe('▲ 0');
    expect(button()?.getAttribute('aria-pressed')).toBe('false');
    expect((await votesOf()).votes).toBe(0);
    await window.happyDOM.close();
  });

  it('still works when the page blocks storage', async () => {
    const window = hostWindow({ blockStorage: true });
    await settle(window);
    const root = window.document.querySelector('[data-herald-widget]')?.shadowRoot;
    expect(root?.querySelector('.b')?.textContent).toBe('2');
    click(root?.querySelector('button[aria-expanded]'));
    expect(root?.querySelector('[role="dialog"]')?.hasAttribute('hidden')).toBe(false);
    await window.happyDOM.close();
  });
});
