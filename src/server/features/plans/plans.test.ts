import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, signUp, type TestApp } from '../../../../test/harness.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { addStaffMember } from '../staff/staff.service.ts';
import { recordUsage } from '../usage/usage.service.ts';
import { defaultFeatures } from './plans.catalogue.ts';
import { can, getPlanByKey, getWorkspacePlan, listPlans } from './plans.service.ts';
import { meteredUnits } from './plans.table.ts';

type User = Awaited<ReturnType<typeof signUp>>;
interface PlanView {
  id: string;
  key: string;
  name: string;
  isActive: boolean;
  sortOrder: number;
  limits: Record<string, number | null>;
  features: string[];
  providerPriceIds?: Record<string, string>;
  [field: string]: unknown;
}
interface Entitlements {
  plan: { key: string; name: string };
  features: Record<string, boolean>;
  usage: Array<{ unit: string; used: number; limit: number | null; remaining: number | null }>;
  credits: { balance: number };
  resetsAt: string;
}

const chefSocialKeys = [
  'voice_content_creation',
  'natural_conversation',
  'multi_platform_optimization',
  'brand_voice_learning',
  'analytics_insights',
  'team_collaboration',
  'priority_support',
  'white_label',
  'custom_integrations',
];

let t: TestApp;
let staff: User;
let customer: User;
beforeAll(async () => {
  t = await createTestApp();
  staff = await signUp(t, 'plans-staff@herald.test', 'Pat Staff');
  await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), staff.email, 'admin');
  customer = await signUp(t, 'plans-customer@example.com', 'Cam Customer');
});
afterAll(() => t.close());

const setOverride = (
  workspaceId: string,
  featureKey: string,
  isEnabled: boolean | null,
  cookie = staff.cookie,
) =>
  t.call('PUT', `/api/v1/staff/workspaces/${workspaceId}/features/${featureKey}`, {
    cookie,
    body: { isEnabled },
  });

const fullPlanBody = {
  key: 'agency',
  name: 'Agency',
  description: 'For agencies running many brands.',
  priceMonthlyCents: 4900,
  priceYearlyCents: 49000,
  currency: 'eur',
  monthlyCredits: 1500,
  limits: {
    generations: 2000,
    entries_published: 400,
    ai_rewrites: 800,
    voice_minutes: 600,
    images: 300,
    videos: 40,
    api_calls: 100_000,
    seats: 25,
    connected_repos: 30,
    storage_bytes: 10 * 1024 ** 3,
  },
  overagePrices: { generations: 4, images: 10 },
  badge: 'New',
  isHighlighted: true,
  ctaType: 'link',
  ctaLabel: 'Start now',
  ctaUrl: 'https://herald.example/agency',
  sortOrder: 5,
  isActive: true,
  billingSource: 'stripe',
  providerPriceIds: { 'stripe:monthly': 'price_agency_m', 'stripe:yearly': 'price_agency_y' },
  features: ['white_label', 'team_collaboration', 'priority_support'],
};

