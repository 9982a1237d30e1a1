import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../src/server/features/channels/channels.table.ts';
import { defaultCategoryMapping } from '../src/server/features/github/categorize.ts';
import { githubRepositories } from '../src/server/features/github/github.table.ts';
import { createManualClock } from '../src/server/platform/clock.ts';
import { encryptSecret } from '../src/server/platform/crypto.ts';
import {
  type ApiOperation,
  createApiKeyFor,
  exampleOf,
  expectCreated,
  fillPath,
  inviteWithToken,
  loadApiOperations,
  type OpenApiDocument,
  snapshotDatabase,
  unknownId,
} from './api-surface.ts';
import { grantFeatures } from './feature-grants.ts';
import { type CallOptions, createTestApp, json, signUp, type TestApp } from './harness.ts';
import { putOnPlan } from './plan-fixtures.ts';

// Workspace A tries every /api/v1 route of the OpenAPI document against workspace B's ids, with a
// session and with an API key. Nothing may answer 2xx, leak B's data or write a single row.

let t: TestApp;
let doc: OpenApiDocument;
let operations: ApiOperation[];

interface Tenant {
  cookie: string;
  userId: string;
  workspaceId: string;
  apiKey: string;
  keyId: string;
}
let a: Tenant;
/** Candidate values for each path parameter, all belonging to workspace B or its people. */
let bIds: Record<string, string[]>;
/** Strings only B's data contains: none may appear in an answer to A. */
let bMarkers: string[];

async function setUpTenantA(email: string): Promise<Tenant> {
  const user = await signUp(t, email, 'Alice Anders');
  // A plan gate answers 402 before an id is looked at: A has the gated features, so the checks reach it.
  await grantFeatures(t, user.workspaceId, ['roadmap']);
  const key = await createApiKeyFor(t, user.cookie, user.workspaceId, 'read_write');
  return { ...user, apiKey: key.secret, keyId: key.apiKey.id };
}

beforeAll(async () => {
  // A frozen clock: an API key's last-used time is written at most once a minute, so after one
  // warm-up call no refused request writes it.
  t = await createTestApp({ clock: createManualClock(new Date()), workers: false });
  ({ doc, operations } = await loadApiOperations(t));
  a = await setUpTenantA('alice@tenant-a.example');

  const bob = await signUp(t, 'bob@tenant-b.example', 'Bob Brenner');
  const workspace = await expectCreated<{ id: string }>(
    t.call('POST', '/api/v1/workspaces', { cookie: bob.cookie, body: { name: 'Brenner Bakery' } }),
  );
  await putOnPlan(t, workspace.id, 'pro'); // a member and a pending invitation: 3 seats
  const bella = await signUp(t, 'bella@tenant-b.example', 'Bella Brenner');
  const joined = await inviteWithToken(t, bob.cookie, workspace.id, bella.email);
  await expectCreated(t.call('POST', `/api/v1/invitations/${joined.token}/accept`, { cookie: bella.cookie }));
  const pending = await inviteWithToken(t, bob.cookie, workspace.id, 'carl@tenant-b.example');
  const bKey = await createApiKeyFor(t, bob.cookie, workspace.id, 'read_write');
  await expectCreated(
    t.call('PUT', `/api/v1/workspaces/${workspace.id}/brand`, {
      cookie: bob.cookie,
      body: { brandName: 'Brenner Secret Recipes', tone: 'warm' },
    }),
  );
  const sessions = await json<{ items: Array<{ id: string }> }>(
    await t.call('GET', '/api/v1/me/sessions', { cookie: bob.cookie }),
  );
  const bobSession = sessions.items[0]?.id ?? '';
  const [bChannel] = await t.deps.db
    .insert(channels)
    .values({
      workspaceId: workspace.id,
      kind: 'x',
      name: 'Brenner on X',
      externalAccountId: 'brenner-x-account',
      accessTokenEncrypted: encryptSecret(t.deps.encryptionKey, 'brenner-x-token'),
    })
    .returning();
  const [bRepository] = await t.deps.db
    .insert(githubRepositories)
    .values({
      workspaceId: workspace.id,
      fullName: 'brenner-bakery/secret-recipes',
      slug: 'secret-recipes',
      authType: 'token',
      tokenEncrypted: encryptSecret(t.deps.encryptionKey, 'brenner-github-token'),
      webhookSecretEncrypted: encryptSecret(t.deps.encryptionKey, 'brenner-webhook-secret'),
      categoryMapping: defaultCategoryMapping,
    })
    .returning();

  bIds = {
    workspaceId: [workspace.id],
    userId: [bob.userId, bella.userId],
    keyId: [bKey.apiKey.id],
    invitationId: [pending.id],
    sessionId: [bobSession],
    token: [pending.token],
    channelId: [bChannel?.id ?? ''],
    repositoryId: [bRepository?.id ?? ''],
  };
  bMarkers = [
    workspace.id,
    bob.workspaceId,
    bob.userId,
    bella.userId,
    bob.email,
    bella.email,
    'carl@tenant-b.example',
    bKey.apiKey.id,
    bKey.apiKey.prefix,
    pending.id,
    bobSession,
    bChannel?.id ?? 'no-channel',
    'brenner-x-account',
    bRepository?.id ?? 'no-repository',
    'secret-recipes',
    'Brenner',
  ];
  expect((await t.call('GET', '/api/v1/me', { apiKey: a.apiKey })).status).toBe(200);
});
afterAll(() => t.close());

