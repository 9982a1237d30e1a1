import { and, eq } from 'drizzle-orm';
import type { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, testOrigin } from '../../../../test/harness.ts';
import { type ChangelogOwner, changelogOwner } from '../../../../test/public-changelog-fixtures.ts';
import { customerWindow, settleWidget } from '../../../../test/widget-host.ts';
import { subscribers } from './subscribers.table.ts';

// The real /widget.js, run by happy-dom on another site's page, signs a visitor up: its form posts to
// the subscribe endpoint across origins (answered by this Herald in-process) and says what happened.

const t = await createTestApp({ workers: false });
afterAll(() => t.close());

let owner: ChangelogOwner;
let widgetId: string;

beforeAll(async () => {
  owner = await changelogOwner(t, 'subwidget');
  const response = await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/widget`, {
    cookie: owner.cookie,
  });
  widgetId = (await json<{ widget: { id: string } }>(response)).widget.id;
});

function hostWindow() {
  const window = customerWindow(t);
  window.document.write(`<!doctype html><html><body><h1>Docs</h1>
<script src="${testOrigin}/widget.js" data-widget="${widgetId}" async></script></body></html>`);
  return window;
}

const settle = settleWidget;

async function submit(window: Window, email: string) {
  const root = window.document.querySelector('[data-herald-widget]')?.shadowRoot;
  const form = root?.querySelector('form.f');
  const input = form?.querySelector('input[type="email"]') as unknown as { value: string } | undefined;
  expect(form && input).toBeTruthy();
  if (input) input.value = email;
  form?.dispatchEvent(new window.Event('submit', { cancelable: true }));
  await settle(window);
  return root?.querySelector('.o')?.textContent;
}

describe('the widget sign-up form', () => {
  it('subscribes a visitor (pending until confirmed, source widget) and says to check the inbox', async () => {
    const window = hostWindow();
    await settle(window);
    expect(await submit(window, 'Widget.Visitor@Example.com')).toBe('Check your inbox to confirm.');
    const [row] = await t.deps.db
      .select()
      .from(subscribers)
      .where(
        and(
          eq(subscribers.workspaceId, owner.workspaceId),
          eq(subscribers.email, 'widget.visitor@example.com'),
        ),
      );
    expect(row).toMatchObject({ status: 'pending', source: 'widget', preference: 'all' });
    expect(await submit(window, 'not an address')).toBe('That did not work. Check the address.');
    await window.happyDOM.close();
  });
});
