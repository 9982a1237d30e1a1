import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { staffMembers } from '../src/server/features/staff/staff.table.ts';
import {
  type ApiOperation,
  createApiKeyFor,
  type DbSnapshot,
  exampleOf,
  expectCreated,
  fillPath,
  inviteWithToken,
  isErrorEnvelope,
  type JsonSchema,
  loadApiOperations,
  resolveSchema,
  schemaType,
  snapshotDatabase,
} from './api-surface.ts';
import { createTestApp, json, signUp } from './harness.ts';
import { putOnPlan } from './plan-fixtures.ts';

// SPEC §7: generated bodies, queries, headers and path ids on every route of the OpenAPI document,
// sent by a real owner (also staff) so the handlers run. Never a 5xx, always the error envelope,
// and a refused request leaves every table as it was.

const bodyLimit = 64 * 1024;
/** HERALD_FUZZ_RUNS=200 hunts harder; the default keeps the file fast. */
const numRuns = Number(process.env.HERALD_FUZZ_RUNS ?? 15);
// TRUST_PROXY, so a generated X-Forwarded-For reaches the audit log and the session rows.
const t = await createTestApp({
  env: { BODY_LIMIT_BYTES: String(bodyLimit), TRUST_PROXY: 'true' },
  workers: false,
});
const { doc, operations } = await loadApiOperations(t);
afterAll(() => t.close());

// --- generators -------------------------------------------------------------------------------

/** `undefined` most of the time, so most requests still reach the handler and only some are spoiled. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, percent: number) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - percent }, { arbitrary, weight: percent });

const sized = (min: number, max: number) =>
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 3, unit: 'grapheme' }), fc.integer({ min, max }))
    .map(([seed, length]) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length));

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '%00',
  '%zz',
  '../../etc/passwd',
  "'; drop table workspaces; --",
  '<script>alert(1)</script>',
  '😀'.repeat(40),
  'null',
  '{}',
);
const garbageString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nasty, sized(1_000, 120_000));
const garbageValue = fc.oneof(
  garbageString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, true, false, [], {}),
);

/** A body shaped like the schema, with fields dropped, replaced by garbage or added. */
function mutatedValue(input: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolveSchema(input, doc);
  const valid = fc.constant(exampleOf(schema, doc));
  if (schema.properties && depth < 4) {
    const fields = Object.entries(schema.properties).map(([key, value]) =>
      fc.option(mutatedValue(value, depth + 1), { nil: undefined, freq: 4 }).map((v) => [key, v] as const),
    );
    const extra = sometimes(fc.tuple(fc.string({ maxLength: 20 }), garbageValue), 20);
    return fc.oneof(
      fc
        .tuple(fc.tuple(...fields), extra)
        .map(([entries, added]) =>
          Object.fromEntries([...entries.filter(([, v]) => v !== undefined), ...(added ? [added] : [])]),
        ),
      garbageValue,
    );
  }
  if (schema.items && depth < 4)
    return fc.oneof(fc.array(mutatedValue(schema.items, depth + 1), { maxLength: 80 }), garbageValue);
  if (schemaType(schema) === 'string' && !schema.enum && !schema.pattern && !schema.format) {
    const text = fc.string({
      unit: 'grapheme',
      minLength: schema.minLength ?? 0,
      maxLength: Math.min(schema.maxLength ?? 200, 5_000),
    });
    return fc.oneof(
      { arbitrary: valid, weight: 2 },
      { arbitrary: text, weight: 2 },
      { arbitrary: garbageValue, weight: 1 },
    );
  }
  return fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: garbageValue, weight: 1 });
}

interface BodyCase {
  contentType?: string;
  text?: string;
}

function bodyArbitrary(op: ApiOperation): fc.Arbitrary<BodyCase> {
  const asJson = (text: string): BodyCase => ({ contentType: 'application/json', text });
  const example = op.bodySchema ? JSON.stringify(exampleOf(op.bodySchema, doc)) : '{}';
  const cases: Array<fc.Arbitrary<BodyCase>> = [
    fc.constant({}),
    fc.constant(asJson('')),
    fc.jsonValue().map((value) => asJson(JSON.stringify(value))),
    garbageString.map(asJson),
    fc.integer({ min: 10, max: 30_000 }).map((depth) => asJson(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
    fc
      .integer({ min: 10, max: 10_000 })
      .map((depth) => asJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=utf-16',
        '',
      )
      .map((contentType) => ({ contentType, text: example })),
  ];
  if (op.bodySchema) {
    const shaped = mutatedValue(op.bodySchema).map((value) => asJson(JSON.stringify(value) ?? ''));
    cases.push(shaped, shaped, shaped);
  }
  return fc.oneof(...cases);
}

const cursorLike = fc
  .tuple(
    fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }),
    fc.string({ maxLength: 40 }),
  )
  .map(([date, id]) => Buffer.from(`${date.toISOString()}|${id}`).toString('base64url'));

