import { Window } from 'happy-dom';
import { type TestApp, testOrigin } from './harness.ts';

// A browser window (happy-dom) on a customer's site, for running the real /widget.js: requests to
// Herald's origin are answered by the in-process app with the customer's Origin; others go nowhere.

export const customerOrigin = 'https://customer.example';

export function customerWindow(t: TestApp): Window {
  const window: Window = new Window({
    url: `${customerOrigin}/docs`,
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
                origin: customerOrigin,
                'content-type': request.headers.get('content-type') ?? '',
                // A browser's own user agent (happy-dom's), so votes and views are not taken for a bot's.
                'user-agent': window.navigator.userAgent,
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
  return window;
}

/** Waits for the page's scripts, then for the fetches the widget starts once it runs. */
export async function settleWidget(window: Window): Promise<void> {
  await window.happyDOM.waitUntilComplete();
  await window.happyDOM.waitUntilComplete();
}
