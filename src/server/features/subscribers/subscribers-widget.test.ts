import { and, eq } from 'drizzle-orm';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, testOrigin } from '../../../../test/harness.ts';
import { type ChangelogOwner, changelogOwner } from '../../../../test/public-changelog-fixtures.ts';
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
  const window: Window = new Window({
    url: 'https://customer.example/docs',
    settings: {
      enableJavaScriptEvaluation: true,
      fetch: {
        interceptor: {
          beforeAsyncRequest: async ({ request }) => {
            if (!request.url.startsWith(testOrigin)) return undefined;
            const body = request.method === 'GET' ? undefined : await request.text();
            const answer = await t.app.request(request.url, {
              method: request.method,
              headers: {
                origin: 'https://customer.example',
                'content-type': request.headers.get('content-type') ?? '',
              },
              body,
            });
            const headers: Record<string, string> = {};
            answer.headers.forEach((value, name) => {
              if (name !== 'content-encoding') headers[name] = value;
            });
            const bytes = answer.status === 204 || answer.status === 304 ? null : await answer.text();
            return new window.Response(bytes, { status: answer.status, headers });
          },
        },
      },
    },
  });
  window.document.write(`<!doctype html><html><body><h1>Docs</h1>
<script src="${testOrigin}/widget.js" data-widget="${widgetId}" async></script></body></html>`);
  return window;
}

async function settle(window: Window) {
  await window.happyDOM.waitUntilComplete();
  await window.happyDOM.waitUntilComplete();
}

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