function credentialsOf(tenant: Tenant): Array<{ name: string; options: CallOptions }> {
  return [
    { name: 'session', options: { cookie: tenant.cookie } },
    { name: 'API key', options: { apiKey: tenant.apiKey } },
  ];
}

const idInputsOf = (op: ApiOperation) => [...op.pathParams, ...op.idQueryParams];

/** Every combination of B's candidate ids; with A's own workspace too, for ids nested under it. */
function targetsOf(op: ApiOperation): Array<Record<string, string>> {
  let combos: Array<Record<string, string>> = [{}];
  for (const param of idInputsOf(op)) {
    // A parameter this file has no B row for yet still checks the workspace filter with an unknown
    // id; give B a real row in beforeAll to check the row filter too.
    const candidates = bIds[param] ?? [unknownId];
    combos = combos.flatMap((combo) => candidates.map((value) => ({ ...combo, [param]: value })));
  }
  const nested = idInputsOf(op).includes('workspaceId') && idInputsOf(op).length > 1;
  return nested ? [...combos, ...combos.map((combo) => ({ ...combo, workspaceId: a.workspaceId }))] : combos;
}

/** The path with its ids filled in, and id query parameters appended. */
function urlOf(op: ApiOperation, values: Record<string, string>): string {
  const query = new URLSearchParams(op.idQueryParams.map((name) => [name, values[name] ?? unknownId]));
  return op.idQueryParams.length ? `${fillPath(op.path, values)}?${query}` : fillPath(op.path, values);
}

async function callAndCheckNoWrite(op: ApiOperation, path: string, options: CallOptions) {
  const before = await snapshotDatabase(t.deps.db);
  const body = op.bodySchema ? exampleOf(op.bodySchema, doc) : undefined;
  const response = await t.call(op.method, path, { ...options, body });
  const text = await response.text();
  expect(await snapshotDatabase(t.deps.db), `${op.method} ${path} wrote to the database`).toEqual(before);
  return { status: response.status, text };
}

/**
 * For calls without B's ids: a refused one writes nothing; an answered one may write the caller's
 * own rows (a read can start this month's credit grant, say) but never a row of B's.
 */
async function callTouchingOnlyOwnRows(op: ApiOperation, path: string, options: CallOptions) {
  const before = await snapshotDatabase(t.deps.db);
  const beforeB = await snapshotDatabase(t.deps.db, { mentioning: bMarkers });
  const body = op.bodySchema ? exampleOf(op.bodySchema, doc) : undefined;
  const response = await t.call(op.method, path, { ...options, body });
  const text = await response.text();
  const label = `${op.method} ${path} answered ${response.status}`;
  expect(response.status, `${label}: ${text}`).toBeLessThan(500);
  expect(
    await snapshotDatabase(t.deps.db, { mentioning: bMarkers }),
    `${label} and touched B's rows`,
  ).toEqual(beforeB);
  if (response.status >= 400) expect(await snapshotDatabase(t.deps.db), `${label} but wrote`).toEqual(before);
  return { status: response.status, text };
}

function expectNoLeak(label: string, text: string) {
  for (const marker of bMarkers) expect(text, `${label} leaked ${marker}`).not.toContain(marker);
}

