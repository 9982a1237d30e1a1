import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../../test/harness.ts';
import { systemAudit } from '../audit/audit.service.ts';
import { auditLogs } from '../audit/audit.table.ts';
import { addStaffMember } from '../staff/staff.service.ts';
import { subscribers } from './subscribers.table.ts';

// Staff (admin roles) import and export the subscribers of a workspace they are not a member of;
// support staff and ordinary users cannot; the import is audited as staff.

let t: TestApp;
type User = Awaited<ReturnType<typeof signUp>>;
let owner: User;
let staffAdmin: User;
let support: User;
let stranger: User;

beforeAll(async () => {
  t = await createTestApp({ workers: false });
  owner = await signUp(t, 'moving-customer@example.com', 'Mo Customer');
  staffAdmin = await signUp(t, 'staff-admin@herald.test', 'Sam Staff');
  support = await signUp(t, 'staff-support@herald.test', 'Sue Support');
  stranger = await signUp(t, 'stranger@example.com', 'Stan Stranger');
  await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), staffAdmin.email, 'admin');
  await addStaffMember(t.deps.db, systemAudit(t.deps.authSecret), support.email, 'support');
});
afterAll(() => t.close());

const base = (workspaceId: string) => `/api/v1/staff/workspaces/${workspaceId}/subscribers`;
const csv = ['email,preference', 'ann@example.com,all', 'bob@example.com,major', 'nope,all'].join('\n');
const importAs = (user: User, workspaceId = owner.workspaceId) =>
  t.call('POST', `${base(workspaceId)}/import`, {
    cookie: user.cookie,
    rawBody: csv,
    headers: { 'content-type': 'text/csv' },
  });
const rowsOf = () =>
  t.deps.db.select().from(subscribers).where(eq(subscribers.workspaceId, owner.workspaceId));

describe('staff and subscribers', () => {
  it('support staff and users who are not staff can neither import nor export, and nothing is written', async () => {
    for (const user of [support, stranger, owner]) {
      expect((await importAs(user)).status, user.email).toBe(403);
      expect((await t.call('GET', `${base(owner.workspaceId)}/export`, { cookie: user.cookie })).status).toBe(
        403,
      );
    }
    expect((await t.call('GET', `${base(owner.workspaceId)}/export`)).status).toBe(401);
    expect(await rowsOf()).toHaveLength(0);
  });

  it('a staff admin imports confirmed subscribers into a customer workspace, audited as staff, and exports them', async () => {
    const response = await importAs(staffAdmin);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ imported: 2, rejected: [{ row: 3 }] });
    const rows = await rowsOf();
    expect(rows.map((r) => [r.email, r.status, r.source, r.preference]).sort()).toEqual([
      ['ann@example.com', 'confirmed', 'import', 'all'],
      ['bob@example.com', 'confirmed', 'import', 'major'],
    ]);
    const [audit] = await t.deps.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.workspaceId, owner.workspaceId), eq(auditLogs.actorId, staffAdmin.userId)));
    expect(audit).toMatchObject({ actorType: 'staff' });

    const exported = await t.call('GET', `${base(owner.workspaceId)}/export`, { cookie: staffAdmin.cookie });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const text = await exported.text();
    expect(text).toContain('ann@example.com');
    expect(text).toContain('bob@example.com');
  });

  it('an unknown workspace is 404 and a body that is not CSV is 415, writing nothing', async () => {
    const missing = await importAs(staffAdmin, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const before = (await rowsOf()).length;
    const json = await t.call('POST', `${base(owner.workspaceId)}/import`, {
      cookie: staffAdmin.cookie,
      body: { email: 'carol@example.com' },
    });
    expect(json.status).toBe(415);
    expect(await rowsOf()).toHaveLength(before);
  });
});
