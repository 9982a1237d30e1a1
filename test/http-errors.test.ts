import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.ts';
import { createRouter } from '../src/server/http/router.ts';
import { isErrorEnvelope, type OpenApiDocument } from './api-surface.ts';
import { createTestApp, json, signUp, type TestApp, testOrigin } from './harness.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp({ workers: false });
  ({ cookie } = await signUp(t, 'http@example.com'));
});
afterAll(() => t.close());

describe('HTTP basics', () => {
  it('/healthz answers 200 while the process is alive', async () => {
    const response = await t.call('GET', '/healthz');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 with the database and the queue checked', async () => {
    const response = await t.call('GET', '/readyz');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
  });

  it('/metrics is Prometheus text that counts requests by route pattern and status', async () => {
    await t.call('GET', '/healthz');
    await t.call('GET', '/api/v1/workspaces/some-id', { cookie });
    const response = await t.call('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE herald_http_requests_total counter');
    expect(text).toMatch(/herald_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    // The route pattern, not the id: label values stay few however many ids are requested.
    expect(text).toContain('route="/api/v1/workspaces/:workspaceId",status="404"');
    expect(text).not.toContain('some-id');
    expect(text).toContain('herald_http_request_duration_seconds_bucket');
  });

  it('every response carries an X-Request-Id, errors included', async () => {
    const requests: Array<[string, string, Record<string, unknown>]> = [
      ['GET', '/healthz', {}],
      ['GET', '/readyz', {}],
      ['GET', '/metrics', {}],
      ['GET', '/api/openapi.json', {}],
      ['GET', '/api/docs', {}],
      ['GET', '/api/v1/me', {}],
      ['GET', '/api/v1/me', { cookie }],
      ['PATCH', '/api/v1/me', { cookie, body: { language: 'xx' } }],
      [
        'POST',
        '/api/v1/workspaces',
        { cookie, rawBody: '{', headers: { 'content-type': 'application/json' } },
      ],
      ['GET', '/api/v1/nothing', {}],
      [
        'POST',
        '/api/auth/sign-in/email',
        { body: { email: 'http@example.com', password: 'wrong-password' } },
      ],
      ['POST', '/webhooks/clerk', { rawBody: '{}', headers: { 'content-type': 'application/json' } }],
    ];
    const ids = new Set<string>();
    for (const [method, path, options] of requests) {
      const response = await t.call(method, path, options);
      const id = response.headers.get('x-request-id');
      expect(id, `${method} ${path} (${response.status})`).toMatch(/^[\w.:-]{1,100}$/);
      ids.add(id ?? '');
    }
    expect(ids.size).toBe(requests.length);
  });

  it('a sane incoming X-Request-Id is echoed back and anything else is replaced', async () => {
    for (const sane of ['req-123', 'a.b:c_d-e', 'x'.repeat(100), '3f2b6c1e-2a1b-4c3d-9e8f-0a1b2c3d4e5f']) {
      const response = await t.call('GET', '/healthz', { headers: { 'x-request-id': sane } });
      expect(response.headers.get('x-request-id')).toBe(sane);
    }
    for (const insane of ['has space', 'x'.repeat(101), 'semi;colon', '<script>', 'é']) {
      const response = await t.call('GET', '/healthz', { headers: { 'x-request-id': insane } });
      const id = response.headers.get('x-request-id');
      expect(id, insane).not.toBe(insane);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('/api/openapi.json is an OpenAPI 3.1 document listing the /api/v1 routes', async () => {
    const response = await t.call('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as OpenApiDocument & {
      info: { title: string };
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Herald');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'session']);
    const paths = Object.keys(doc.paths);
    for (const expected of [
      '/api/v1/me',
      '/api/v1/workspaces',
      '/api/v1/workspaces/{workspaceId}/api-keys',
    ]) {
      expect(paths).toContain(expected);
    }
    // Besides the versioned API, only the public OAuth callbacks (a browser redirect target), the
    // public review-link routes (reviewers without an account) and the public changelog and widget
    // routes, the public roadmap (anyone) and the analytics tracking endpoint are listed.
    const publicPrefixes = [
      '/api/v1/',
      '/api/oauth/',
      '/api/public/review/',
      '/api/public/changelog/',
      '/api/public/widget/',
      '/api/public/roadmap/',
      '/api/public/analytics/',
    ];
    expect(paths.filter((p) => !publicPrefixes.some((prefix) => p.startsWith(prefix)))).toEqual([]);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const responses = (op as { responses?: Record<string, unknown> }).responses ?? {};
        expect(Object.keys(responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
  });

  it('/api/docs is an HTML reference of the same routes', async () => {
    const response = await t.call('GET', '/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html.toLowerCase()).toContain('<!doctype html>');
    expect(html).toContain('/api/v1/workspaces/{workspaceId}');
    expect(html).toContain('/api/openapi.json');
    expect(html).not.toContain('<script');
  });

  it('an unexpected exception is a generic 500 envelope with a request id and no detail of the error', async () => {
    const app = createApp(t.deps);
    app.get('/api/v1/explode', () => {
      throw new Error('secret internal detail at /srv/herald/db.ts:42');
    });
    const response = await app.request(`${testOrigin}/api/v1/explode`, { headers: { cookie } });
    expect(response.status).toBe(500);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { code: string } };
    expect(isErrorEnvelope(body)).toBe(true);
    expect(body.error.code).toBe('internal');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('.ts');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });
  it('JSON nested thousands of levels deep into a free-form field is a 422, not a stack overflow', async () => {
    const router = createRouter();
    let handled = 0;
    router.openapi(
      createRoute({
        method: 'post',
        path: '/api/v1/free-form',
        request: {
          body: { content: { 'application/json': { schema: z.object({ payload: z.unknown() }) } } },
        },
        responses: { 204: { description: 'ok' } },
      }),
      (c) => {
        handled += 1;
        return c.body(null, 204);
      },
    );
    const app = createApp(t.deps);
    app.route('/', router);
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const post = (body: string) =>
      app.request(`${testOrigin}/api/v1/free-form`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body,
      });
    const response = await post(`{"payload":${deep}}`);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; details: Array<{ message: string }> } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details[0]?.message).toMatch(/nest deeper than 64/);
    expect(handled).toBe(0);
    // Shallow free-form JSON still passes, and a NUL deep inside is still named by its path.
    expect((await post('{"payload":{"a":[1,{"b":"ok"}]}}')).status).toBe(204);
    const nul = await post('{"payload":{"a":[1,{"b":"x\\u0000"}]}}');
    expect(nul.status).toBe(422);
    expect(
      ((await nul.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]?.path,
    ).toBe('payload.a.1.b');
    expect(handled).toBe(1);
  });
});