function queryArbitrary(op: ApiOperation): fc.Arbitrary<string> {
  const key = fc.oneof(
    fc.constantFrom(...op.queryParams.map((p) => p.name), 'limit', 'cursor', 'q'),
    fc.string({ maxLength: 10 }),
  );
  const number = fc.constantFrom(
    '-1',
    '0',
    '101',
    '1e3',
    'NaN',
    'Infinity',
    '25.5',
    '0x10',
    ' 5 ',
    '99999999999999999999',
  );
  const value = fc.oneof(fc.string(), nasty, number, cursorLike, sized(100, 5_000));
  const pairs = fc
    .array(fc.tuple(key, value), { maxLength: 4 })
    .map((entries) => new URLSearchParams(entries).toString());
  const raw = fc.string({ unit: fc.constantFrom(...'%&=?+;aZ09 ._~[]'), maxLength: 40 });
  return fc.oneof(pairs, raw);
}

const headerValue = fc.oneof(
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 60,
  }),
  nasty.filter((s) => !s.includes('\u0000') && !/[^\x20-\xff]/.test(s)),
  sized(100, 8_000).filter((s) => !/[^\x20-\x7e]/.test(s)),
);

function headersArbitrary(cookie: string) {
  return fc.record({
    authorization: sometimes(
      fc.oneof(
        headerValue,
        headerValue.map((v) => `Bearer ${v}`),
        headerValue.map((v) => `Bearer hk_${v}`),
      ),
      15,
    ),
    cookie: sometimes(
      fc.oneof(
        headerValue,
        headerValue.map((v) => `${cookie}; ${v}`),
        headerValue.map((v) => `${v}; ${cookie}`),
        headerValue.map((v) => `better-auth.session_token=${v}`),
      ),
      20,
    ),
    'x-request-id': sometimes(headerValue, 50),
    extra: sometimes(
      fc.tuple(
        fc.constantFrom(
          'accept',
          'accept-language',
          'x-forwarded-for',
          'user-agent',
          'origin',
          'content-encoding',
        ),
        headerValue,
      ),
      30,
    ),
  });
}

const idGarbage = fc.oneof(
  fc.string({ maxLength: 150, unit: 'grapheme' }),
  fc.uuid(),
  fc.constantFrom(' ', '%', '\u0000', 'null', '0'),
);

// --- fixtures ---------------------------------------------------------------------------------

interface FuzzOwner {
  cookie: string;
  userId: string;
  workspaceId: string;
}
let owners = 0;
let shared: FuzzOwner | undefined;