describe('tenant isolation', () => {
  it('the OpenAPI document lists the routes these checks walk', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.filter((op) => op.pathParams.includes('workspaceId')).length).toBeGreaterThan(10);
  });

  it("every route given workspace B's ids refuses A's session and A's API key and writes nothing", async () => {
    let calls = 0;
    for (const op of operations.filter((o) => idInputsOf(o).length > 0)) {
      // A token in the path is a secret link, not an id: whoever holds it may see what it offers.
      const isCapability = op.pathParams.includes('token');
      for (const target of targetsOf(op)) {
        const path = urlOf(op, target);
        for (const credential of credentialsOf(a)) {
          const label = `${op.method} ${path} with A's ${credential.name}`;
          const { status, text } = await callAndCheckNoWrite(op, path, credential.options);
          calls++;
          if (op.isPublic) {
            expect(status, label).toBeLessThan(500);
            continue;
          }
          expect([403, 404], `${label} answered ${status}: ${text}`).toContain(status);
          if (!isCapability) expectNoLeak(label, text);
        }
      }
    }
    expect(calls).toBeGreaterThan(40);
  });

  it("routes without ids show A only A's own data", async () => {
    for (const op of operations.filter((o) => o.pathParams.length === 0 && o.method === 'GET')) {
      for (const credential of credentialsOf(a)) {
        const label = `${op.label} with A's ${credential.name}`;
        const { status, text } = await callTouchingOnlyOwnRows(op, op.path, credential.options);
        // 422: a session must say which workspace (`?workspaceId=`) where an API key has its own.
        expect([200, 403, 422], `${label} answered ${status}: ${text}`).toContain(status);
        expectNoLeak(label, text);
      }
    }
    for (const credential of credentialsOf(a)) {
      const list = await json<{ items: Array<{ id: string }> }>(
        await t.call('GET', '/api/v1/workspaces', credential.options),
      );
      expect(list.items.map((w) => w.id)).toEqual([a.workspaceId]);
    }
  });

  it('staff routes answer 403 to a workspace owner who is not staff, with a session or an API key', async () => {
    const staffOps = operations.filter((op) => op.path.startsWith('/api/v1/staff/'));
    expect(staffOps.length).toBeGreaterThan(0);
    for (const op of staffOps) {
      const path = fillPath(op.path, { userId: a.userId });
      for (const credential of credentialsOf(a)) {
        const { status, text } = await callAndCheckNoWrite(op, path, credential.options);
        expect(status, `${op.label} with A's ${credential.name}: ${text}`).toBe(403);
      }
    }
  });

  it("routes without ids that write change only the caller's own data", async () => {
    // A fresh tenant, because DELETE /me signs its caller out for good.
    const ada = await setUpTenantA('ada@tenant-a.example');
    expect((await t.call('GET', '/api/v1/me', { apiKey: ada.apiKey })).status).toBe(200);
    const writes = operations
      .filter((op) => idInputsOf(op).length === 0 && op.method !== 'GET')
      .sort((x, y) => Number(x.method === 'DELETE') - Number(y.method === 'DELETE'));
    expect(writes.length).toBeGreaterThan(0);
    for (const op of writes) {
      for (const credential of credentialsOf(ada).reverse()) {
        const { text } = await callTouchingOnlyOwnRows(op, op.path, credential.options);
        expectNoLeak(`${op.label} with Ada's ${credential.name}`, text);
      }
    }
  });

  it('a revoked API key is refused with 401 and writes nothing', async () => {
    const key = await createApiKeyFor(t, a.cookie, a.workspaceId, 'read_write');
    const revoke = await t.call('DELETE', `/api/v1/workspaces/${a.workspaceId}/api-keys/${key.apiKey.id}`, {
      cookie: a.cookie,
    });
    expect(revoke.status).toBe(204);
    const before = await snapshotDatabase(t.deps.db);
    for (const path of [`/api/v1/workspaces/${a.workspaceId}`, '/api/v1/me', '/api/v1/workspaces']) {
      const response = await t.call('GET', path, { apiKey: key.secret });
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({
        error: { code: 'unauthenticated', message: expect.any(String) },
      });
    }
    expect(await snapshotDatabase(t.deps.db)).toEqual(before);
  });

  it('a read-scope API key reads its own workspace but every write route there answers 403 and writes nothing', async () => {
    const key = await createApiKeyFor(t, a.cookie, a.workspaceId, 'read');
    const own = await inviteWithToken(t, a.cookie, a.workspaceId, 'anna@tenant-a.example');
    expect((await t.call('GET', `/api/v1/workspaces/${a.workspaceId}`, { apiKey: key.secret })).status).toBe(
      200,
    );
    const ownIds = {
      workspaceId: a.workspaceId,
      userId: a.userId,
      keyId: a.keyId,
      invitationId: own.id,
      sessionId: 'unused',
      token: own.token,
    };
    const writes = operations.filter((op) => idInputsOf(op).includes('workspaceId') && op.method !== 'GET');
    expect(writes.length).toBeGreaterThan(5);
    for (const op of writes) {
      const path = urlOf(op, ownIds);
      const { status, text } = await callAndCheckNoWrite(op, path, { apiKey: key.secret });
      expect(status, `${op.method} ${path} with a read key: ${text}`).toBe(403);
    }
  });
});