describe('the seeded catalogue', () => {
  it('has free, pro and business with their limits and credits, and the nine ChefSocial features', async () => {
    const free = await getPlanByKey(t.deps.db, 'free');
    const pro = await getPlanByKey(t.deps.db, 'pro');
    const business = await getPlanByKey(t.deps.db, 'business');
    expect(free).toMatchObject({ monthlyCredits: 10, limits: expect.objectContaining({ generations: 10 }) });
    expect(pro).toMatchObject({ monthlyCredits: 500, limits: expect.objectContaining({ generations: 500 }) });
    expect(business?.limits).toEqual({});
    const catalogue = defaultFeatures.map(([key]) => key);
    expect(catalogue).toEqual(expect.arrayContaining(chefSocialKeys));

    const plans = await listPlans(t.deps.db, { activeOnly: true });
    const featuresOf = (key: string) => plans.find((p) => p.key === key)?.features ?? [];
    expect(featuresOf('business')).toEqual([...catalogue].sort());
    expect(featuresOf('pro')).toEqual(expect.arrayContaining(['brand_voice_learning', 'team_collaboration']));
    expect(featuresOf('pro')).not.toContain('white_label');
    expect(featuresOf('free')).not.toContain('llm_providers');
    for (const key of chefSocialKeys) {
      expect(
        plans.some((p) => p.features.includes(key)),
        key,
      ).toBe(true);
    }
  });

  it('a new workspace is on free, and business is unlimited for every metered unit', async () => {
    const plan = await getWorkspacePlan(t.deps.db, customer.workspaceId);
    expect(plan.key).toBe('free');
    const owner = await signUp(t, 'big-spender@example.com');
    const set = await t.call('PUT', `/api/v1/staff/workspaces/${owner.workspaceId}/plan`, {
      cookie: staff.cookie,
      body: { planKey: 'business' },
    });
    expect(set.status).toBe(204);
    await recordUsage(t.deps, t.deps.db, {
      workspaceId: owner.workspaceId,
      unit: 'generations',
      quantity: 100_000,
    });
    const entitlements = await json<Entitlements>(
      await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/entitlements`, { cookie: owner.cookie }),
    );
    expect(entitlements.usage.map((u) => u.unit)).toEqual([...meteredUnits]);
    for (const line of entitlements.usage) expect(line.limit, line.unit).toBeNull();
    expect(entitlements.usage.find((u) => u.unit === 'generations')).toMatchObject({
      used: 100_000,
      remaining: null,
    });
  });
});

describe('can()', () => {
  it('follows the plan until staff grant or revoke a feature for one workspace, and follows it again after', async () => {
    const owner = await signUp(t, 'flags@example.com');
    const other = await signUp(t, 'flags-neighbour@example.com');
    expect(await can(t.deps.db, owner.workspaceId, 'changelog_widget')).toBe(true);
    expect(await can(t.deps.db, owner.workspaceId, 'white_label')).toBe(false);

    expect((await setOverride(owner.workspaceId, 'white_label', true)).status).toBe(204);
    expect((await setOverride(owner.workspaceId, 'changelog_widget', false)).status).toBe(204);
    expect(await can(t.deps.db, owner.workspaceId, 'white_label')).toBe(true);
    expect(await can(t.deps.db, owner.workspaceId, 'changelog_widget')).toBe(false);
    expect(await can(t.deps.db, other.workspaceId, 'white_label')).toBe(false);
    expect(await can(t.deps.db, other.workspaceId, 'changelog_widget')).toBe(true);

    const entitlements = await json<Entitlements>(
      await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/entitlements`, { cookie: owner.cookie }),
    );
    expect(entitlements.features).toMatchObject({ white_label: true, changelog_widget: false });

    // An override wins over a plan change too.
    await t.call('PUT', `/api/v1/staff/workspaces/${owner.workspaceId}/plan`, {
      cookie: staff.cookie,
      body: { planKey: 'business' },
    });
    expect(await can(t.deps.db, owner.workspaceId, 'changelog_widget')).toBe(false);

    expect((await setOverride(owner.workspaceId, 'changelog_widget', null)).status).toBe(204);
    expect(await can(t.deps.db, owner.workspaceId, 'changelog_widget')).toBe(true);
  });

  it('an unknown feature is never granted, and overriding it is 404', async () => {
    expect(await can(t.deps.db, customer.workspaceId, 'time_travel')).toBe(false);
    expect((await setOverride(customer.workspaceId, 'time_travel', true)).status).toBe(404);
    expect((await setOverride('no-such-workspace', 'white_label', true)).status).toBe(404);
  });

  it('a customer cannot grant themselves a feature', async () => {
    const response = await setOverride(customer.workspaceId, 'white_label', true, customer.cookie);
    expect(response.status).toBe(403);
    expect(await can(t.deps.db, customer.workspaceId, 'white_label')).toBe(false);
  });
});