/** Still signed in, active and owner of its workspace: no earlier route signed it out, suspended or deleted it. */
async function isIntact(owner: FuzzOwner): Promise<boolean> {
  const response = await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}`, { cookie: owner.cookie });
  return response.status === 200 && (await json<{ role: string }>(response)).role === 'owner';
}

/**
 * The owner the requests come from (also super_admin staff, so staff handlers run too), replaced
 * when an earlier route spoiled it, with fresh rows for the ids the route's path names: a key, a
 * pending invitation and its token, a session.
 */
async function fuzzOwnerFor(params: string[] = ['keyId', 'invitationId', 'sessionId']) {
  if (!shared || !(await isIntact(shared))) {
    const user = await signUp(t, `fuzz-owner-${++owners}@example.com`, 'Fuzz Owner');
    await t.deps.db.insert(staffMembers).values({ userId: user.userId, role: 'super_admin' });
    // Every route naming an invitation adds a pending one: unlimited seats.
    await putOnPlan(t, user.workspaceId, 'business');
    shared = user;
  }
  const { cookie, userId, workspaceId } = shared;
  const ids: Record<string, string> = { workspaceId, userId };
  if (params.includes('keyId')) {
    ids.keyId = (await createApiKeyFor(t, cookie, workspaceId, 'read_write')).apiKey.id;
  }
  if (params.includes('invitationId') || params.includes('token')) {
    const invitation = await inviteWithToken(
      t,
      cookie,
      workspaceId,
      `invitee-${crypto.randomUUID()}@example.com`,
    );
    ids.invitationId = invitation.id;
    ids.token = invitation.token;
  }
  if (params.includes('sessionId')) {
    const sessions = await expectCreated<{ items: Array<{ id: string; isCurrent: boolean }> }>(
      t.call('GET', '/api/v1/me/sessions', { cookie }),
    );
    ids.sessionId = sessions.items.find((session) => session.isCurrent)?.id ?? '';
  }
  return { cookie, ids };
}

async function expectRefusalLeftNoTrace(label: string, response: Response, baseline: DbSnapshot) {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  // An optional integration that is switched off (no Stripe keys, say) answers 503 not_configured
  // to every request, good or bad; that is the only 5xx allowed.
  const isSwitchedOff =
    response.status === 503 && (body as { error?: { code?: string } }).error?.code === 'not_configured';
  if (!isSwitchedOff) {
    expect(response.status, `${label} answered ${response.status}: ${text.slice(0, 500)}`).toBeLessThan(500);
  }
  if (response.status < 400) return;
  expect(
    isErrorEnvelope(body),
    `${label} answered ${response.status} without the envelope: ${text.slice(0, 500)}`,
  ).toBe(true);
  expect(await snapshotDatabase(t.deps.db), `${label} answered ${response.status} but wrote`).toEqual(
    baseline,
  );
}

// --- properties -------------------------------------------------------------------------------

describe('bad input on every route of the OpenAPI document', () => {
  for (const op of operations) {
    it(`${op.label} answers generated bodies, queries, headers and ids without a 5xx and without writing`, async () => {
      const owner = await fuzzOwnerFor(op.pathParams);
      let baseline = await snapshotDatabase(t.deps.db);
      const statuses: Record<number, number> = {};
      const input = fc.record({
        body: op.method === 'GET' ? fc.constant<BodyCase>({}) : bodyArbitrary(op),
        query: sometimes(queryArbitrary(op), 60),
        headers: headersArbitrary(owner.cookie),
        id: op.pathParams.length
          ? sometimes(fc.tuple(fc.constantFrom(...op.pathParams), idGarbage), 25)
          : fc.constant(undefined),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ body, query, headers, id }) => {
          const path = fillPath(op.path, id ? { ...owner.ids, [id[0]]: id[1] } : owner.ids);
          const url = query === undefined ? path : `${path}?${query}`;
          const sent: Record<string, string> = { cookie: headers.cookie ?? owner.cookie };
          if (headers.authorization !== undefined) sent.authorization = headers.authorization;
          if (headers['x-request-id'] !== undefined) sent['x-request-id'] = headers['x-request-id'];
          if (headers.extra) sent[headers.extra[0]] = headers.extra[1];
          if (body.contentType !== undefined) sent['content-type'] = body.contentType;
          const response = await t.call(op.method, url, { rawBody: body.text, headers: sent });
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          await expectRefusalLeftNoTrace(`${op.method} ${url.slice(0, 200)}`, response, baseline);
          if (response.status < 400) baseline = await snapshotDatabase(t.deps.db);
        }),
        { numRuns },
      );
      // HERALD_FUZZ_STATS=1 shows how often the handlers were reached (2xx, 404, 409, 422) rather than
      // stopped at the door (401, 413, 415).
      if (process.env.HERALD_FUZZ_STATS) console.log(op.label, statuses);
    });
  }
});

describe('specific bad requests', () => {
  const withBody = operations.filter((op) => op.bodySchema);

  it('malformed JSON is a 400 invalid_json on every route that takes a body', async () => {
    const owner = await fuzzOwnerFor();
    expect(withBody.length).toBeGreaterThan(5);
    const before = await snapshotDatabase(t.deps.db);
    for (const op of withBody) {
      const response = await t.call(op.method, fillPath(op.path, owner.ids), {
        cookie: owner.cookie,
        rawBody: '{"name": "unterminated',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status, op.label).toBe(400);
      expect(await json(response), op.label).toEqual({
        error: { code: 'invalid_json', message: expect.any(String) },
      });
    }
    expect(await snapshotDatabase(t.deps.db)).toEqual(before);
  });

  it('a body over BODY_LIMIT_BYTES is a 413 on every route that takes a body', async () => {
    const owner = await fuzzOwnerFor();
    const before = await snapshotDatabase(t.deps.db);
    for (const op of withBody) {
      const response = await t.call(op.method, fillPath(op.path, owner.ids), {
        cookie: owner.cookie,
        body: { name: 'x'.repeat(bodyLimit + 10) },
      });
      expect(response.status, op.label).toBe(413);
      expect(await json(response), op.label).toEqual({
        error: { code: 'payload_too_large', message: expect.any(String) },
      });
    }
    expect(await snapshotDatabase(t.deps.db)).toEqual(before);
  });

  it('a NUL character in an id, a query or a body is a 422 naming the field', async () => {
    const owner = await fuzzOwnerFor();
    const before = await snapshotDatabase(t.deps.db);
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', '/api/v1/workspaces/%00', undefined, 'workspaceId'],
      ['GET', '/api/v1/staff/users?q=a%00b', undefined, 'q'],
      ['PATCH', '/api/v1/me', { name: 'a\u0000b' }, 'name'],
      [
        'PUT',
        `/api/v1/workspaces/${owner.ids.workspaceId}/brand`,
        { tone: 'calm', keyMessages: '\u0000' },
        'keyMessages',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await t.call(method, path, { cookie: owner.cookie, body });
      expect(response.status, `${method} ${path}`).toBe(422);
      const { error } = await json<{ error: { code: string; details: Array<{ path: string }> } }>(response);
      expect(error.code).toBe('validation_failed');
      expect(error.details.map((d) => d.path)).toEqual([field]);
    }
    expect(await snapshotDatabase(t.deps.db)).toEqual(before);
  });

  it('a forged pagination cursor is a 422, whatever date or id it carries', async () => {
    const owner = await fuzzOwnerFor();
    const forged = [
      '-200000-01-01T00:00:00.000Z|x',
      '+200000-01-01T00:00:00.000Z|x',
      '2020-01-01|a\u0000b',
      'not a date|x',
      'x',
    ];
    for (const raw of forged) {
      const cursor = Buffer.from(raw).toString('base64url');
      for (const path of [
        `/api/v1/workspaces/${owner.ids.workspaceId}/audit-logs`,
        '/api/v1/staff/audit-logs',
        '/api/v1/staff/users',
      ]) {
        const response = await t.call('GET', `${path}?cursor=${cursor}`, { cookie: owner.cookie });
        expect(response.status, `${path} with ${JSON.stringify(raw)}`).toBe(422);
        expect(isErrorEnvelope(await response.json())).toBe(true);
      }
    }
  });

  it('inputs the fuzzing once turned into a 500 are refused with a 4xx and change nothing', async () => {
    const owner = await fuzzOwnerFor();
    const found: Array<[string, string, unknown]> = [
      // An empty planId skipped the plan check, then failed the foreign key.
      ['PUT', '/api/v1/staff/operation-costs', { operationType: 'fw_', planId: '', credits: 0 }],
      [
        'GET',
        `/api/v1/workspaces/${owner.ids.workspaceId}/audit-logs?cursor=${Buffer.from('-200000-01-01T00:00:00.000Z|x').toString('base64url')}`,
        undefined,
      ],
      ['DELETE', `/api/v1/workspaces/%00/members/${owner.ids.userId}`, undefined],
      // A lone surrogate has no UTF-8 form: the database failed on it.
      ['POST', `/api/v1/staff/users/${owner.ids.userId}/suspend`, { reason: '\ud800' }],
      ['PATCH', '/api/v1/me', { name: 'ok \udfff' }],
    ];
    for (const [method, path, body] of found) {
      const before = await snapshotDatabase(t.deps.db);
      const response = await t.call(method, path, { cookie: owner.cookie, body });
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
      expect(isErrorEnvelope(await response.json())).toBe(true);
      expect(await snapshotDatabase(t.deps.db)).toEqual(before);
    }
  });

  it('an unknown route is a 404 with the error envelope', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/no-such-thing'],
      ['POST', '/api/v1/workspaces/abc/no-such-thing'],
      ['GET', '/api/nothing-here'],
      ['PUT', '/api/v1/me'],
      ['POST', '/webhooks/nobody'],
    ] as const) {
      const response = await t.call(method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await json(response)).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('a validation failure is a 422 whose details name every bad path', async () => {
    const owner = await fuzzOwnerFor();
    const before = await snapshotDatabase(t.deps.db);
    const cases: Array<[string, string, unknown, string[]]> = [
      [
        'PATCH',
        '/api/v1/me',
        { name: '', language: 'de', timezone: 'Mars/Olympus' },
        ['language', 'name', 'timezone'],
      ],
      [
        'POST',
        `/api/v1/workspaces/${owner.ids.workspaceId}/invitations`,
        { email: 'not-an-email', role: 'king' },
        ['email', 'role'],
      ],
      [
        'PUT',
        `/api/v1/workspaces/${owner.ids.workspaceId}/brand`,
        { primaryColor: 'red', tone: 42 },
        ['primaryColor', 'tone'],
      ],
      ['GET', `/api/v1/workspaces/${owner.ids.workspaceId}/audit-logs?limit=0`, undefined, ['limit']],
    ];
    for (const [method, path, body, paths] of cases) {
      const response = await t.call(method, path, { cookie: owner.cookie, body });
      expect(response.status, `${method} ${path}`).toBe(422);
      const error = (
        await json<{ error: { code: string; details: Array<{ path: string; message: string }> } }>(response)
      ).error;
      expect(error.code).toBe('validation_failed');
      expect(error.details.map((d) => d.path).sort(), `${method} ${path}`).toEqual(paths);
      for (const detail of error.details) expect(detail.message).toEqual(expect.any(String));
    }
    expect(await snapshotDatabase(t.deps.db)).toEqual(before);
  });
});