describe('entitlements', () => {
  it('an API key reads its own workspace entitlements: plan, features, usage left, credits and reset time', async () => {
    const owner = await signUp(t, 'entitled@example.com');
    const created = await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
      cookie: owner.cookie,
      body: { name: 'build bot', scope: 'read' },
    });
    const { secret } = await json<{ secret: string }>(created);
    await recordUsage(t.deps, t.deps.db, {
      workspaceId: owner.workspaceId,
      unit: 'generations',
      quantity: 3,
    });

    const byKey = await t.call('GET', '/api/v1/entitlements', { apiKey: secret });
    expect(byKey.status).toBe(200);
    const entitlements = await json<Entitlements>(byKey);
    expect(entitlements.plan).toEqual({ key: 'free', name: 'Free' });
    expect(Object.keys(entitlements.features).sort()).toEqual(defaultFeatures.map(([key]) => key).sort());
    expect(entitlements.features.voice_content_creation).toBe(true);
    expect(entitlements.usage.find((u) => u.unit === 'generations')).toMatchObject({
      used: 3,
      limit: 10,
      remaining: 7,
    });
    expect(entitlements.credits).toEqual({ balance: 10 });
    expect(new Date(entitlements.resetsAt).getTime()).toBeGreaterThan(Date.now());

    const bySession = await t.call('GET', `/api/v1/workspaces/${owner.workspaceId}/entitlements`, {
      cookie: owner.cookie,
    });
    expect(await json<Entitlements>(bySession)).toEqual(entitlements);
  });

  it('another workspace entitlements are not found, by key or by session', async () => {
    const owner = await signUp(t, 'nosy@example.com');
    const created = await t.call('POST', `/api/v1/workspaces/${owner.workspaceId}/api-keys`, {
      cookie: owner.cookie,
      body: { name: 'nosy', scope: 'read' },
    });
    const { secret } = await json<{ secret: string }>(created);
    const path = `/api/v1/workspaces/${customer.workspaceId}/entitlements`;
    expect((await t.call('GET', path, { apiKey: secret })).status).toBe(404);
    expect((await t.call('GET', path, { cookie: owner.cookie })).status).toBe(404);
    expect(
      (await t.call('GET', `/api/v1/entitlements?workspaceId=${customer.workspaceId}`, { apiKey: secret }))
        .status,
    ).toBe(404);
    expect((await t.call('GET', path)).status).toBe(401);
  });
});

describe('staff manage plans', () => {
  it('staff create a plan with every field, it is listed publicly without provider ids, and staff change it', async () => {
    const created = await t.call('POST', '/api/v1/staff/plans', { cookie: staff.cookie, body: fullPlanBody });
    expect(created.status).toBe(201);
    const plan = await json<PlanView>(created);
    const { features, ...fields } = fullPlanBody;
    expect(plan).toMatchObject(fields);
    expect([...plan.features].sort()).toEqual([...features].sort());

    const pub = await json<{ items: PlanView[] }>(await t.call('GET', '/api/v1/plans'));
    const listed = pub.items.find((p) => p.key === 'agency');
    const { providerPriceIds: _hidden, ...publicFields } = fields;
    expect(listed).toMatchObject(publicFields);
    expect(listed).not.toHaveProperty('providerPriceIds');

    const patched = await t.call('PATCH', `/api/v1/staff/plans/${plan.id}`, {
      cookie: staff.cookie,
      body: { name: 'Agency Plus', priceMonthlyCents: 5900, features: ['white_label'] },
    });
    expect(patched.status).toBe(200);
    const updated = await json<PlanView>(patched);
    expect(updated).toMatchObject({ ...fields, name: 'Agency Plus', priceMonthlyCents: 5900 });
    expect(updated.features).toEqual(['white_label']);
    const stored = await getPlanByKey(t.deps.db, 'agency');
    expect(stored).toMatchObject({ ...fields, name: 'Agency Plus', priceMonthlyCents: 5900 });
  });

  it('the public plan list shows only active plans, ordered by sort order', async () => {
    for (const [key, sortOrder, isActive] of [
      ['zeta', 3, true],
      ['alpha', 4, true],
      ['retired', 1, false],
    ] as const) {
      const response = await t.call('POST', '/api/v1/staff/plans', {
        cookie: staff.cookie,
        body: { key, name: key, sortOrder, isActive },
      });
      expect(response.status).toBe(201);
    }
    const response = await t.call('GET', '/api/v1/plans');
    expect(response.status).toBe(200);
    const { items } = await json<{ items: PlanView[] }>(response);
    expect(items.every((p) => p.isActive)).toBe(true);
    expect(items.map((p) => p.key)).not.toContain('retired');
    const orders = items.map((p) => p.sortOrder);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(items.map((p) => p.key).slice(0, 3)).toEqual(['free', 'pro', 'business']);
    expect(items.map((p) => p.key).indexOf('zeta')).toBeLessThan(items.map((p) => p.key).indexOf('alpha'));

    const all = await json<{ items: PlanView[] }>(
      await t.call('GET', '/api/v1/staff/plans', { cookie: staff.cookie }),
    );
    expect(all.items.map((p) => p.key)).toContain('retired');
  });

  it('a customer cannot list, create or change plans through the staff routes', async () => {
    const free = await getPlanByKey(t.deps.db, 'free');
    expect((await t.call('GET', '/api/v1/staff/plans', { cookie: customer.cookie })).status).toBe(403);
    const create = await t.call('POST', '/api/v1/staff/plans', {
      cookie: customer.cookie,
      body: { key: 'sneaky', name: 'Sneaky' },
    });
    expect(create.status).toBe(403);
    const patch = await t.call('PATCH', `/api/v1/staff/plans/${free?.id}`, {
      cookie: customer.cookie,
      body: { limits: { generations: 1_000_000 } },
    });
    expect(patch.status).toBe(403);
    expect(
      (await t.call('POST', '/api/v1/staff/plans', { body: { key: 'anon', name: 'Anon' } })).status,
    ).toBe(401);
    expect(await getPlanByKey(t.deps.db, 'sneaky')).toBeNull();
    expect((await getPlanByKey(t.deps.db, 'free'))?.limits.generations).toBe(10);
  });

  it('invalid plan bodies are refused with 422 and the path of each problem; a taken key is 409', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['no key', { name: 'Nameless key' }, 'key'],
      ['key with capitals', { key: 'Bad Key', name: 'x' }, 'key'],
      ['negative price', { key: 'neg', name: 'x', priceMonthlyCents: -1 }, 'priceMonthlyCents'],
      ['fractional credits', { key: 'frac', name: 'x', monthlyCredits: 1.5 }, 'monthlyCredits'],
      ['unknown metered unit', { key: 'unit', name: 'x', limits: { tweets: 3 } }, 'limits'],
      ['currency in capitals', { key: 'cur', name: 'x', currency: 'USD' }, 'currency'],
      ['CTA URL that is not a URL', { key: 'cta', name: 'x', ctaUrl: 'click here' }, 'ctaUrl'],
      ['unknown billing source', { key: 'src', name: 'x', billingSource: 'paypal' }, 'billingSource'],
      ['unknown field', { key: 'extra', name: 'x', discount: 50 }, ''],
      ['unknown feature', { key: 'feat', name: 'x', features: ['time_travel'] }, 'features'],
    ];
    for (const [label, body, path] of cases) {
      const response = await t.call('POST', '/api/v1/staff/plans', { cookie: staff.cookie, body });
      expect(response.status, label).toBe(422);
      const { error } = await json<{ error: { code: string; details: Array<{ path: string }> } }>(response);
      expect(error.code, label).toBe('validation_failed');
      if (path) expect(error.details.map((d) => d.path).join(' '), label).toContain(path);
    }
    const free = await getPlanByKey(t.deps.db, 'free');
    const badPatch = await t.call('PATCH', `/api/v1/staff/plans/${free?.id}`, {
      cookie: staff.cookie,
      body: { sortOrder: -3 },
    });
    expect(badPatch.status).toBe(422);
    const taken = await t.call('POST', '/api/v1/staff/plans', {
      cookie: staff.cookie,
      body: { key: 'pro', name: 'Pro 2' },
    });
    expect(taken.status).toBe(409);
    const renamedOnto = await t.call('PATCH', `/api/v1/staff/plans/${free?.id}`, {
      cookie: staff.cookie,
      body: { key: 'pro' },
    });
    expect(renamedOnto.status).toBe(409);
    const missing = await t.call('PATCH', '/api/v1/staff/plans/no-such-plan', {
      cookie: staff.cookie,
      body: { name: 'Ghost' },
    });
    expect(missing.status).toBe(404);
  });
});
